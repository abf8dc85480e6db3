import {
  createHash,
  createSign,
  createVerify,
  generateKeyPairSync,
  JsonWebKey,
  KeyObject,
  randomBytes,
  randomUUID,
} from 'crypto';

/**
 * Claims of an access token for Microsoft Graph, shaped like Entra ID's v1 tokens: app-only
 * (`idtyp: 'app'`, `roles`) or delegated (`idtyp: 'user'`, `scp`, `upn`, `name`, `wids`).
 */
export interface AccessTokenClaims {
  readonly aud: string;
  readonly iss: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
  readonly aio: string;
  readonly app_displayname: string;
  readonly appid: string;
  readonly appidacr: '1';
  readonly azp: string;
  readonly idp?: string;
  readonly idtyp: 'app' | 'user';
  readonly oid: string;
  readonly rh: string;
  readonly roles?: readonly string[];
  /** Delegated: the granted scopes, space-separated. */
  readonly scp?: string;
  readonly sub: string;
  readonly tenant_region_scope: string;
  readonly tid: string;
  readonly uti: string;
  readonly ver: '1.0';
  readonly upn?: string;
  readonly unique_name?: string;
  readonly name?: string;
  readonly amr?: readonly string[];
  /** Directory role template ids of the signed-in user. */
  readonly wids?: readonly string[];
}

export type TokenCheck =
  | { readonly ok: true; readonly claims: AccessTokenClaims }
  | { readonly ok: false; readonly reason: 'empty' | 'malformed' | 'signature' | 'expired' | 'audience' };

/** Signs and verifies the sandbox's access tokens with a key pair that lives as long as the sandbox. */
export interface TokenIssuer {
  issue(input: {
    tenantId: string;
    appId: string;
    appName: string;
    servicePrincipalId: string;
    audience: string;
    roles: readonly string[];
    lifetimeSeconds: number;
  }): string;
  /** Signs any claims (delegated access tokens, id tokens) with the sandbox key. */
  sign(claims: object): string;
  /** Accepts only unexpired tokens this issuer signed for one of the given audiences. */
  verify(token: string, audiences: readonly string[]): TokenCheck;
  jwks(): { keys: JsonWebKey[] };
}

/** Creates an issuer with a fresh RSA key; a token from another sandbox instance fails `verify`. */
export function createTokenIssuer(now: () => Date): TokenIssuer {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = b64url(
    createHash('sha1')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest(),
  );

  const sign = (claims: object): string => {
    const header = { typ: 'JWT', alg: 'RS256', x5t: kid, kid };
    const signingInput = `${b64json(header)}.${b64json(claims)}`;
    const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey);
    return `${signingInput}.${b64url(signature)}`;
  };

  return {
    issue(input) {
      const iat = Math.floor(now().getTime() / 1000);
      const sts = `https://sts.windows.net/${input.tenantId}/`;
      const claims: AccessTokenClaims = {
        aud: input.audience,
        iss: sts,
        iat,
        nbf: iat,
        exp: iat + input.lifetimeSeconds,
        aio: b64url(randomBytes(24)),
        app_displayname: input.appName,
        appid: input.appId,
        appidacr: '1',
        azp: input.appId,
        idp: sts,
        idtyp: 'app',
        oid: input.servicePrincipalId,
        rh: `0.${b64url(randomBytes(16))}.`,
        ...(input.roles.length > 0 ? { roles: [...input.roles] } : {}),
        sub: input.servicePrincipalId,
        tenant_region_scope: 'EU',
        tid: input.tenantId,
        uti: b64url(randomBytes(16)),
        ver: '1.0',
      };
      return sign(claims);
    },
    sign,
    verify(token, audiences) {
      if (token === '') return { ok: false, reason: 'empty' };
      const parts = token.split('.');
      if (parts.length !== 3) return { ok: false, reason: 'malformed' };
      const claims = parseClaims(parts[1]);
      if (!claims) return { ok: false, reason: 'malformed' };
      const signatureOk = createVerify('RSA-SHA256')
        .update(`${parts[0]}.${parts[1]}`)
        .verify(publicKey, Buffer.from(parts[2], 'base64url'));
      if (!signatureOk) return { ok: false, reason: 'signature' };
      if (claims.exp * 1000 <= now().getTime()) return { ok: false, reason: 'expired' };
      if (!audiences.includes(claims.aud)) return { ok: false, reason: 'audience' };
      return { ok: true, claims };
    },
    jwks() {
      return { keys: [{ ...jwk(publicKey), kid, x5t: kid, use: 'sig', alg: 'RS256' }] };
    },
  };
}

function jwk(key: KeyObject): JsonWebKey {
  return key.export({ format: 'jwk' });
}

function parseClaims(segment: string): AccessTokenClaims | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    const stringsOk = ['aud', 'tid', 'appid', 'oid'].every((k) => typeof record[k] === 'string');
    return stringsOk && typeof record.exp === 'number' ? (value as AccessTokenClaims) : undefined;
  } catch {
    return undefined;
  }
}

const b64url = (data: Buffer): string => data.toString('base64url');
const b64json = (value: object): string => b64url(Buffer.from(JSON.stringify(value), 'utf8'));

/** A random id in the form Entra ID uses for trace and correlation ids. */
export function newTraceId(): string {
  return randomUUID();
}
