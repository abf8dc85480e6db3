import type { CloudEndpoints } from './cloud';

/**
 * Links an admin clicks: the admin-consent URL (grants everything configured on the
 * registration) and Azure portal deep links to the registration's blades, per cloud.
 */

export interface AdminConsentLinkArgs {
  readonly cloud: CloudEndpoints;
  /** The tenant GUID (or domain) where consent is granted. */
  readonly tenantId: string;
  readonly clientId: string;
  /** Must be a Web redirect URI registered on the app (else AADSTS500113 / AADSTS50011). */
  readonly redirectUri?: string;
  /** Opaque value echoed back to the redirect URI; the receiver must verify it. */
  readonly state?: string;
}

/** v1 admin consent: `{authority}/{tenant}/adminconsent?client_id=…[&redirect_uri=…][&state=…]`. */
export function buildAdminConsentUrl(a: AdminConsentLinkArgs): string {
  const params = new URLSearchParams({ client_id: a.clientId });
  if (a.redirectUri) params.set('redirect_uri', a.redirectUri);
  if (a.state) params.set('state', a.state);
  return `${a.cloud.authorityHost}/${encodeURIComponent(a.tenantId)}/adminconsent?${params.toString()}`;
}

/** Deep links to the app registration's blades in the cloud's Azure portal. */
export function portalLinks(
  cloud: CloudEndpoints,
  clientId: string,
): { apiPermissions: string; credentials: string; overview: string } {
  const base = `${cloud.portal}/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~`;
  const app = encodeURIComponent(clientId);
  return {
    apiPermissions: `${base}/CallAnAPI/appId/${app}`,
    credentials: `${base}/Credentials/appId/${app}`,
    overview: `${base}/Overview/appId/${app}`,
  };
}

/** What the admin-consent redirect says: granted (with tenant and state) or refused (with the reason). */
export type AdminConsentCallback =
  | { readonly granted: true; readonly tenant?: string; readonly state?: string }
  | {
      readonly granted: false;
      readonly error: string;
      readonly description?: string;
      readonly aadsts?: string;
      readonly state?: string;
    };

/** The `error` of a redirect that carried neither `admin_consent` nor an error of its own. */
export const INVALID_CALLBACK = 'invalid_callback';

/**
 * Reads the query of the admin-consent redirect (a parsed query whose repeated keys are
 * arrays counts the first value, as URLSearchParams does). The `tenant` parameter alone
 * proves nothing: callers must verify `state` before trusting the answer.
 */
export function parseAdminConsentCallback(query: URLSearchParams | Record<string, unknown>): AdminConsentCallback {
  const get = (key: string): string | undefined => {
    const raw: unknown = query instanceof URLSearchParams ? query.get(key) : query[key];
    const value: unknown = Array.isArray(raw) ? raw[0] : raw;
    return typeof value === 'string' ? value.slice(0, 2000) : undefined;
  };
  const state = get('state');
  const error = get('error');
  if (error) {
    const description = get('error_description');
    return {
      granted: false,
      error,
      description,
      aadsts: description ? /AADSTS(\d+)/.exec(description)?.[1] : undefined,
      state,
    };
  }
  if ((get('admin_consent') ?? '').toLowerCase() === 'true') return { granted: true, tenant: get('tenant'), state };
  return {
    granted: false,
    error: INVALID_CALLBACK,
    description: 'The redirect carried neither admin_consent nor error.',
    state,
  };
}
