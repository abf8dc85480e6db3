import { DirectoryApp } from './directory';
import { FixtureTenant } from './fixture';
import { GRAPH_APP_ID } from './graphPermissions';
import { GraphCaller } from './graphCaller';
import { GraphResult } from './graphResult';
import { SandboxContext } from './sandboxContext';

/** A Graph error as the handlers build it (status, code, message). */
export interface GraphFailure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** What a Graph handler works with: the sandbox, the caller, the caller's tenant and an error builder. */
export interface GraphScope {
  readonly ctx: SandboxContext;
  readonly caller: GraphCaller;
  readonly tenant: FixtureTenant;
  fail(e: GraphFailure): GraphResult;
}

/** A service principal named in a path: Microsoft Graph's own, or an app's (replicated). */
export type ServicePrincipalRef =
  | { readonly kind: 'graph'; readonly id: string }
  | { readonly kind: 'app'; readonly id: string; readonly app: DirectoryApp };

const KEY = /^(?:\(appId='([^'/]*)'\)|\/([0-9a-f-]{36}))$/i;

/** Resolves `(appId='…')` or `/{object id}` after `servicePrincipals`; undefined when it does not exist yet. */
export function findServicePrincipal(s: GraphScope, key: string): ServicePrincipalRef | undefined {
  const m = KEY.exec(key);
  if (!m) return undefined;
  const byAppId = m[1]?.toLowerCase();
  const byId = m[2]?.toLowerCase();
  if (byAppId === GRAPH_APP_ID || byId === s.tenant.graphServicePrincipalId) {
    return { kind: 'graph', id: s.tenant.graphServicePrincipalId };
  }
  const app = s.ctx.directory
    .apps(s.tenant.tenantId)
    .find((a) => (byAppId ? a.registration.appId === byAppId : a.servicePrincipalId === byId));
  if (!app || app.servicePrincipalId === null || !s.ctx.directory.isVisible(app.servicePrincipalVisibleAt)) {
    return undefined;
  }
  return { kind: 'app', id: app.servicePrincipalId, app };
}

/** Resolves `(appId='…')` or `/{object id}` after `applications`. */
export function findApplication(s: GraphScope, key: string): DirectoryApp | undefined {
  const m = KEY.exec(key);
  if (!m) return undefined;
  const byAppId = m[1]?.toLowerCase();
  const byId = m[2]?.toLowerCase();
  return s.ctx.directory
    .apps(s.tenant.tenantId)
    .find((a) => (byAppId ? a.registration.appId === byAppId : a.registration.objectId === byId));
}

/** Reads a JSON object body; Graph answers an empty or non-object payload with 400. */
export function bodyObject(body: unknown): Record<string, unknown> | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
