import { AAD, AadError } from './aadErrors';
import { DirectoryApp } from './directory';
import { FixtureTenant } from './fixture';
import { isGuid } from './fixtureReader';
import { GRAPH_APP_ID } from './graphPermissions';
import { RequestContext, sendJson } from './httpKit';
import { redeemAuthorizationCode } from './authCodeGrant';
import { answerLoginFault, headerValue, resolveTenant, SandboxContext, sendAadError } from './sandboxContext';
import { MULTI_TENANT_SEGMENTS } from './signInApp';

const PUBLIC_GRAPH = 'https://graph.microsoft.com';

/**
 * POST /{tenant}/oauth2/v2.0/token: client_credentials with a client secret, and
 * authorization_code with PKCE (authCodeGrant.ts; also on organizations/common), checked like Entra ID.
 */
export async function handleToken(ctx: SandboxContext, rc: RequestContext, tenantSegment: string): Promise<void> {
  if (answerLoginFault(ctx, rc, 'token')) return;
  if (rc.method !== 'POST') return sendAadError(ctx, rc, AAD.postOnly());
  const contentType = headerValue(rc, 'content-type') ?? '';
  const body = await rc.readBody();
  const form = contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')
    ? new URLSearchParams(body)
    : new URLSearchParams();
  const noStore = { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' };
  const multiTenant = MULTI_TENANT_SEGMENTS.includes(tenantSegment.toLowerCase());
  if (form.get('grant_type') === 'authorization_code') {
    const resolved = multiTenant ? undefined : resolveTenant(ctx, tenantSegment);
    if (resolved && 'error' in resolved) return sendAadError(ctx, rc, resolved.error);
    const redeemed = redeemAuthorizationCode(ctx, resolved?.tenant, form);
    if ('error' in redeemed) return sendAadError(ctx, rc, redeemed.error);
    return sendJson(rc.res, 200, redeemed.body, noStore);
  }
  const resolved = resolveTenant(ctx, tenantSegment);
  if ('error' in resolved) return sendAadError(ctx, rc, resolved.error);

  const outcome = issue(ctx, resolved.tenant, form);
  if ('error' in outcome) return sendAadError(ctx, rc, outcome.error);
  sendJson(
    rc.res,
    200,
    {
      token_type: 'Bearer',
      expires_in: ctx.tokenLifetimeSeconds,
      ext_expires_in: ctx.tokenLifetimeSeconds,
      access_token: outcome.token,
    },
    noStore,
  );
}

function issue(
  ctx: SandboxContext,
  tenant: FixtureTenant,
  form: URLSearchParams,
): { token: string } | { error: AadError } {
  const grantType = form.get('grant_type');
  if (!grantType) return { error: AAD.missingParameter('grant_type') };
  if (grantType !== 'client_credentials') return { error: AAD.unsupportedGrant(grantType) };
  const clientId = form.get('client_id');
  if (!clientId) return { error: AAD.missingParameter('client_id') };
  if (!isGuid(clientId)) return { error: AAD.clientIdMalformed(clientId) };
  const scope = form.get('scope');
  if (!scope) return { error: AAD.missingParameter('scope') };

  const app = ctx.directory.findApp(tenant.tenantId, clientId);
  if (!app) return { error: AAD.appNotFound(clientId, tenant.displayName) };
  if (app.registration.disabled) return { error: AAD.appDisabled(clientId, app.registration.displayName) };
  const secretError = checkSecret(ctx, app, form.get('client_secret'));
  if (secretError) return { error: secretError };
  if (app.servicePrincipalId === null) return { error: AAD.missingServicePrincipal(clientId, tenant.tenantId) };

  const audience = graphAudience(ctx, scope);
  if ('error' in audience) {
    return {
      error:
        audience.error === 'scope' ? AAD.invalidScope(scope) : AAD.resourceNotFound(audience.resource, tenant.tenantId),
    };
  }
  const roles = ctx.directory.visibleGrants(app, 'Application').map((g) => g.permission.name);
  const token = ctx.issuer.issue({
    tenantId: tenant.tenantId,
    appId: app.registration.appId,
    appName: app.registration.displayName,
    servicePrincipalId: app.servicePrincipalId,
    audience: audience.aud,
    roles,
    lifetimeSeconds: ctx.tokenLifetimeSeconds,
  });
  return { token };
}

/** 7000215 for a wrong value (also for a Secret ID pasted as the value), 7000222 for an expired one. */
export function checkSecret(ctx: SandboxContext, app: DirectoryApp, given: string | null): AadError | undefined {
  if (!given) return AAD.missingSecret();
  const appId = app.registration.appId;
  const match = app.secrets.find((s) => s.value === given);
  if (!match) return AAD.invalidSecret(appId);
  const at = ctx.now().getTime();
  if (match.end.getTime() <= at) return AAD.expiredSecret(appId);
  if (match.start.getTime() > at) return AAD.invalidSecret(appId);
  return undefined;
}

/** Client credentials need exactly one "<resource>/.default" scope, and the resource must be Graph. */
function graphAudience(
  ctx: SandboxContext,
  scope: string,
): { aud: string } | { error: 'scope' } | { error: 'resource'; resource: string } {
  const scopes = scope.split(' ').filter((s) => s !== '');
  if (scopes.length !== 1 || !scopes[0].endsWith('/.default')) return { error: 'scope' };
  const resource = scopes[0].slice(0, -'/.default'.length).replace(/\/+$/, '');
  if (resource.toLowerCase() === PUBLIC_GRAPH || resource.toLowerCase() === GRAPH_APP_ID) return { aud: PUBLIC_GRAPH };
  if (resource.toLowerCase() === ctx.graphEndpoint.toLowerCase()) return { aud: ctx.graphEndpoint };
  return { error: 'resource', resource };
}

/** Audiences the Graph double accepts: the public Graph URL and the sandbox's own. */
export function graphAudiences(ctx: SandboxContext): readonly string[] {
  return [PUBLIC_GRAPH, ctx.graphEndpoint];
}
