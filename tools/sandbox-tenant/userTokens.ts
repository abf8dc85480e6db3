import { createHash, randomBytes, randomUUID } from 'crypto';
import { AuthCodeGrant } from './authCodes';
import { DirectoryApp, DirectoryUser } from './directory';
import { DIRECTORY_ROLES, MEMBER_ROLE_TEMPLATE_ID } from './fixtureUsers';
import { AccessTokenClaims, TokenIssuer } from './tokenIssuer';

/** What the token endpoint answers for a redeemed authorization code (Entra ID's field names). */
export interface UserTokenResponse {
  readonly token_type: 'Bearer';
  readonly scope: string;
  readonly expires_in: number;
  readonly ext_expires_in: number;
  readonly access_token: string;
  readonly id_token?: string;
  readonly client_info: string;
}

/**
 * Builds the tokens for a user: a delegated v1 access token for Graph (`scp`, `upn`, `name`,
 * `wids`, `idtyp: user`), a v2 id token for the app when `openid` was asked (`aud` = client id,
 * `nonce` echoed), and `client_info` (base64url `{uid, utid}`), which MSAL uses to key its cache.
 */
export function issueUserTokens(input: {
  issuer: TokenIssuer;
  authorityHost: string;
  app: DirectoryApp;
  user: DirectoryUser;
  grant: AuthCodeGrant;
  nowSeconds: number;
  lifetimeSeconds: number;
}): UserTokenResponse {
  const { app, user, grant, nowSeconds: iat } = input;
  const tid = user.tenantId;
  const sts = `https://sts.windows.net/${tid}/`;
  const graphScopes = grant.graph.map((p) => p.name);
  const oidcInScp = grant.oidc.filter((s) => s !== 'offline_access');
  const access: AccessTokenClaims = {
    aud: grant.audience,
    iss: sts,
    iat,
    nbf: iat,
    exp: iat + input.lifetimeSeconds,
    aio: randomBytes(24).toString('base64url'),
    amr: ['pwd'],
    app_displayname: app.registration.displayName,
    appid: app.registration.appId,
    appidacr: '1',
    azp: app.registration.appId,
    idtyp: 'user',
    name: user.displayName,
    oid: user.objectId,
    rh: `0.${randomBytes(16).toString('base64url')}.`,
    scp: [...graphScopes, ...oidcInScp].join(' '),
    sub: pairwise(user.objectId, app.registration.appId),
    tenant_region_scope: 'EU',
    tid,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    uti: randomBytes(16).toString('base64url'),
    ver: '1.0',
    wids: [...user.roles.map((r) => DIRECTORY_ROLES[r]), MEMBER_ROLE_TEMPLATE_ID],
  };
  const idToken = grant.oidc.includes('openid')
    ? input.issuer.sign({
        aud: app.registration.appId,
        iss: `${input.authorityHost}/${tid}/v2.0`,
        iat,
        nbf: iat,
        exp: iat + input.lifetimeSeconds,
        name: user.displayName,
        ...(grant.nonce !== null ? { nonce: grant.nonce } : {}),
        oid: user.objectId,
        preferred_username: user.userPrincipalName,
        rh: `0.${randomBytes(16).toString('base64url')}.`,
        sid: randomUUID(),
        sub: pairwise(user.objectId, app.registration.appId),
        tid,
        uti: randomBytes(16).toString('base64url'),
        ver: '2.0',
      })
    : undefined;
  return {
    token_type: 'Bearer',
    scope: [...graphScopes.map((s) => `${grant.resourcePrefix}${s}`), ...oidcInScp].join(' '),
    expires_in: input.lifetimeSeconds,
    ext_expires_in: input.lifetimeSeconds,
    access_token: input.issuer.sign(access),
    ...(idToken ? { id_token: idToken } : {}),
    client_info: Buffer.from(JSON.stringify({ uid: user.objectId, utid: tid })).toString('base64url'),
  };
}

/** `sub` is pairwise: stable per user and app, different across apps. */
function pairwise(objectId: string, appId: string): string {
  return createHash('sha256').update(`${objectId}|${appId}`).digest('base64url').slice(0, 43);
}
