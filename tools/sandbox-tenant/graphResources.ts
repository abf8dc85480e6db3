import {
  applicationEntity,
  appRoleAssignments,
  GraphEntity,
  oauth2PermissionGrants,
  servicePrincipalEntity,
} from './graphEntities';
import { isAllowed, READ_DIRECTORY } from './graphCaller';
import { findApplication, findServicePrincipal, GraphScope } from './graphObjects';
import { pageCollection } from './graphPaging';
import { GRAPH_APP_ID } from './graphPermissions';
import { GRAPH_ERRORS, graphOk, GraphResult } from './graphResult';

const APPLICATION = /^applications(\(appId='[^'/]*'\)|\/[^/()]+)$/i;
const SERVICE_PRINCIPAL =
  /^servicePrincipals(\(appId='[^'/]*'\)|\/[^/()]+)(?:\/(appRoleAssignments|oauth2PermissionGrants))?$/i;

/** A request relative to the version: "/applications(appId='…')?$select=id", with its JSON body for writes. */
export interface ResourceRequest {
  readonly method: string;
  readonly url: string;
  readonly body?: unknown;
  readonly clientRequestId?: string;
  /** The version the request came in on ("v1.0" default, or "beta"): nextLinks keep it. */
  readonly version?: string;
}

/**
 * Answers the reads of applications and service principals as real Graph does: the caller needs
 * a directory-read permission (else 403), unknown or not yet replicated objects are 404,
 * `$select` is honoured and checked, and the two grant collections are paged (`$top`,
 * `@odata.nextLink` with `$skiptoken`). Objects are named by `(appId='…')` or by object id.
 * Undefined when the path is not one of these reads.
 */
export function readResource(
  s: GraphScope,
  path: string,
  rawPath: string,
  query: URLSearchParams,
  request: ResourceRequest,
): GraphResult | undefined {
  const appMatch = APPLICATION.exec(path);
  const spMatch = SERVICE_PRINCIPAL.exec(path);
  if (!appMatch && !spMatch) return undefined;
  if (!isAllowed(s.caller, READ_DIRECTORY)) return s.fail(GRAPH_ERRORS.forbidden());
  const { ctx, tenant } = s;
  const base = `${ctx.graphEndpoint}/v1.0/$metadata`;
  const key = (appMatch ?? spMatch)?.[1] ?? '';
  const keyText = key.replace(/^\(appId='|'\)$|^\//g, '');
  const select = query.get('$select');

  if (appMatch) {
    const app = findApplication(s, key);
    if (!app) return s.fail(GRAPH_ERRORS.notFound(keyText));
    return entityResult(applicationEntity(app), 'applications', 'microsoft.graph.application', select, base, s.fail);
  }
  const ref = findServicePrincipal(s, key);
  const appId = ref?.kind === 'app' ? ref.app.registration.appId : GRAPH_APP_ID;
  const sp = ref ? servicePrincipalEntity(ctx.directory, tenant, appId) : undefined;
  if (!ref || !sp || typeof sp.id !== 'string') return s.fail(GRAPH_ERRORS.notFound(keyText));
  const navigation = spMatch?.[2]?.toLowerCase();
  if (!navigation)
    return entityResult(sp, 'servicePrincipals', 'microsoft.graph.servicePrincipal', select, base, s.fail);
  const isRoles = navigation === 'approleassignments';
  const value =
    ref.kind !== 'app'
      ? []
      : isRoles
        ? appRoleAssignments(ctx.directory, ref.app, sp.id)
        : oauth2PermissionGrants(ctx.directory, ref.app, sp.id);
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
