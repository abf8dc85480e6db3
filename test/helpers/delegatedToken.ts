import { ConfidentialClientApplication, CryptoProvider } from '@azure/msal-node';
import { sandboxRequest, type SandboxResponse } from '../../tools/sandbox-tenant/sandboxClient';
import { signInThroughSandbox } from '../../tools/sandbox-tenant/sandboxSignIn';
import type { SandboxTenant } from '../../tools/sandbox-tenant/types';
import { SIGN_IN_APP, type SandboxUser } from '../../tools/sandbox-tenant/scenarios';

/** The sign-in app's registered callback (the sandbox refuses any other redirect URI). */
export const FIX_CALLBACK = 'http://localhost:3978/api/fix/callback';

/**
 * A delegated Graph token for a sandbox user, obtained the real way: msal-node's authorization
 * code flow with PKCE, the sandbox's sign-in page played by `signInThroughSandbox`.
 */
export async function delegatedTokenFor(
  sandbox: SandboxTenant,
  user: SandboxUser,
  extraScopes: readonly string[] = [],
): Promise<string> {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: SIGN_IN_APP.clientId,
      clientSecret: SIGN_IN_APP.clientSecret,
      authority: `${sandbox.authorityHost}/organizations`,
      knownAuthorities: [new URL(sandbox.authorityHost).host],
    },
  });
  const scopes = [...SIGN_IN_APP.scopes, ...extraScopes];
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const url = await app.getAuthCodeUrl({
    scopes,
    redirectUri: FIX_CALLBACK,
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
  });
  const { location } = await signInThroughSandbox(url, user.signInButton);
  const code = location?.searchParams.get('code');
  if (!code) throw new Error(`the sandbox sign-in as ${user.userPrincipalName} gave no code`);
  const result = await app.acquireTokenByCode({ code, scopes, redirectUri: FIX_CALLBACK, codeVerifier: verifier });
  return result.accessToken;
}

/** One Graph request (v1.0) to the sandbox with a bearer token; a body is sent as JSON. */
export function graphAs(
  sandbox: SandboxTenant,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<SandboxResponse> {
  return sandboxRequest(`${sandbox.graphEndpoint}/v1.0${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
