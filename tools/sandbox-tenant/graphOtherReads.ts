import { isAllowed, READ_DIRECTORY } from './graphCaller';
import { applicationEntity, oauth2PermissionGrants } from './graphEntities';
import { GraphScope } from './graphObjects';
import { pageCollection } from './graphPaging';
import { GRAPH_ERRORS, graphOk, GraphResult } from './graphResult';

const USER_READ_SCOPES = ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'];
const GRANT_FILTER = /^clientId eq '([0-9a-f-]{36})' and resourceId eq '([0-9a-f-]{36})'$/i;

/** GET /me: the signed-in user (User.Read or a broader user-read scope); app-only tokens get Graph's 400. */
export function readMe(s: GraphScope, base: string): GraphResult {
  if (s.caller.kind === 'app') {
    return s.fail({
      status: 400,
      code: 'BadRequest',
      message: '/me request is only valid with delegated authentication flow.',
    });
  }
  const scopes = s.caller.scopes.map((x) => x.toLowerCase());
  const user = s.caller.user;
  if (!user || !USER_READ_SCOPES.some((x) => scopes.includes(x.toLowerCase()))) return s.fail(GRAPH_ERRORS.forbidden());
  return graphOk({
    '@odata.context': `${base}#users/$entity`,
    id: user.objectId,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    mail: user.userPrincipalName,
  });
}

/**
 * GET /oauth2PermissionGrants, unfiltered or with exactly `$filter=clientId eq '…' and resourceId eq '…'`
 * (the query a repair makes to find the grant to PATCH); other filters are 400 Request_UnsupportedQuery.
 */
export function readPermissionGrants(
  s: GraphScope,
  rawPath: string,
  query: URLSearchParams,
  base: string,
  version: string,
  clientRequestId: string | undefined,
): GraphResult {
  if (!isAllowed(s.caller, READ_DIRECTORY)) return s.fail(GRAPH_ERRORS.forbidden());
  const filter = query.get('$filter');
  const match = filter === null ? null : GRANT_FILTER.exec(filter.trim());
  if (filter !== null && !match) {
    return s.fail({ status: 400, code: 'Request_UnsupportedQuery', message: 'Unsupported Query.' });
  }
  const all = s.ctx.directory
    .apps(s.tenant.tenantId)
    .filter((a) => a.servicePrincipalId !== null && s.ctx.directory.isVisible(a.servicePrincipalVisibleAt))
    .flatMap((a) => oauth2PermissionGrants(s.ctx.directory, a, a.servicePrincipalId ?? ''));
  const value = match
    ? all.filter((g) => g.clientId === match[1].toLowerCase() && g.resourceId === match[2].toLowerCase())
    : all;
  return pageCollection(
    {
      graphEndpoint: s.ctx.graphEndpoint,
      now: s.ctx.now,
      pageTokens: s.ctx.pageTokens,
      defaultPageSize: s.ctx.state.pageSize,
    },
    {
      tenantId: s.tenant.tenantId,
      rawPath,
      version,
      query,
      odataContext: `${base}#oauth2PermissionGrants`,
      clientRequestId,
    },
    value,
  );
}

const NAME_FILTER = /^displayName eq '((?:[^']|'')*)'$/i;

/**
 * GET /applications with exactly `$filter=displayName eq '…'` (quotes doubled, as OData wants):
 * the tenant's registrations of that name (case-insensitive, as Entra ID compares), `$select`
 * honoured. An unfiltered list or any other filter is 400 Request_UnsupportedQuery here.
 */
export function readApplicationsByName(s: GraphScope, query: URLSearchParams, base: string): GraphResult {
  if (!isAllowed(s.caller, READ_DIRECTORY)) return s.fail(GRAPH_ERRORS.forbidden());
  const match = NAME_FILTER.exec((query.get('$filter') ?? '').trim());
  if (!match) return s.fail({ status: 400, code: 'Request_UnsupportedQuery', message: 'Unsupported Query.' });
  const wanted = match[1].replace(/''/g, "'").toLowerCase();
  const select = (query.get('$select') ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  const value = s.ctx.directory
    .apps(s.tenant.tenantId)
    .filter((a) => a.registration.displayName.toLowerCase() === wanted)
    .map((a) => {
      const entity = applicationEntity(a);
      return select.length === 0 ? entity : Object.fromEntries(select.map((k) => [k, entity[k] ?? null]));
    });
  return graphOk({ '@odata.context': `${base}#applications`, value });
}
