import { graphCaller } from './graphCaller';
import { assignAppRole, createServicePrincipal } from './graphServicePrincipalWrites';
import { patchApplication } from './graphApplicationWrites';
import { createApplication } from './graphApplicationCreate';
import { addPassword, removePassword } from './graphApplicationPasswords';
import { readDefaultAppManagementPolicy } from './graphAppManagementPolicy';
import { createPermissionGrant, patchPermissionGrant } from './graphGrantWrites';
import { GraphFailure, GraphScope } from './graphObjects';
import { readApplicationsByName, readMe, readPermissionGrants } from './graphOtherReads';
import { readResource, ResourceRequest } from './graphResources';
import { GRAPH_ERRORS, graphError, GraphResult } from './graphResult';
import { SandboxContext } from './sandboxContext';
import { AccessTokenClaims } from './tokenIssuer';

const KEY = String.raw`(\(appId='[^'/]*'\)|/[^/()]+)`;
const SP_ASSIGN = new RegExp(`^servicePrincipals${KEY}/(appRoleAssignedTo|appRoleAssignments)$`, 'i');
const APP = new RegExp(`^applications${KEY}$`, 'i');
const APP_PASSWORD = new RegExp(`^applications${KEY}/(addPassword|removePassword)$`, 'i');
const GRANT = /^oauth2PermissionGrants\/([^/()]+)$/i;

/**
 * One Graph request (a plain call or a $batch item) for an authenticated token: the reads (and
 * GET /policies/defaultAppManagementPolicy), the writes a repair makes (POST /servicePrincipals,
 * PATCH /applications/{id}, POST …/appRoleAssignedTo, POST and PATCH /oauth2PermissionGrants),
 * and app creation and secret rotation (POST /applications, …/addPassword, …/removePassword).
 * Anything else is Graph's 400 "Resource not found for the segment", a known path with another method 405.
 */
export function answerGraphRequest(
  ctx: SandboxContext,
  claims: AccessTokenClaims,
  request: ResourceRequest,
): GraphResult {
  const fail = (e: GraphFailure): GraphResult =>
    graphError(e.status, e.code, e.message, ctx.now(), request.clientRequestId);
  const tenant = ctx.directory.findTenant(claims.tid);
  if (!tenant) return fail(GRAPH_ERRORS.notFound(claims.tid));
  const s: GraphScope = { ctx, caller: graphCaller(ctx, claims), tenant, fail };
  const queryAt = request.url.indexOf('?');
  const rawPath = (queryAt < 0 ? request.url : request.url.slice(0, queryAt)).replace(/^\//, '');
  const path = decode(rawPath);
  const query = new URLSearchParams(queryAt < 0 ? '' : request.url.slice(queryAt + 1));
  const method = request.method.toUpperCase();
  const base = `${ctx.graphEndpoint}/v1.0/$metadata`;
  const version = request.version ?? 'v1.0';

  if (method === 'GET') {
    if (/^me$/i.test(path)) return readMe(s, base);
    if (/^applications$/i.test(path)) return readApplicationsByName(s, query, base);
    if (/^policies\/defaultAppManagementPolicy$/i.test(path)) return readDefaultAppManagementPolicy(s, base);
    if (/^oauth2PermissionGrants$/i.test(path)) {
      return readPermissionGrants(s, rawPath, query, base, version, request.clientRequestId);
    }
    const read = readResource(s, path, rawPath, query, request);
    if (read) return read;
  }
  if (method === 'POST') {
    if (/^servicePrincipals$/i.test(path)) return createServicePrincipal(s, request.body);
    if (/^applications$/i.test(path)) return createApplication(s, request.body);
    const password = APP_PASSWORD.exec(path);
    if (password) {
      const add = password[2].toLowerCase() === 'addpassword';
      return add ? addPassword(s, password[1], request.body) : removePassword(s, password[1], request.body);
    }
    if (/^oauth2PermissionGrants$/i.test(path)) return createPermissionGrant(s, request.body);
    const assign = SP_ASSIGN.exec(path);
    if (assign) {
      const side = assign[2].toLowerCase() === 'approleassignedto' ? 'appRoleAssignedTo' : 'appRoleAssignments';
      return assignAppRole(s, assign[1], side, request.body);
    }
  }
  if (method === 'PATCH') {
    const app = APP.exec(path);
    if (app) return patchApplication(s, app[1], request.body);
    const grant = GRANT.exec(path);
    if (grant) return patchPermissionGrant(s, grant[1], request.body);
  }
  const known =
    /^(applications|servicePrincipals|oauth2PermissionGrants|me)([/(]|$)/i.test(path) ||
    /^policies\/defaultAppManagementPolicy$/i.test(path);
  return fail(known ? GRAPH_ERRORS.methodNotAllowed() : GRAPH_ERRORS.badSegment(path.split(/[/(?]/)[0] || path));
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
