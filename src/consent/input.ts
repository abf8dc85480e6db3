import { isDomain, isGuid } from './identifiers';
import type { ConnectorInput, InputField } from './report';

export { extractCredentialsFromText, looksLikeClientSecret } from './credentialText';
export type { ExtractedCredentials } from './credentialText';

/** The result of checking one field: the cleaned value, or a message a person can act on. */
export type FieldCheck = { ok: true; value: string } | { ok: false; message: string };

/** A field refused, with what is wrong and how to fix it (never the value itself). */
const refuse = (message: string): FieldCheck => ({ ok: false, message });

export type ParsedInput =
  { ok: true; value: ConnectorInput } | { ok: false; errors: { field: InputField; message: string }[] };

/** Anything longer is not a tenant, a client id or a secret, whatever was pasted. */
export const MAX_FIELD_LENGTH = 1024;

/** GUID-ish: right alphabet and dashes, wrong grouping or length. */
const ALMOST_GUID = /^[0-9a-f-]{20,40}$/i;
const MULTI_TENANT_ALIASES = new Set(['common', 'organizations', 'consumers']);
/** Quotes, backticks and invisible characters that copy-paste adds around a value. */
const STRAY_EDGE = /[\s"'`\u2018\u2019\u201c\u201d\u00ab\u00bb\u200b-\u200d\u2060\ufeff]/;

/** Removes whitespace, quotes, backticks and zero-width characters from both ends (linear time). */
export function stripStrayCharacters(raw: string): string {
  let start = 0;
  let end = raw.length;
  while (start < end && STRAY_EDGE.test(raw[start] ?? '')) start += 1;
  while (end > start && STRAY_EDGE.test(raw[end - 1] ?? '')) end -= 1;
  return raw.slice(start, end);
}

function tooLong(what: string, length: number): string {
  return `That is far too long to be ${what} (${length} characters). Copy just the one value and try again.`;
}

/** Tenant: the Directory (tenant) ID or a domain such as contoso.onmicrosoft.com. */
export function validateTenant(raw: string): FieldCheck {
  const cleaned = cleanField(raw, 'tenant');
  if (!cleaned.ok) return cleaned;
  const value = cleaned.value;
  if (value === '') {
    return refuse(
      "Enter your tenant: the Directory (tenant) ID from the app registration's Overview page, or a domain such as contoso.onmicrosoft.com.",
    );
  }
  if (isGuid(value)) return { ok: true, value: value.toLowerCase() };
  const lower = value.toLowerCase();
  if (MULTI_TENANT_ALIASES.has(lower)) {
    return refuse(
      `"${lower}" is not a tenant of its own. Enter your organisation's Directory (tenant) ID or its domain, such as contoso.onmicrosoft.com.`,
    );
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return refuse(
      'That is a web address. Enter only the Directory (tenant) ID or the domain, such as contoso.onmicrosoft.com.',
    );
  }
  if (value.includes('@')) {
    return refuse(
      'That looks like an email address. Enter only the domain after the @ (for example contoso.onmicrosoft.com) or the Directory (tenant) ID.',
    );
  }
  if (ALMOST_GUID.test(value) && value.includes('-')) {
    return refuse(
      'That looks like a tenant ID but is not complete: a tenant ID has 32 hexadecimal digits in five groups (8-4-4-4-12). Copy it again from the Overview page.',
    );
  }
  if (isDomain(value)) return { ok: true, value: lower };
  return refuse(
    'That is neither a tenant ID nor a domain. Use the Directory (tenant) ID (a GUID such as 2f4a9c1e-6b3d-4e8f-a5c7-1d9e0b2f6a4c) or a domain such as contoso.onmicrosoft.com.',
  );
}

/** Client id: the Application (client) ID GUID of the app registration. */
export function validateClientId(raw: string): FieldCheck {
  const cleaned = cleanField(raw, 'client id');
  if (!cleaned.ok) return cleaned;
  const value = cleaned.value;
  if (value === '') {
    return refuse("Enter the client id: the Application (client) ID from the app registration's Overview page.");
  }
  if (isGuid(value)) return { ok: true, value: value.toLowerCase() };
  if (ALMOST_GUID.test(value) && value.includes('-')) {
    return refuse(
      'That looks like a client id but is not complete: it has 32 hexadecimal digits in five groups (8-4-4-4-12). Copy the Application (client) ID again.',
    );
  }
  return refuse(
    "The client id is the Application (client) ID, a GUID such as 3f1c2b9e-8d4a-4f6e-9b1d-2c7a5e0f8a31, shown on the app registration's Overview page — not the app's name.",
  );
}

/**
 * Client secret: trimmed of copy-paste debris, then checked for the mistakes admins make
 * most (pasting the Secret ID, pasting several lines). The message never echoes the value.
 */
export function normalizeSecret(raw: string): FieldCheck {
  const cleaned = cleanField(raw, 'client secret');
  if (!cleaned.ok) return cleaned;
  const value = cleaned.value;
  if (value === '') {
    return refuse(
      "The client secret is empty. Paste the secret's Value from Certificates & secrets in the app registration.",
    );
  }
  if (isGuid(value)) {
    return refuse(
      'This looks like the Secret ID. Copy the Value column instead (Certificates & secrets). The Value is shown only right after the secret is created; if it is hidden now, create a new secret.',
    );
  }
  if (/\s/.test(value)) {
    return refuse(
      'The client secret contains spaces or line breaks, so more than the secret was pasted. Copy only the Value column.',
    );
  }
  if (/[^\x21-\x7e]/.test(value)) {
    return refuse(
      'The client secret contains characters a client secret never has (invisible, accented or non-Latin characters). Copy the Value again straight from Certificates & secrets.',
    );
  }
  if (value.length < 10) {
    return refuse(
      `That is too short to be a client secret (${value.length} character${value.length === 1 ? '' : 's'}; secrets are about 40). Copy the whole Value column.`,
    );
  }
  return { ok: true, value };
}

/** Text of bounded length, trimmed of copy-paste debris; the first checks every field shares. */
function cleanField(raw: unknown, label: string): FieldCheck {
  if (typeof raw !== 'string') return refuse(`The ${label} must be text.`);
  if (raw.length > MAX_FIELD_LENGTH) return refuse(tooLong(`a ${label}`, raw.length));
  return { ok: true, value: stripStrayCharacters(raw) };
}

function fieldText(raw: unknown, label: string): FieldCheck {
  if (raw === undefined || raw === null) return { ok: true, value: '' };
  if (typeof raw !== 'string') return refuse(`The ${label} must be text.`);
  return { ok: true, value: raw };
}

/**
 * Validates all three values at once so a form can show every problem together. Runs no
 * network call; the tenant is resolved (domain -> GUID) later by the checker.
 */
export function parseConnectorInput(raw: {
  tenant?: unknown;
  clientId?: unknown;
  clientSecret?: unknown;
}): ParsedInput {
  const errors: { field: InputField; message: string }[] = [];
  const checks: [InputField, unknown, string, (s: string) => FieldCheck][] = [
    ['tenant', raw.tenant, 'tenant', validateTenant],
    ['clientId', raw.clientId, 'client id', validateClientId],
    ['clientSecret', raw.clientSecret, 'client secret', normalizeSecret],
  ];
  const values: Partial<Record<InputField, string>> = {};
  for (const [field, value, label, validate] of checks) {
    const text = fieldText(value, label);
    const result = text.ok ? validate(text.value) : text;
    if (result.ok) values[field] = result.value;
    else errors.push({ field, message: result.message });
  }
  if (
    values.clientSecret !== undefined &&
    values.clientId !== undefined &&
    values.clientSecret.toLowerCase() === values.clientId
  ) {
    errors.push({
      field: 'clientSecret',
      message: 'The secret is the same as the client id. Paste the Value of a client secret instead.',
    });
  }
  if (
    errors.length > 0 ||
    values.tenant === undefined ||
    values.clientId === undefined ||
    values.clientSecret === undefined
  ) {
    return { ok: false, errors };
  }
  return { ok: true, value: { tenant: values.tenant, clientId: values.clientId, clientSecret: values.clientSecret } };
}
