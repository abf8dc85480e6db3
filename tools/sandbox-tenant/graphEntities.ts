import { Directory, DirectoryApp, DirectoryGrant } from './directory';
import { FixtureTenant } from './fixture';
import { graphPermissionObjects } from './graphPermissionObjects';
import { GRAPH_APP_ID } from './graphPermissions';

/** Microsoft's own tenant: owner of first-party service principals such as Graph's. */
const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

/** A JSON object as Graph returns it. */
export type GraphEntity = Record<string, unknown>;

/** An application object with every property the double knows (callers project with $select). */
export function applicationEntity(app: DirectoryApp): GraphEntity {
  const r = app.registration;
  const byKind = (kind: 'Delegated' | 'Application', type: 'Scope' | 'Role') =>
    app.configured.filter((p) => p.kind === kind).map((p) => ({ id: p.id, type }));
  const access = [...byKind('Delegated', 'Scope'), ...byKind('Application', 'Role')];
  return {
    id: r.objectId,
    deletedDateTime: null,
    appId: r.appId,
    createdDateTime: (app.createdAt ?? app.secrets[0]?.start)?.toISOString() ?? null,
    description: null,
    displayName: r.displayName,
    identifierUris: [],
    notes: null,
    publisherDomain: app.tenant.domains[0] ?? null,
    signInAudience: r.signInAudience,
    tags: [],
    keyCredentials: [],
    passwordCredentials: app.secrets.map((s) => ({
      customKeyIdentifier: null,
      displayName: s.displayName,
      endDateTime: s.end.toISOString(),
      hint: s.value.slice(0, 3),
      keyId: s.keyId,
      secretText: null,
      startDateTime: s.start.toISOString(),
    })),
    requiredResourceAccess: [
      ...(access.length === 0 ? [] : [{ resourceAppId: GRAPH_APP_ID, resourceAccess: access }]),
      ...app.otherResourceAccess.map((o) => ({
        resourceAppId: o.resourceAppId,
        resourceAccess: [...o.resourceAccess],
      })),
    ],
    publicClient: { redirectUris: [] },
    spa: { redirectUris: [] },
    web: {
      homePageUrl: null,
      logoutUrl: null,
      redirectUris: [...r.web.redirectUris],
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
      redirectUriSettings: r.web.redirectUris.map((uri) => ({ uri, index: null })),
    },
  };
}

/** A service principal: the app's own (if it has one) or Microsoft Graph's in this tenant. */
export function servicePrincipalEntity(
  directory: Directory,
  tenant: FixtureTenant,
  appId: string,
): GraphEntity | undefined {
  if (appId.toLowerCase() === GRAPH_APP_ID) {
    return spShape(tenant.graphServicePrincipalId, GRAPH_APP_ID, 'Microsoft Graph', MICROSOFT_TENANT_ID, true);
  }
  const app = directory.findApp(tenant.tenantId, appId);
  if (!app || app.servicePrincipalId === null || !directory.isVisible(app.servicePrincipalVisibleAt)) return undefined;
  return appServicePrincipalEntity(app, app.servicePrincipalId);
}

/** An app's own service principal (whether or not it has replicated yet). */
export function appServicePrincipalEntity(app: DirectoryApp, id: string): GraphEntity {
  const r = app.registration;
  return spShape(id, r.appId, r.displayName, app.tenant.tenantId, !r.disabled);
}

/** The app's replicated application-permission grants on Graph. */
export function appRoleAssignments(directory: Directory, app: DirectoryApp, spId: string): GraphEntity[] {
  return directory.visibleGrants(app, 'Application').map((g) => appRoleAssignmentEntity(app, spId, g));
}

/** One appRoleAssignment of the app's service principal to Microsoft Graph. */
export function appRoleAssignmentEntity(app: DirectoryApp, spId: string, g: DirectoryGrant): GraphEntity {
  return {
    id: Buffer.from(g.id.replace(/-/g, ''), 'hex').toString('base64url'),
    deletedDateTime: null,
    appRoleId: g.permission.id,
    createdDateTime: g.createdAt.toISOString(),
    principalDisplayName: app.registration.displayName,
    principalId: spId,
    principalType: 'ServicePrincipal',
    resourceDisplayName: 'Microsoft Graph',
    resourceId: app.tenant.graphServicePrincipalId,
  };
}

/** The id of the app's AllPrincipals grant on Graph (stable: client and resource ids). */
export function permissionGrantId(app: DirectoryApp, spId: string): string {
  return Buffer.from(`${spId}${app.tenant.graphServicePrincipalId}`.replace(/-/g, ''), 'hex').toString('base64url');
}

/** Whether the app holds an AllPrincipals grant object on Graph at all (replicated or not). */
export function hasPermissionGrant(app: DirectoryApp): boolean {
  return app.delegatedGrantObject !== null || [...app.grants.values()].some((g) => g.permission.kind === 'Delegated');
}

/**
 * The app's replicated admin-consented delegated grant on Graph (one object, scopes space-separated):
 * present while it has replicated scopes, or once a grant object created through Graph has replicated.
 */
export function oauth2PermissionGrants(directory: Directory, app: DirectoryApp, spId: string): GraphEntity[] {
  const scopes = directory.visibleGrants(app, 'Delegated').map((g) => g.permission.name);
  const created = app.delegatedGrantObject !== null && directory.isVisible(app.delegatedGrantObject.visibleAt);
  if (scopes.length === 0 && !created) return [];
  return [
    {
      clientId: spId,
      consentType: 'AllPrincipals',
      id: permissionGrantId(app, spId),
      principalId: null,
      resourceId: app.tenant.graphServicePrincipalId,
      scope: scopes.join(' '),
    },
  ];
}

/**
 * A service principal's properties. Graph's own publishes its permission catalog as appRoles and
 * oauth2PermissionScopes; a connector app's publishes none (empty lists, as Graph returns them).
 */
function spShape(id: string, appId: string, name: string, owner: string, enabled: boolean): GraphEntity {
  const published = appId === GRAPH_APP_ID ? graphPermissionObjects() : { appRoles: [], oauth2PermissionScopes: [] };
  return {
    id,
    deletedDateTime: null,
    accountEnabled: enabled,
    appDisplayName: name,
    appId,
    appOwnerOrganizationId: owner,
    appRoleAssignmentRequired: false,
    appRoles: published.appRoles,
    displayName: name,
    oauth2PermissionScopes: published.oauth2PermissionScopes,
    servicePrincipalNames: [appId],
    servicePrincipalType: 'Application',
    signInAudience: appId === GRAPH_APP_ID ? 'AzureADMultipleOrgs' : 'AzureADMyOrg',
    tags: [],
  };
}
