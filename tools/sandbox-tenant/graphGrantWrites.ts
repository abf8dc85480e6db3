import { DirectoryApp } from './directory';
import { GraphRequirement, isAllowed } from './graphCaller';
import { hasPermissionGrant, permissionGrantId } from './graphEntities';
import { bodyObject, findServicePrincipal, GraphScope, GUID } from './graphObjects';
import { findGraphPermission, GraphPermission } from './graphPermissions';
import { GRAPH_ERRORS, graphCreated, graphNoContent, GraphResult } from './graphResult';

/** DelegatedPermissionGrant.ReadWrite.All, as an admin who may consent for delegated permissions. */
export const GRANT_DELEGATED: GraphRequirement = {
  delegated: ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.AccessAsUser.All'],
  application: ['DelegatedPermissionGrant.ReadWrite.All'],
  userRoles: [
    'Global Administrator',
    'Privileged Role Administrator',
    'Application Administrator',
    'Cloud Application Administrator',
  ],
};

/**
 * POST /oauth2PermissionGrants {clientId, consentType: 'AllPrincipals', resourceId, scope}: admin
 * consent for every user to the delegated scopes. 201 with the grant; a second AllPrincipals
 * grant for the same client and resource is 409 "Permission entry already exists." (Graph keeps
 * one grant per client, resource and consent type: PATCH its scope instead).
 */
export function createPermissionGrant(s: GraphScope, body: unknown): GraphResult {
  const b = bodyObject(body);
  if (!b) return s.fail(GRAPH_ERRORS.invalidRequest('Empty Payload. JSON content expected.'));
  for (const k of ['clientId', 'resourceId']) {
    const v = b[k];
    if (typeof v !== 'string' || !GUID.test(v)) return s.fail(GRAPH_ERRORS.invalidProperty(k, 'OAuth2PermissionGrant'));
  }
  if (b.consentType !== 'AllPrincipals' || (b.principalId !== undefined && b.principalId !== null)) {
    return s.fail(
      GRAPH_ERRORS.invalidRequest(
        "The sandbox tenant supports consentType 'AllPrincipals' (admin consent for all users) with no principalId.",
      ),
    );
  }
  const client = findServicePrincipal(s, `/${String(b.clientId)}`);
  if (!client || client.kind !== 'app') return s.fail(GRAPH_ERRORS.notFound(String(b.clientId)));
  const resource = findServicePrincipal(s, `/${String(b.resourceId)}`);
  if (!resource) return s.fail(GRAPH_ERRORS.notFound(String(b.resourceId)));
  const scopes = resource.kind === 'graph' ? parseScopes(b.scope) : undefined;
  if (!scopes) return s.fail(GRAPH_ERRORS.invalidProperty('scope', 'OAuth2PermissionGrant'));
  if (!isAllowed(s.caller, GRANT_DELEGATED)) return s.fail(GRAPH_ERRORS.forbidden());
  if (hasPermissionGrant(client.app)) return s.fail(GRAPH_ERRORS.conflict('Permission entry already exists.'));
  s.ctx.directory.setDelegatedGrant(client.app, scopes);
  return graphCreated({
    '@odata.context': `${s.ctx.graphEndpoint}/v1.0/$metadata#oauth2PermissionGrants/$entity`,
    ...grantEntity(client.app, client.id, scopes),
  });
}

/** PATCH /oauth2PermissionGrants/{id} {scope}: the grant's scopes become exactly these. 204 No Content. */
export function patchPermissionGrant(s: GraphScope, id: string, body: unknown): GraphResult {
  const found = s.ctx.directory
    .apps(s.tenant.tenantId)
    .find(
      (a) =>
        a.servicePrincipalId !== null &&
        hasPermissionGrant(a) &&
        permissionGrantId(a, a.servicePrincipalId) === id &&
        (a.delegatedGrantObject === null || s.ctx.directory.isVisible(a.delegatedGrantObject.visibleAt)),
    );
  if (!found) return s.fail(GRAPH_ERRORS.notFound(id));
  const b = bodyObject(body);
  if (!b) return s.fail(GRAPH_ERRORS.invalidRequest('Empty Payload. JSON content expected.'));
  const other = Object.keys(b).find((k) => k !== 'scope');
  if (other) return s.fail(GRAPH_ERRORS.invalidRequest(`The sandbox tenant can only update scope, not '${other}'.`));
  const scopes = parseScopes(b.scope);
  if (!scopes) return s.fail(GRAPH_ERRORS.invalidProperty('scope', 'OAuth2PermissionGrant'));
  if (!isAllowed(s.caller, GRANT_DELEGATED)) return s.fail(GRAPH_ERRORS.forbidden());
  s.ctx.directory.setDelegatedGrant(found, scopes);
  return graphNoContent();
}

/** Space-separated names of Graph delegated permissions; undefined when one is unknown. */
function parseScopes(value: unknown): GraphPermission[] | undefined {
  if (typeof value !== 'string') return undefined;
  const permissions: GraphPermission[] = [];
  for (const name of value.split(' ').filter((n) => n !== '')) {
    const p = findGraphPermission(name, 'Delegated');
    if (!p || p.name.toLowerCase() !== name.toLowerCase()) return undefined;
    if (!permissions.includes(p)) permissions.push(p);
  }
  return permissions;
}

function grantEntity(app: DirectoryApp, spId: string, scopes: readonly GraphPermission[]): Record<string, unknown> {
  return {
    clientId: spId,
    consentType: 'AllPrincipals',
    id: permissionGrantId(app, spId),
    principalId: null,
    resourceId: app.tenant.graphServicePrincipalId,
    scope: scopes.map((p) => p.name).join(' '),
  };
}
