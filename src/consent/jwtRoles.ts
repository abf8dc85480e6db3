/**
 * Reading the app-only access token's claims. Before any directory-read permission is granted,
 * Graph answers 403 to every read, and the token's `roles` claim is the only signal of which
 * application permissions are granted. The signature is not verified: the token came straight
 * from the token endpoint over TLS and is only read for information, never trusted for access.
 */
import { isRecord } from '../shared/isRecord';

/** The claims of a JWT's payload, or undefined when the text is not a JWT. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined || parts[1] === '') return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return isRecord(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

/** What the token says about the app; `roles` is [] when the claim is absent (nothing granted). */
export interface TokenClaims {
  readonly roles: readonly string[];
  readonly tenantId?: string;
  readonly appId?: string;
  /** Token expiry (seconds since epoch), when present. */
  readonly expiresAt?: number;
}

/** Decodes the claims the checker uses; a token that cannot be decoded yields no roles. */
export function readTokenClaims(token: string): TokenClaims | undefined {
  const payload = decodeJwtPayload(token);
  if (!payload) return undefined;
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
  return {
    roles,
    tenantId: typeof payload.tid === 'string' ? payload.tid : undefined,
    appId:
      typeof payload.appid === 'string' ? payload.appid : typeof payload.azp === 'string' ? payload.azp : undefined,
    expiresAt: typeof payload.exp === 'number' ? payload.exp : undefined,
  };
}

/** The roles claim alone: the names of the application permissions granted at issue time. */
export function tokenRoles(token: string): readonly string[] {
  return readTokenClaims(token)?.roles ?? [];
}
