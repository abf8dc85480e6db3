import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignedInAdmin } from '../repair/repairOutcome';
import type { Clock } from '../time/clock';

export const ADMIN_SESSION_COOKIE = 'ccb_admin';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The admin who just signed in for Create it for me or Rotate now, remembered for 10 minutes in
 * an HttpOnly, SameSite=Strict cookie scoped to the reveal page, so the secret's page opens
 * without a second sign-in. The value names only the Entra object id and organisation, signed
 * (HMAC-SHA256) with an expiry; no token is in it, and nothing is stored server-side.
 */
export interface AdminSessions {
  /** The Set-Cookie header value for a signed-in admin. */
  cookieFor(admin: Pick<SignedInAdmin, 'objectId' | 'tenantId'>): string;
  /** The admin named by a request's Cookie header, when its cookie is genuine and in time. */
  fromCookieHeader(header: unknown): { objectId: string; tenantId: string } | undefined;
}

export interface AdminSessionsDeps {
  readonly signingKey: Buffer;
  readonly clock: Clock;
  /** Path the cookie is sent to (the reveal page). */
  readonly path: string;
  /** True when PUBLIC_URL is https: the cookie is then Secure. */
  readonly secure: boolean;
  /** Default 10 minutes. */
  readonly ttlMs?: number;
}

export function createAdminSessions(deps: AdminSessionsDeps): AdminSessions {
  const ttl = deps.ttlMs ?? 10 * 60_000;
  const sign = (text: string): string => createHmac('sha256', deps.signingKey).update(text).digest('base64url');

  return {
    cookieFor(admin) {
      const expiry = deps.clock.now().getTime() + ttl;
      const body = `${admin.objectId.toLowerCase()}.${admin.tenantId.toLowerCase()}.${expiry}`;
      const attributes = [
        `${ADMIN_SESSION_COOKIE}=${body}.${sign(body)}`,
        `Max-Age=${Math.floor(ttl / 1000)}`,
        `Path=${deps.path}`,
        'HttpOnly',
        'SameSite=Strict',
        ...(deps.secure ? ['Secure'] : []),
      ];
      return attributes.join('; ');
    },
    fromCookieHeader(header) {
      if (typeof header !== 'string' || header.length > 8192) return undefined;
      const raw = header
        .split(';')
        .map((part) => part.trim())
        .find((part) => part.startsWith(`${ADMIN_SESSION_COOKIE}=`));
      const value = raw?.slice(ADMIN_SESSION_COOKIE.length + 1) ?? '';
      const [objectId = '', tenantId = '', expiry = '', signature = '', ...rest] = value.split('.');
      if (rest.length > 0 || !GUID.test(objectId) || !GUID.test(tenantId) || !/^\d{13}$/.test(expiry)) {
        return undefined;
      }
      const expected = Buffer.from(sign(`${objectId}.${tenantId}.${expiry}`));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      if (deps.clock.now().getTime() >= Number(expiry)) return undefined;
      return { objectId, tenantId };
    },
  };
}
