import { AAD, AadError } from './aadErrors';
import { AAD_SIGNIN } from './aadSignInErrors';
import { DirectoryApp } from './directory';
import { findGraphPermission, GRAPH_APP_ID, GraphPermission } from './graphPermissions';

const PUBLIC_GRAPH = 'https://graph.microsoft.com';
const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;
export type OidcScope = (typeof OIDC_SCOPES)[number];

/** The scopes of an authorization request, resolved against Microsoft Graph's delegated permissions. */
export interface SignInScopes {
  readonly oidc: readonly OidcScope[];
  readonly graph: readonly GraphPermission[];
  /** The access token's `aud`: Graph's public URL, or the sandbox Graph URL when scopes named it. */
  readonly audience: string;
  /** The prefix scopes are written with in the token response (`https://graph.microsoft.com/`). */
  readonly resourcePrefix: string;
}

/**
 * Parses `scope` like Entra ID's v2 endpoint: OIDC scopes, Graph scopes as
 * `https://graph.microsoft.com/X`, `00000003-…/X`, the sandbox's own Graph URL, or a bare name
 * (Graph is the default resource); `/.default` means the app's configured delegated permissions.
 * Scopes of two resources in one request are AADSTS28000; unknown Graph scopes AADSTS650053.
 */
export function parseSignInScopes(scope: string, app: DirectoryApp, sandboxGraph: string): SignInScopes | AadError {
  const oidc = new Set<OidcScope>();
  const graph = new Map<string, GraphPermission>();
  const resources = new Set<string>();
  for (const item of scope.split(' ').filter((s) => s !== '')) {
    const oidcScope = OIDC_SCOPES.find((o) => o === item.toLowerCase());
    if (oidcScope) {
      oidc.add(oidcScope);
      continue;
    }
    const slash = item.lastIndexOf('/');
    const resource = slash < 0 ? PUBLIC_GRAPH : item.slice(0, slash).replace(/\/+$/, '').toLowerCase();
    const name = slash < 0 ? item : item.slice(slash + 1);
    const canonical =
      resource === PUBLIC_GRAPH || resource === GRAPH_APP_ID
        ? PUBLIC_GRAPH
        : resource === sandboxGraph.toLowerCase()
          ? sandboxGraph
          : undefined;
    if (!canonical) return AAD.resourceNotFound(item.slice(0, slash), app.tenant.tenantId);
    resources.add(canonical);
    if (name === '.default') {
      for (const p of app.configured.filter((c) => c.kind === 'Delegated')) graph.set(p.id, p);
      continue;
    }
    const permission = findGraphPermission(name, 'Delegated');
    if (!permission) return AAD_SIGNIN.scopeNotOnGraph(app.registration.displayName, name);
    graph.set(permission.id, permission);
  }
  if (resources.size > 1) {
    return {
      status: 400,
      error: 'invalid_scope',
      code: 28000,
      message: `Provided value for the input parameter scope '${scope}' is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
    };
  }
  if (oidc.size === 0 && graph.size === 0) return AAD_SIGNIN.invalidScope(scope);
  const audience = [...resources][0] ?? PUBLIC_GRAPH;
  return { oidc: [...oidc], graph: [...graph.values()], audience, resourcePrefix: `${audience}/` };
}
