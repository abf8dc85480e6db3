import {
  applicationEntity,
  appRoleAssignments,
  GraphEntity,
  oauth2PermissionGrants,
  servicePrincipalEntity,
} from './graphEntities';
import { pageCollection } from './graphPaging';
import { DIRECTORY_READ_ROLES } from './graphPermissions';
import { GRAPH_ERRORS, graphError, graphOk, GraphResult } from './graphResult';
import { SandboxContext } from './sandboxContext';
import { AccessTokenClaims } from './tokenIssuer';

const APPLICATION = /^applications\(appId='([^'/]*)'\)$/i;
const SERVICE_PRINCIPAL = /^servicePrincipals\(appId='([^'/]*)'\)(?:\/(appRoleAssignments|oauth2PermissionGrants))?$/i;

/** A read request relative to the version: "/applications(appId='…')?$select=id". */
export interface ResourceRequest {
  readonly method: string;
  readonly url: string;
  readonly clientRequestId?: string;
  /** The version the request came in on ("v1.0" default, or "beta"): nextLinks keep it. */
  readonly version?: string;
}

/**
 * Answers the reads the consent checker makes, as real Graph does: app-only tokens need a
 * directory-read app role (else 403), unknown objects are 404, `$select` is honoured and checked,
 * and the two grant collections are paged (`$top`, `@odata.nextLink` with `$skiptoken`).
 */
export function readResource(ctx: SandboxContext, claims: AccessTokenClaims, request: ResourceRequest): GraphResult {
  const fail = (e: { status: number; code: string; message: string }): GraphResult =>
    graphError(e.status, e.code, e.message, ctx.now(), request.clientRequestId);
  const queryAt = request.url.indexOf('?');
  const rawPath = (queryAt < 0 ? request.url : request.url.slice(0, queryAt)).replace(/^\//, '');
  const path = decode(rawPath);
  const query = new URLSearchParams(queryAt < 0 ? '' : request.url.slice(queryAt + 1));
  const appMatch = APPLICATION.exec(path);
  const spMatch = SERVICE_PRINCIPAL.exec(path);
  if (!appMatch && !spMatch) return fail(GRAPH_ERRORS.badSegment(path.split(/[/(?]/)[0] || path));
  if (request.method.toUpperCase() !== 'GET') return fail(GRAPH_ERRORS.methodNotAllowed());
  if (!(claims.roles ?? []).some((r) => DIRECTORY_READ_ROLES.includes(r))) return fail(GRAPH_ERRORS.forbidden());

  const tenant = ctx.directory.findTenant(claims.tid);
  const base = `${ctx.graphEndpoint}/v1.0/$metadata`;
  const appId = (appMatch ?? spMatch)?.[1] ?? '';
  if (!tenant) return fail(GRAPH_ERRORS.notFound(appId));
  const select = query.get('$select');

  if (appMatch) {
    const app = ctx.directory.findApp(tenant.tenantId, appId);
    if (!app) return fail(GRAPH_ERRORS.notFound(appId));
    return entityResult(applicationEntity(app), 'applications', 'microsoft.graph.application', select, base, fail);
  }
  const sp = servicePrincipalEntity(ctx.directory, tenant, appId);
  if (!sp || typeof sp.id !== 'string') return fail(GRAPH_ERRORS.notFound(appId));
  const navigation = spMatch?.[2]?.toLowerCase();
  if (!navigation) return entityResult(sp, 'servicePrincipals', 'microsoft.graph.servicePrincipal', select, base, fail);
  const app = ctx.directory.findApp(tenant.tenantId, appId);
  const isRoles = navigation === 'approleassignments';
  const value = !app
    ? []
    : isRoles
      ? appRoleAssignments(ctx.directory, app, sp.id)
      : oauth2PermissionGrants(ctx.directory, app, sp.id);
  const paging = {
    graphEndpoint: ctx.graphEndpoint,
    now: ctx.now,
    pageTokens: ctx.pageTokens,
    defaultPageSize: ctx.state.pageSize,
  };
  return pageCollection(
    paging,
    {
      tenantId: tenant.tenantId,
      rawPath,
      version: request.version ?? 'v1.0',
      query,
      odataContext: `${base}#${isRoles ? 'appRoleAssignments' : 'oauth2PermissionGrants'}`,
      clientRequestId: request.clientRequestId,
    },
    value,
  );
}

function entityResult(
  entity: GraphEntity,
  set: string,
  type: string,
  select: string | null,
  base: string,
  fail: (e: { status: number; code: string; message: string }) => GraphResult,
): GraphResult {
  if (select === null) return graphOk({ '@odata.context': `${base}#${set}/$entity`, ...entity });
  const names = select
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const projected: GraphEntity = {};
  for (const name of names) {
    const key = Object.keys(entity).find((k) => k.toLowerCase() === name.toLowerCase());
    if (!key) {
      return fail({
        status: 400,
        code: 'BadRequest',
        message: `Parsing OData Select and Expand failed: Could not find a property named '${name}' on type '${type}'.`,
      });
    }
    projected[key] = entity[key];
  }
  return graphOk({ '@odata.context': `${base}#${set}(${Object.keys(projected).join(',')})/$entity`, ...projected });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
