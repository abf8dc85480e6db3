import { createHash } from 'node:crypto';
import { ConfidentialClientApplication, CryptoProvider } from '@azure/msal-node';
import type { SignedInAdmin } from '../repair/repairOutcome';
import { isRecord } from '../shared/isRecord';
import { signInFailureText } from './signInErrors';

/**
 * What a sign-in is for: `manage` (Fix it for me, Create it for me, Rotate now) asks for the
 * app-management scopes; `identify` (opening a secret's page) only proves who signs in.
 */
export type SignInPurpose = 'manage' | 'identify';

/** The delegated Graph permission the identify sign-in asks for: the least there is. */
export const IDENTIFY_SCOPES = ['User.Read'];

/** The delegated Graph permissions Fix it for me signs in for (the sign-in app must list them). */
export const FIX_SCOPES = [
  'Application.ReadWrite.All',
  'AppRoleAssignment.ReadWrite.All',
  'DelegatedPermissionGrant.ReadWrite.All',
];

export interface AdminSignInOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** e.g. https://login.microsoftonline.com (the configured cloud, or the sandbox). */
  readonly authorityHost: string;
  /** e.g. https://graph.microsoft.com: the scopes are asked for on this resource. */
  readonly graphEndpoint: string;
  /** PUBLIC_URL/api/fix/callback, registered on the sign-in app as a Web redirect URI. */
  readonly redirectUri: string;
}

export type Redeemed =
  | { readonly ok: true; readonly accessToken: string; readonly admin: SignedInAdmin }
  | { readonly ok: false; readonly reason: string };

/**
 * The one module that talks to Entra ID for an administrator: the authorization code flow with
 * PKCE (S256) through msal-node's ConfidentialClientApplication. A new application object (and so
 * an empty token cache) per call: no token outlives the repair it was obtained for.
 */
export interface AdminSignIn {
  /** A fresh PKCE pair; the verifier is kept sealed with the state until the callback. */
  pkce(): Promise<{ verifier: string; challenge: string }>;
  /** The sign-in page address for the registration's tenant. */
  authUrl(args: { state: string; codeVerifier: string; tenantId: string; purpose?: SignInPurpose }): Promise<string>;
  /** Exchanges the code; never throws for Entra ID's refusals. */
  redeem(args: { code: string; codeVerifier: string; tenantId: string; purpose?: SignInPurpose }): Promise<Redeemed>;
}

const challengeOf = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

export function createAdminSignIn(options: AdminSignInOptions): AdminSignIn {
  const host = options.authorityHost.replace(/\/+$/, '');
  const resource = options.graphEndpoint.replace(/\/+$/, '');
  const scopesFor = (purpose: SignInPurpose = 'manage'): string[] =>
    (purpose === 'identify' ? IDENTIFY_SCOPES : FIX_SCOPES).map((s) => `${resource}/${s}`);
  const app = (tenantId: string): ConfidentialClientApplication =>
    new ConfidentialClientApplication({
      auth: {
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        authority: `${host}/${encodeURIComponent(tenantId)}`,
        // The host is used as given (no instance discovery): the configured cloud, or the sandbox.
        knownAuthorities: [new URL(host).host],
      },
      system: { loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined } },
    });

  return {
    async pkce() {
      const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
      return { verifier, challenge };
    },
    authUrl({ state, codeVerifier, tenantId, purpose }) {
      return app(tenantId).getAuthCodeUrl({
        scopes: scopesFor(purpose),
        redirectUri: options.redirectUri,
        state,
        codeChallenge: challengeOf(codeVerifier),
        codeChallengeMethod: 'S256',
        prompt: 'select_account',
      });
    },
    async redeem({ code, codeVerifier, tenantId, purpose }) {
      try {
        const result = await app(tenantId).acquireTokenByCode({
          code,
          scopes: scopesFor(purpose),
          redirectUri: options.redirectUri,
          codeVerifier,
        });
        const claims = isRecord(result.idTokenClaims) ? result.idTokenClaims : {};
        const tid = typeof claims.tid === 'string' ? claims.tid : result.tenantId;
        const oid = typeof claims.oid === 'string' ? claims.oid : undefined;
        if (!result.accessToken || !tid || !oid) return { ok: false, reason: 'Entra ID did not say who signed in.' };
        const upn =
          typeof claims.preferred_username === 'string'
            ? claims.preferred_username
            : typeof claims.upn === 'string'
              ? claims.upn
              : undefined;
        const name = typeof claims.name === 'string' ? claims.name : undefined;
        return {
          ok: true,
          accessToken: result.accessToken,
          admin: {
            tenantId: tid.toLowerCase(),
            objectId: oid.toLowerCase(),
            ...(upn ? { userPrincipalName: upn.slice(0, 200) } : {}),
            ...(name ? { displayName: name.slice(0, 200) } : {}),
          },
        };
      } catch (error) {
        // msal's errors carry errorCode and a message with the AADSTS code; nothing else is kept.
        const e = isRecord(error) ? error : {};
        const code = typeof e.errorCode === 'string' ? e.errorCode : 'error';
        const text =
          typeof e.errorMessage === 'string' ? e.errorMessage : typeof e.message === 'string' ? e.message : '';
        return { ok: false, reason: signInFailureText(code, text) };
      }
    },
  };
}
