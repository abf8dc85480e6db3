/**
 * Keeps secrets out of logs. Two nets: fields whose *name* sounds sensitive are replaced
 * whole, and strings anywhere are scanned for secret *shapes* (Entra client secret values,
 * JWTs, bearer headers, form-encoded credentials) so a secret that slips into an error message
 * or a URL is masked too. Applied by the logger to every message and field.
 */

/** Field names whose values are always replaced. */
export const SENSITIVE_KEY =
  /secret|password|passwd|token|authorization|cookie|assertion|credential|api_?key|private_?key|signing_?key|encryption_?key|account_?key|^key$/i;

export const REDACTED = '[redacted]';

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Entra ID client secret values: three characters, a digit, "Q~", then 31-34 more.
  [/[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34}/g, '[redacted-secret]'],
  // JWTs (access and id tokens, client assertions): header and payload both start with eyJ.
  [/eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  // Authorization header values.
  [/\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi, '$1 [redacted]'],
  // Form or query encoded credentials (token requests echoed in error text).
  [/\b(client_secret|client_assertion|password|refresh_token|access_token|id_token)=[^&\s"']+/gi, '$1=[redacted]'],
  // The admin sign-in's authorization code, PKCE verifier and single-use state in a callback
  // URL: long values only, so "code=500" in an error text stays readable.
  [/\b(code|code_verifier|state)=[^&\s"']{16,}/gi, '$1=[redacted]'],
  // Azure Storage connection strings and SAS tokens.
  [/\b(AccountKey|SharedAccessKey|SharedAccessSignature|sig)=[^;&\s"']+/gi, '$1=[redacted]'],
];

/**
 * Every pattern above needs one of these, so text without any (most log fields: event names,
 * ids, numbers as text) skips the five replaces; logging runs on every turn.
 */
const MAY_HOLD_SECRET = /Q~|eyJ|bearer|=/i;

/** Masks secret-shaped substrings in free text (error messages, URLs, user text). */
export function maskSecrets(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement);
  }
  return out;
}

/** True when a field of this name must never be logged as is. */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

export interface RedactOptions {
  /** Include (masked) error stacks; the logger turns this on only at debug level. */
  readonly includeStack?: boolean;
  /** Nesting beyond this depth is summarised; default 8. */
  readonly maxDepth?: number;
}

/**
 * Returns a JSON-safe copy of `value` with sensitive fields replaced, secret shapes masked,
 * Errors reduced to name/message (and stack only when asked), cycles marked, and exotic values
 * (functions, symbols, bigints, buffers) turned into short descriptions. Never throws.
 */
export function redact(value: unknown, options: RedactOptions = {}): unknown {
  return walk(value, options, new WeakSet<object>(), 0);
}

function walk(value: unknown, options: RedactOptions, ancestors: WeakSet<object>, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      return maskSecrets(value);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
    default:
      break;
  }
  if (value === null) return null;
  const object = value as object;
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (Buffer.isBuffer(object) || ArrayBuffer.isView(object))
    return `[binary ${(object as ArrayBufferView).byteLength} bytes]`;
  if (object instanceof RegExp) return maskSecrets(object.toString());
  if (ancestors.has(object)) return '[circular]';
  if (depth >= (options.maxDepth ?? 8)) return '[too deep]';
  ancestors.add(object);
  try {
    if (object instanceof Error) return walkError(object, options, ancestors, depth);
    if (Array.isArray(object)) return object.map((item) => walk(item, options, ancestors, depth + 1));
    if (object instanceof Map) {
      return walkEntries(
        [...object.entries()].map(([k, v]) => [String(k), v]),
        options,
        ancestors,
        depth,
      );
    }
    if (object instanceof Set) return [...object].map((item) => walk(item, options, ancestors, depth + 1));
    return walkEntries(safeEntries(object), options, ancestors, depth);
  } finally {
    ancestors.delete(object);
  }
}

function walkEntries(
  entries: ReadonlyArray<readonly [string, unknown]>,
  options: RedactOptions,
  ancestors: WeakSet<object>,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    if (item === undefined) continue;
    out[key] = isSensitiveKey(key) ? REDACTED : walk(item, options, ancestors, depth + 1);
  }
  return out;
}

function walkError(
  error: Error,
  options: RedactOptions,
  ancestors: WeakSet<object>,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: maskSecrets(String(error.name)),
    message: maskSecrets(String(error.message)),
  };
  const extra = error as Error & { code?: unknown; statusCode?: unknown; status?: unknown };
  for (const field of ['code', 'statusCode', 'status'] as const) {
    const item = extra[field];
    if (typeof item === 'string' || typeof item === 'number') out[field] = walk(item, options, ancestors, depth + 1);
  }
  if (options.includeStack && typeof error.stack === 'string') out.stack = maskSecrets(error.stack);
  if (error.cause !== undefined) out.cause = walk(error.cause, options, ancestors, depth + 1);
  return out;
}

/** Own enumerable entries, tolerating getters that throw and proxies that refuse. */
function safeEntries(object: object): Array<[string, unknown]> {
  let keys: string[];
  try {
    keys = Object.keys(object);
  } catch {
    return [['unreadable', true]];
  }
  return keys.map((key): [string, unknown] => {
    try {
      return [key, (object as Record<string, unknown>)[key]];
    } catch {
      return [key, '[unreadable]'];
    }
  });
}
