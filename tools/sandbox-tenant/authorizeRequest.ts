import { AAD, AadError } from './aadErrors';
import { AAD_SIGNIN } from './aadSignInErrors';
import { DirectoryApp } from './directory';
import { FixtureTenant } from './fixture';
import { matchesRegisteredRedirect } from './redirectUriMatch';
import { resolveTenant, SandboxContext } from './sandboxContext';
import { findSignInApp, MULTI_TENANT_SEGMENTS } from './signInApp';
import { parseSignInScopes, SignInScopes } from './signInScopes';

export type ResponseMode = 'query' | 'fragment' | 'form_post';

/** Where and how an answer goes back to the app once the redirect URI is trusted. */
export interface RedirectTarget {
  readonly redirectUri: string;
  readonly responseMode: ResponseMode;
  readonly state: string | null;
}

/** A validated /authorize request, waiting for the user's choice on the sign-in page. */
export interface AuthorizeRequest extends RedirectTarget {
  /** The tenant in the path, or undefined for organizations/common (users of every tenant). */
  readonly tenant: FixtureTenant | undefined;
  readonly app: DirectoryApp;
  readonly scopes: SignInScopes;
  readonly codeChallenge: string;
  readonly nonce: string | null;
  readonly loginHint: string | null;
}

/** An error shown on Entra's own error page (nothing trusted to redirect to) or sent back to the app. */
export type AuthorizeOutcome =
  | { readonly request: AuthorizeRequest }
  | { readonly page: AadError }
  | { readonly redirect: RedirectTarget; readonly error: AadError };

const MODES: readonly ResponseMode[] = ['query', 'fragment', 'form_post'];

/**
 * Validates GET /{tenant}/oauth2/v2.0/authorize in Entra ID's order: tenant, client_id and
 * redirect_uri errors are shown as a page; once the redirect URI is trusted, every other error
 * goes back to it as `error` + `error_description` (+ `state`).
 * Stricter than Entra ID on purpose: PKCE with S256 is required (Entra ID also accepts `plain`
 * and, for Web apps, no PKCE), so a client that drops PKCE fails here first.
 */
export function validateAuthorize(ctx: SandboxContext, tenantSegment: string, q: URLSearchParams): AuthorizeOutcome {
  let tenant: FixtureTenant | undefined;
  if (!MULTI_TENANT_SEGMENTS.includes(tenantSegment.toLowerCase())) {
    const resolved = resolveTenant(ctx, tenantSegment);
    if ('error' in resolved) return { page: resolved.error };
    tenant = resolved.tenant;
  }
  const clientId = q.get('client_id');
  if (!clientId) return { page: AAD.missingParameter('client_id') };
  const app = findSignInApp(ctx, tenant, clientId);
  if ('error' in app) return { page: app };
  const registered = app.registration.web.redirectUris;
  const asked = q.get('redirect_uri');
  if (registered.length === 0) return { page: AAD.noReplyAddress() };
  if (asked !== null && !matchesRegisteredRedirect(asked, registered)) {
    return { page: AAD.replyMismatch(asked, app.registration.appId) };
  }
  const modeParam = q.get('response_mode') ?? 'query';
  const responseMode = MODES.find((m) => m === modeParam);
  const target: RedirectTarget = {
    redirectUri: asked ?? registered[0],
    responseMode: responseMode ?? 'query',
    state: q.get('state'),
  };
  const fail = (error: AadError): AuthorizeOutcome => ({ redirect: target, error });
  if (!responseMode) return fail(AAD_SIGNIN.responseMode(modeParam));
  const responseType = q.get('response_type');
  if (!responseType) return fail(AAD.missingParameter('response_type'));
  if (responseType !== 'code') return fail(AAD_SIGNIN.responseType(responseType));
  const scope = q.get('scope');
  if (!scope) return fail(AAD.missingParameter('scope'));
  const scopes = parseSignInScopes(scope, app, ctx.graphEndpoint);
  if ('error' in scopes) return fail(scopes);
  const challenge = q.get('code_challenge');
  if (!challenge) return fail(AAD.missingParameter('code_challenge'));
  if (q.get('code_challenge_method') !== 'S256') return fail(AAD_SIGNIN.challengeMethod());
  if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return fail(AAD_SIGNIN.challengeSize());
  if (q.get('prompt') === 'none') return fail(AAD_SIGNIN.loginRequired());
  return {
    request: {
      ...target,
      tenant,
      app,
      scopes,
      codeChallenge: challenge,
      nonce: q.get('nonce'),
      loginHint: q.get('login_hint'),
    },
  };
}
