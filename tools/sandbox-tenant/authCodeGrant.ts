import { AAD, AadError } from './aadErrors';
import { AAD_SIGNIN } from './aadSignInErrors';
import { s256 } from './authCodes';
import { FixtureTenant } from './fixture';
import { SandboxContext } from './sandboxContext';
import { findSignInApp } from './signInApp';
import { checkSecret } from './tokenEndpoint';
import { issueUserTokens, UserTokenResponse } from './userTokens';

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/**
 * grant_type=authorization_code for a confidential client, checked like Entra ID: the client and
 * its secret first, then the code (unknown AADSTS9002313, expired 70008, already redeemed 54005;
 * any redemption attempt uses the code up), that it was issued to this client, redirect URI and
 * tenant (70000), and the PKCE verifier (AADSTS501481 when its S256 is not the challenge).
 * `tenant` is undefined for organizations/common.
 */
export function redeemAuthorizationCode(
  ctx: SandboxContext,
  tenant: FixtureTenant | undefined,
  form: URLSearchParams,
): { body: UserTokenResponse } | { error: AadError } {
  const clientId = form.get('client_id');
  if (!clientId) return { error: AAD.missingParameter('client_id') };
  const app = findSignInApp(ctx, tenant, clientId);
  if ('error' in app) return { error: app };
  if (app.registration.disabled) return { error: AAD.appDisabled(clientId, app.registration.displayName) };
  const secretError = checkSecret(ctx, app, form.get('client_secret'));
  if (secretError) return { error: secretError };
  const code = form.get('code');
  if (!code) return { error: AAD.missingParameter('code') };
  const redirectUri = form.get('redirect_uri');
  if (!redirectUri) return { error: AAD.missingParameter('redirect_uri') };

  const redeemed = ctx.authCodes.redeem(code);
  if ('error' in redeemed) {
    if (redeemed.error === 'redeemed') return { error: AAD_SIGNIN.codeRedeemed() };
    return { error: redeemed.error === 'expired' ? AAD_SIGNIN.codeExpired() : AAD_SIGNIN.codeMalformed() };
  }
  const grant = redeemed.grant;
  if (grant.clientId !== app.registration.appId) {
    return { error: AAD_SIGNIN.codeNotForThisRequest('The code was issued to another client.') };
  }
  if (grant.redirectUri !== redirectUri) {
    return {
      error: AAD_SIGNIN.codeNotForThisRequest('The redirect_uri does not match the one of the authorization request.'),
    };
  }
  if (tenant && tenant.tenantId !== grant.tenantId) {
    return { error: AAD_SIGNIN.codeNotForThisRequest('The code was issued in another tenant.') };
  }
  const verifier = form.get('code_verifier') ?? '';
  if (!VERIFIER.test(verifier) || s256(verifier) !== grant.codeChallenge) {
    return { error: AAD_SIGNIN.verifierMismatch() };
  }
  const user = ctx.directory.findUser(grant.tenantId, grant.userObjectId);
  if (!user) return { error: AAD_SIGNIN.codeNotForThisRequest('The user no longer exists.') };
  return {
    body: issueUserTokens({
      issuer: ctx.issuer,
      authorityHost: ctx.authorityHost,
      app,
      user,
      grant,
      nowSeconds: Math.floor(ctx.now().getTime() / 1000),
      lifetimeSeconds: ctx.tokenLifetimeSeconds,
    }),
  };
}
