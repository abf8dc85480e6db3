import { OtherResourceAccess } from './directory';
import { GraphRequirement, isAllowed } from './graphCaller';
import { bodyObject, findApplication, GraphScope, GUID } from './graphObjects';
import { findGraphPermission, GRAPH_APP_ID, GraphPermission } from './graphPermissions';
import { GRAPH_ERRORS, graphNoContent, GraphResult } from './graphResult';

/** Application.ReadWrite.All, as a Global, Application or Cloud Application Administrator. */
export const MANAGE_APPS: GraphRequirement = {
  delegated: ['Application.ReadWrite.All', 'Directory.AccessAsUser.All'],
  application: ['Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  userRoles: ['Global Administrator', 'Application Administrator', 'Cloud Application Administrator'],
};

/**
 * PATCH /applications/{id} (or `(appId='…')`) with `requiredResourceAccess`: the whole array is
 * replaced, as Graph does, so a client must send the merged list. Each entry is checked: a GUID
 * `resourceAppId`, `resourceAccess` of `{id: GUID, type: 'Scope'|'Role'}`, and for Microsoft Graph
 * an id that is one of its delegated (Scope) or application (Role) permissions. 204 No Content.
 * The sandbox accepts no other property.
 */
export function patchApplication(s: GraphScope, key: string, body: unknown): GraphResult {
  const app = findApplication(s, key);
  if (!app) return s.fail(GRAPH_ERRORS.notFound(key.replace(/^\//, '')));
  const patch = bodyObject(body);
  if (!patch) return s.fail(GRAPH_ERRORS.invalidRequest('Empty Payload. JSON content expected.'));
  const unsupported = Object.keys(patch).find((k) => k !== 'requiredResourceAccess');
  if (unsupported) {
    return s.fail(
      GRAPH_ERRORS.invalidRequest(`The sandbox tenant can only update requiredResourceAccess, not '${unsupported}'.`),
    );
  }
  const parsed = parseRequiredResourceAccess(patch.requiredResourceAccess);
  if (typeof parsed === 'string') return s.fail(GRAPH_ERRORS.invalidRequest(parsed));
  if (!isAllowed(s.caller, MANAGE_APPS)) return s.fail(GRAPH_ERRORS.forbidden());
  app.configured = parsed.graph;
  app.otherResourceAccess = parsed.others;
  return graphNoContent();
}

/** Checks a `requiredResourceAccess` array; a string is Graph's 400 message. */
export function parseRequiredResourceAccess(
  value: unknown,
): { graph: GraphPermission[]; others: OtherResourceAccess[] } | string {
  const invalid = "Invalid value specified for property 'requiredResourceAccess' of resource 'Application'.";
  if (!Array.isArray(value)) return invalid;
  const graph: GraphPermission[] = [];
  const others: OtherResourceAccess[] = [];
  const resources = new Set<string>();
  for (const raw of value as unknown[]) {
    const entry = bodyObject(raw);
    const resourceAppId = entry?.resourceAppId;
    const access = entry?.resourceAccess;
    if (typeof resourceAppId !== 'string' || !GUID.test(resourceAppId) || !Array.isArray(access)) return invalid;
    const resource = resourceAppId.toLowerCase();
    if (resources.has(resource)) return `${invalid} The resource '${resource}' is listed twice.`;
    resources.add(resource);
    const items: { id: string; type: 'Scope' | 'Role' }[] = [];
    for (const rawItem of access as unknown[]) {
      const item = bodyObject(rawItem);
      const id = item?.id;
      const type = item?.type;
      if (typeof id !== 'string' || !GUID.test(id) || (type !== 'Scope' && type !== 'Role')) {
        return "Invalid value specified for property 'resourceAccess' of resource 'RequiredResourceAccess'.";
      }
      items.push({ id: id.toLowerCase(), type });
    }
    if (resource !== GRAPH_APP_ID) {
      others.push({ resourceAppId: resource, resourceAccess: items });
      continue;
    }
    for (const item of items) {
      const permission = findGraphPermission(item.id, item.type === 'Scope' ? 'Delegated' : 'Application');
      if (!permission) {
        return `Permission (scope or role) '${item.id}' of type '${item.type}' does not exist on resource '${GRAPH_APP_ID}'.`;
      }
      if (!graph.includes(permission)) graph.push(permission);
    }
  }
  return { graph, others };
}
