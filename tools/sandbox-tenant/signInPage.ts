import { randomBytes, randomUUID } from 'crypto';
import { AadError, aadErrorBody } from './aadErrors';
import { AAD_SIGNIN } from './aadSignInErrors';
import { AuthorizeRequest, RedirectTarget, validateAuthorize } from './authorizeRequest';
import { renderDonePage, renderErrorPage } from './consentHtml';
import { DirectoryUser } from './directory';
import { redirect, RequestContext, sendHtml } from './httpKit';
import { headerValue, SandboxContext } from './sandboxContext';
import { renderFormPost, renderSignInPage, SignInChoice } from './signInHtml';

const MAX_PENDING = 500;

/**
 * GET /{tenant}/oauth2/v2.0/authorize validates the request and shows the sign-in page; the page
 * POSTs back its single-use token with the chosen account (or Cancel). Choosing an account
 * redirects to the app with `code`, `client_info`, `state`, `session_state`; Cancel with
 * `error=access_denied` (AADSTS65004). No password: picking the account is the sign-in.
 */
export async function handleAuthorize(ctx: SandboxContext, rc: RequestContext, tenantSegment: string): Promise<void> {
  if (rc.method === 'POST') return answerPage(ctx, rc);
  if (rc.method !== 'GET') return sendHtml(rc.res, 405, renderDonePage('Method not allowed', 'Use GET.'));
  const outcome = validateAuthorize(ctx, tenantSegment, rc.query);
  if ('page' in outcome) return errorPage(ctx, rc, outcome.page);
  if ('redirect' in outcome) return sendBack(rc, outcome.redirect, errorFields(outcome.error));
  const request = outcome.request;
  const signInToken = randomBytes(24).toString('base64url');
  if (ctx.pendingSignIns.size >= MAX_PENDING) ctx.pendingSignIns.delete(ctx.pendingSignIns.keys().next().value ?? '');
  ctx.pendingSignIns.set(signInToken, request);
  sendHtml(
    rc.res,
    200,
    renderSignInPage({
      appName: request.app.registration.displayName,
      appId: request.app.registration.appId,
      scopes: [...request.scopes.oidc, ...request.scopes.graph.map((p) => p.name)],
      users: offeredUsers(ctx, request).map((u) => choice(ctx, u)),
      signInToken,
      actionPath: rc.path,
    }),
  );
}

async function answerPage(ctx: SandboxContext, rc: RequestContext): Promise<void> {
  const form = new URLSearchParams(await rc.readBody());
  const token = form.get('signin_token') ?? '';
  const request = ctx.pendingSignIns.get(token);
  ctx.pendingSignIns.delete(token);
  if (!request) {
    return sendHtml(
      rc.res,
      400,
      renderDonePage('This sign-in request is no longer valid', 'Start the sign-in again from the app.'),
    );
  }
  if (form.get('action') === 'cancel') return sendBack(rc, request, errorFields(AAD_SIGNIN.declined(), 'cancel'));
  const user = offeredUsers(ctx, request).find((u) => u.objectId === form.get('user'));
  if (!user) return sendHtml(rc.res, 400, renderDonePage('Unknown account', 'Start the sign-in again from the app.'));
  const code = ctx.authCodes.issue({
    clientId: request.app.registration.appId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    tenantId: user.tenantId,
    userObjectId: user.objectId,
    oidc: request.scopes.oidc,
    graph: request.scopes.graph,
    audience: request.scopes.audience,
    resourcePrefix: request.scopes.resourcePrefix,
    nonce: request.nonce,
  });
  const clientInfo = Buffer.from(JSON.stringify({ uid: user.objectId, utid: user.tenantId })).toString('base64url');
  sendBack(rc, request, [
    ['code', code],
    ['client_info', clientInfo],
    ...(request.state !== null ? [['state', request.state] as const] : []),
    ['session_state', randomUUID()],
  ]);
}

/** The tenant's users (every tenant's for organizations/common), the login_hint's account first. */
function offeredUsers(ctx: SandboxContext, request: AuthorizeRequest): readonly DirectoryUser[] {
  const users = ctx.directory.users(request.tenant?.tenantId);
  const hint = request.loginHint?.toLowerCase();
  return [...users].sort((a, b) => Number(b.userPrincipalName === hint) - Number(a.userPrincipalName === hint));
}

function choice(ctx: SandboxContext, u: DirectoryUser): SignInChoice {
  return {
    objectId: u.objectId,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    roleLabel: u.roles[0] ?? 'User',
    tenantName: ctx.directory.findTenant(u.tenantId)?.displayName ?? u.tenantId,
  };
}

type Fields = readonly (readonly [string, string])[];

function errorFields(err: AadError, subcode?: string): Fields {
  return [
    ['error', err.error],
    ...(subcode ? [['error_subcode', subcode] as const] : []),
    ['error_description', `AADSTS${err.code}: ${err.message}`],
  ];
}

/** Answers the app at its redirect URI in the response mode it asked for. */
function sendBack(rc: RequestContext, target: RedirectTarget, fields: Fields): void {
  const all: Fields =
    target.state !== null && !fields.some(([k]) => k === 'state') ? [...fields, ['state', target.state]] : fields;
  if (target.responseMode === 'form_post') return sendHtml(rc.res, 200, renderFormPost(target.redirectUri, all));
  const url = new URL(target.redirectUri);
  if (target.responseMode === 'fragment') {
    url.hash = new URLSearchParams(all.map(([k, v]) => [k, v])).toString();
  } else {
    for (const [k, v] of all) url.searchParams.set(k, v);
  }
  redirect(rc.res, url.toString());
}

function errorPage(ctx: SandboxContext, rc: RequestContext, err: AadError): void {
  const body = aadErrorBody(err, ctx.authorityHost, ctx.now(), headerValue(rc, 'client-request-id'));
  sendHtml(
    rc.res,
    err.status,
    renderErrorPage(err.code, err.message, body.trace_id, body.correlation_id, body.timestamp),
  );
}
