import { randomBytes } from 'crypto';
import { AAD, AadError, aadErrorBody } from './aadErrors';
import { renderConsentPage, renderDonePage, renderErrorPage } from './consentHtml';
import { isGuid } from './fixtureReader';
import { redirect, RequestContext, sendHtml } from './httpKit';
import { headerValue, resolveTenant, SandboxContext } from './sandboxContext';

/** A consent screen that was shown and not answered yet, keyed by its single-use token. */
export interface PendingConsent {
  readonly tenantId: string;
  readonly appId: string;
  readonly redirectUri: string | null;
  readonly state: string | null;
  readonly scope: string | null;
  readonly version: 'v1' | 'v2';
}

const MAX_PENDING = 500;

/**
 * GET /{tenant}/adminconsent (and /v2.0/adminconsent) shows the consent screen; POST answers it.
 * The POST only accepts a single-use token issued by the screen, so nothing else can grant.
 */
export async function handleAdminConsent(
  ctx: SandboxContext,
  rc: RequestContext,
  tenantSegment: string,
  version: 'v1' | 'v2',
): Promise<void> {
  const resolved = resolveTenant(ctx, tenantSegment);
  if ('error' in resolved) return errorPage(ctx, rc, resolved.error);
  const pending = ctx.pendingConsents;
  if (rc.method === 'POST') {
    const form = new URLSearchParams(await rc.readBody());
    const token = form.get('consent_token') ?? '';
    const request = pending.get(token);
    pending.delete(token);
    if (!request || request.tenantId !== resolved.tenant.tenantId) {
      return sendHtml(
        rc.res,
        400,
        renderDonePage('This consent request is no longer valid', 'Open the admin consent link again.'),
      );
    }
    return form.get('action') === 'accept' ? accept(ctx, rc, request) : decline(rc, request);
  }
  if (rc.method !== 'GET') return sendHtml(rc.res, 405, renderDonePage('Method not allowed', 'Use GET or POST.'));

  const clientId = rc.query.get('client_id');
  if (!clientId) return errorPage(ctx, rc, AAD.missingParameter('client_id'));
  const app = isGuid(clientId) ? ctx.directory.findApp(resolved.tenant.tenantId, clientId) : undefined;
  if (!app) return errorPage(ctx, rc, AAD.appNotFound(clientId, resolved.tenant.displayName));
  const scope = rc.query.get('scope');
  if (version === 'v2' && !scope) return errorPage(ctx, rc, AAD.missingParameter('scope'));
  const registered = app.registration.web.redirectUris;
  const asked = rc.query.get('redirect_uri');
  if (asked !== null && registered.length === 0) return errorPage(ctx, rc, AAD.noReplyAddress());
  if (asked !== null && !registered.includes(asked))
    return errorPage(ctx, rc, AAD.replyMismatch(asked, app.registration.appId));

  const consentToken = randomBytes(24).toString('base64url');
  if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value ?? '');
  pending.set(consentToken, {
    tenantId: resolved.tenant.tenantId,
    appId: app.registration.appId,
    redirectUri: asked ?? registered[0] ?? null,
    state: rc.query.get('state'),
    scope,
    version,
  });
  sendHtml(
    rc.res,
    200,
    renderConsentPage({
      tenantName: resolved.tenant.displayName,
      tenantId: resolved.tenant.tenantId,
      appName: app.registration.displayName,
      appId: app.registration.appId,
      permissions: app.configured,
      consentToken,
      actionPath: rc.path,
      redirectUri: asked ?? registered[0] ?? null,
    }),
  );
}

function accept(ctx: SandboxContext, rc: RequestContext, request: PendingConsent): void {
  ctx.directory.grantAdminConsent(request.tenantId, request.appId);
  if (!request.redirectUri) {
    return sendHtml(
      rc.res,
      200,
      renderDonePage(
        'Consent granted — return to Teams and click Retest',
        'The permissions were granted for your organization. Changes can take a moment to apply.',
      ),
    );
  }
  const url = new URL(request.redirectUri);
  url.searchParams.set('admin_consent', 'True');
  url.searchParams.set('tenant', request.tenantId);
  if (request.version === 'v2' && request.scope) url.searchParams.set('scope', request.scope);
  if (request.state !== null) url.searchParams.set('state', request.state);
  redirect(rc.res, url.toString());
}

function decline(rc: RequestContext, request: PendingConsent): void {
  if (!request.redirectUri) {
    return sendHtml(rc.res, 200, renderDonePage('Consent cancelled', 'Nothing was granted. You can close this page.'));
  }
  const url = new URL(request.redirectUri);
  url.searchParams.set('error', 'access_denied');
  url.searchParams.set('error_subcode', 'cancel');
  url.searchParams.set('error_description', 'AADSTS65004: User declined to consent to access the app.');
  if (request.state !== null) url.searchParams.set('state', request.state);
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
