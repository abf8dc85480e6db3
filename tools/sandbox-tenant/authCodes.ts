import { createHash, randomBytes } from 'crypto';
import { GraphPermission } from './graphPermissions';
import { OidcScope } from './signInScopes';

/** What an authorization code stands for; redeeming it must present the same client, redirect URI and verifier. */
export interface AuthCodeGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly tenantId: string;
  readonly userObjectId: string;
  readonly oidc: readonly OidcScope[];
  readonly graph: readonly GraphPermission[];
  readonly audience: string;
  readonly resourcePrefix: string;
  readonly nonce: string | null;
}

export type RedeemOutcome = { readonly grant: AuthCodeGrant } | { readonly error: 'unknown' | 'redeemed' | 'expired' };

/** Single-use authorization codes that expire (Entra ID's live about ten minutes). */
export interface AuthCodes {
  issue(grant: AuthCodeGrant): string;
  /** Takes the code: a second redemption answers 'redeemed', whatever the first one's outcome. */
  redeem(code: string): RedeemOutcome;
}

export const AUTH_CODE_LIFETIME_MS = 10 * 60_000;
const MAX_CODES = 2000;

/** Codes are random; only their SHA-256 is kept, so the store never holds a usable code. */
export function createAuthCodes(now: () => Date): AuthCodes {
  const live = new Map<string, { grant: AuthCodeGrant; expiresAt: number; redeemed: boolean }>();
  const hash = (code: string): string => createHash('sha256').update(code).digest('base64url');
  return {
    issue(grant) {
      if (live.size >= MAX_CODES) live.delete(live.keys().next().value ?? '');
      const code = `1.A${randomBytes(48).toString('base64url')}`;
      live.set(hash(code), { grant, expiresAt: now().getTime() + AUTH_CODE_LIFETIME_MS, redeemed: false });
      return code;
    },
    redeem(code) {
      const entry = live.get(hash(code));
      if (!entry) return { error: 'unknown' };
      if (entry.expiresAt <= now().getTime()) {
        live.delete(hash(code));
        return { error: 'expired' };
      }
      if (entry.redeemed) return { error: 'redeemed' };
      entry.redeemed = true;
      return { grant: entry.grant };
    },
  };
}

/** The PKCE S256 transform: BASE64URL(SHA256(ASCII(code_verifier))) (RFC 7636 §4.2). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
