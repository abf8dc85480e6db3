import { MANAGE_APPS } from './graphApplicationWrites';
import { GraphRequirement, isAllowed } from './graphCaller';
import { appRoleAssignmentEntity, appServicePrincipalEntity } from './graphEntities';
import { bodyObject, findServicePrincipal, GraphScope, GUID } from './graphObjects';
import { findGraphPermission, GRAPH_APP_ID } from './graphPermissions';
import { GRAPH_ERRORS, graphCreated, GraphResult } from './graphResult';

/**
 * AppRoleAssignment.ReadWrite.All, and for Microsoft Graph's app roles a Global Administrator or
 * Privileged Role Administrator: an Application Administrator is refused (403).
 */
export const GRANT_APP_ROLES: GraphRequirement = {
  delegated: ['AppRoleAssignment.ReadWrite.All', 'Directory.AccessAsUser.All'],
  application: ['AppRoleAssignment.ReadWrite.All'],
  userRoles: ['Global Administrator', 'Privileged Role Administrator'],
};

/**
 * POST /servicePrincipals {appId}: creates the enterprise application of an app registered in the
 * tenant. 201 with the object, which (like a real directory) reads as 404 until the replication
 * delay has passed; a second one is 409 Request_MultipleObjectsWithSameKeyValue.
 */
export function createServicePrincipal(s: GraphScope, body: unknown): GraphResult {
  const appId = bodyObject(body)?.appId;
  if (typeof appId !== 'string' || !GUID.test(appId)) {
    return s.fail(GRAPH_ERRORS.invalidProperty('appId', 'ServicePrincipal'));
  }
  const app = s.ctx.directory.findApp(s.tenant.tenantId, appId);
  if (!app || appId.toLowerCase() === GRAPH_APP_ID) {
    return s.fail(
      GRAPH_ERRORS.invalidRequest(
        `The appId '${appId}' of the service principal does not reference a valid application object.`,
      ),
    );
  }
  if (!isAllowed(s.caller, MANAGE_APPS)) return s.fail(GRAPH_ERRORS.forbidden());
  if (app.servicePrincipalId !== null) {
    return s.fail(
      GRAPH_ERRORS.conflict(
        `The service principal cannot be created, updated, or restored because the service principal name ${app.registration.appId} is already in use.`,
      ),
    );
  }
  const id = s.ctx.directory.createServicePrincipal(app);
  return graphCreated({
    '@odata.context': `${s.ctx.graphEndpoint}/v1.0/$metadata#servicePrincipals/$entity`,
    ...appServicePrincipalEntity(app, id),
  });
}

/**
 * POST /servicePrincipals/{resource}/appRoleAssignedTo (or /servicePrincipals/{principal}/appRoleAssignments)
 * {principalId, resourceId, appRoleId}: grants one application permission. 201 with the
 * assignment; a duplicate is 400 Request_BadRequest "Permission being assigned already exists on
 * the object" (Graph v1.0's answer today); an app role the resource does not publish is 400.
 */
export function assignAppRole(
  s: GraphScope,
  spKey: string,
  side: 'appRoleAssignedTo' | 'appRoleAssignments',
  body: unknown,
): GraphResult {
  const inPath = findServicePrincipal(s, spKey);
  if (!inPath) return s.fail(GRAPH_ERRORS.notFound(spKey.replace(/^\//, '')));
  const b = bodyObject(body);
  const ids = ['principalId', 'resourceId', 'appRoleId'].map((k) => b?.[k]);
  const bad = ['principalId', 'resourceId', 'appRoleId'].find((_, i) => {
    const v = ids[i];
    return typeof v !== 'string' || !GUID.test(v);
  });
  if (bad) return s.fail(GRAPH_ERRORS.invalidProperty(bad, 'AppRoleAssignment'));
  const [principalId, resourceId, appRoleId] = ids.map((v) => String(v).toLowerCase());
  if ((side === 'appRoleAssignedTo' ? resourceId : principalId) !== inPath.id) {
    const which = side === 'appRoleAssignedTo' ? 'resourceId' : 'principalId';
    return s.fail(GRAPH_ERRORS.invalidRequest(`The ${which} must be the service principal in the request URL.`));
  }
  const resource = findServicePrincipal(s, `/${resourceId}`);
  if (!resource) return s.fail(GRAPH_ERRORS.notFound(resourceId));
  const principal = findServicePrincipal(s, `/${principalId}`);
  if (!principal || principal.kind !== 'app') return s.fail(GRAPH_ERRORS.notFound(principalId));
  const permission = resource.kind === 'graph' ? findGraphPermission(appRoleId, 'Application') : undefined;
  if (!permission || permission.id !== appRoleId) {
    const owner = resource.kind === 'graph' ? GRAPH_APP_ID : resource.app.registration.appId;
    return s.fail(GRAPH_ERRORS.invalidRequest(`Permission being assigned was not found on application '${owner}'.`));
  }
  if (!isAllowed(s.caller, GRANT_APP_ROLES)) return s.fail(GRAPH_ERRORS.forbidden());
  if (principal.app.grants.has(permission.id)) {
    return s.fail(GRAPH_ERRORS.invalidRequest('Permission being assigned already exists on the object'));
  }
  const grant = s.ctx.directory.grant(principal.app, permission);
  return graphCreated({
    '@odata.context': `${s.ctx.graphEndpoint}/v1.0/$metadata#appRoleAssignments/$entity`,
    ...appRoleAssignmentEntity(principal.app, principal.id, grant),
  });
}
