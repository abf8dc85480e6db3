import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * 32 random bytes in base64url, a dot, the expiry (epoch milliseconds), a dot, the HMAC-SHA256 of
 * the first two in base64url. The expiry is signed so an old link is told apart from a used one.
 */
const SHAPE = /^[A-Za-z0-9_-]{43}\.\d{13}\.[A-Za-z0-9_-]{43}$/;

/** A single-use link's id, signed so a forged or altered one is refused before any store read. */
export interface SignedIds {
  issue(expiresAtMs: number): { id: string; token: string };
  /** The id and signed expiry, or undefined for anything not issued with this key. */
  verify(token: unknown): { id: string; expiresAtMs: number } | undefined;
}

export function createSignedIds(signingKey: Buffer): SignedIds {
  const sign = (text: string): string => createHmac('sha256', signingKey).update(text).digest('base64url');
  return {
    issue(expiresAtMs) {
      const id = randomBytes(32).toString('base64url');
      const signed = `${id}.${String(expiresAtMs).padStart(13, '0')}`;
      return { id, token: `${signed}.${sign(signed)}` };
    },
    verify(token) {
      if (typeof token !== 'string' || !SHAPE.test(token)) return undefined;
      const [id = '', expiry = '', signature = ''] = token.split('.');
      const expected = Buffer.from(sign(`${id}.${expiry}`));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given)
        ? { id, expiresAtMs: Number(expiry) }
        : undefined;
    },
  };
}
