import { handleAdminConsent } from './consentPage';
import { handleControl } from './controlRoutes';
import { Handler, RequestContext, sendJson } from './httpKit';
import { answerLoginFault, resolveTenant, SandboxContext, sendAadError } from './sandboxContext';
import { MULTI_TENANT_SEGMENTS } from './signInApp';
import { handleAuthorize } from './signInPage';
import { handleToken } from './tokenEndpoint';

/** The "login.microsoftonline.com" double: discovery, keys, token, admin consent, and /_sandbox/ controls. */
export function createLoginHandler(ctx: SandboxContext): Handler {
  return async (rc) => {
    const segments = rc.path.split('/').filter((s) => s !== '');
    const rest = segments.slice(1).join('/').toLowerCase();
    if (segments[0] === '_sandbox') return handleControl(ctx, rc, segments.slice(1));
    if (segments.length === 0) return sendJson(rc.res, 404, { error: 'not_found' });
    if (segments[0] === 'common' && rest === 'discovery/instance') return instanceDiscovery(ctx, rc);
    if (rest === 'oauth2/v2.0/token') return handleToken(ctx, rc, segments[0]);
    if (rest === 'oauth2/v2.0/authorize') return handleAuthorize(ctx, rc, segments[0]);
    if (rest === 'adminconsent') return handleAdminConsent(ctx, rc, segments[0], 'v1');
    if (rest === 'v2.0/adminconsent') return handleAdminConsent(ctx, rc, segments[0], 'v2');
    if (rest === 'discovery/v2.0/keys' || rest === 'discovery/keys') return sendJson(rc.res, 200, ctx.issuer.jwks());
    if (rest === 'v2.0/.well-known/openid-configuration') return discovery(ctx, rc, segments[0], 'v2');
    if (rest === '.well-known/openid-configuration') return discovery(ctx, rc, segments[0], 'v1');
    sendJson(rc.res, 404, { error: 'not_found', error_description: `The sandbox tenant has no route ${rc.path}` });
  };
}

/**
 * Tenant OpenID configuration; a domain resolves to the tenant id (it is in `issuer`). For
 * organizations/common the endpoints keep that segment and `issuer` carries `{tenantid}`, as Entra ID's do.
 */
function discovery(ctx: SandboxContext, rc: RequestContext, tenantSegment: string, version: 'v1' | 'v2'): void {
  if (answerLoginFault(ctx, rc, 'discovery')) return;
  const multi = MULTI_TENANT_SEGMENTS.find((m) => m === tenantSegment.toLowerCase());
  let tid: string;
  if (multi) {
    tid = '{tenantid}';
  } else {
    const resolved = resolveTenant(ctx, tenantSegment);
    if ('error' in resolved) return sendAadError(ctx, rc, resolved.error);
    tid = resolved.tenant.tenantId;
  }
  const base = `${ctx.authorityHost}/${multi ?? tid}`;
  const issuerBase = `${ctx.authorityHost}/${tid}`;
  const v = version === 'v2' ? 'v2.0/' : '';
  sendJson(
    rc.res,
    200,
    {
      token_endpoint: `${base}/oauth2/${v}token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/${v}keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: version === 'v2' ? `${issuerBase}/v2.0` : `https://sts.windows.net/${tid}/`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${ctx.graphEndpoint}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/${v}authorize`,
      device_authorization_endpoint: `${base}/oauth2/${v}devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/${v}logout`,
      claims_supported: [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'sandbox.localhost',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: new URL(ctx.graphEndpoint).host,
      rbac_url: 'https://pas.windows.net',
    },
    { 'Cache-Control': 'max-age=86400, private' },
  );
}

/** Instance discovery, for clients that call it (with disableInstanceDiscovery MSAL does not). */
function instanceDiscovery(ctx: SandboxContext, rc: RequestContext): void {
  const host = new URL(ctx.authorityHost).host;
  sendJson(rc.res, 200, {
    tenant_discovery_endpoint: `${ctx.authorityHost}/{tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}
