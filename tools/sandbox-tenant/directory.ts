import { randomUUID } from 'crypto';
import { FixtureApplication, FixtureTenant, resolveFixtureDate, SandboxFixture } from './fixture';
import { findGraphPermission, GraphPermission, PermissionKind } from './graphPermissions';

/** A client secret with its dates resolved against the sandbox clock. */
export interface DirectorySecret {
  readonly keyId: string;
  readonly displayName: string;
  readonly value: string;
  readonly start: Date;
  readonly end: Date;
}

/** A grant of one permission; it becomes visible (replicated) at `visibleAt` (ms, sandbox clock). */
export interface DirectoryGrant {
  readonly permission: GraphPermission;
  readonly id: string;
  readonly createdAt: Date;
  readonly visibleAt: number;
}

/** An app registration plus its service principal's grants, mutable by consent and revocation. */
export interface DirectoryApp {
  readonly tenant: FixtureTenant;
  readonly registration: FixtureApplication;
  readonly secrets: readonly DirectorySecret[];
  readonly configured: readonly GraphPermission[];
  servicePrincipalId: string | null;
  readonly grants: Map<string, DirectoryGrant>;
}

/** The sandbox's live directory: fixture data plus consent state that changes while it runs. */
export interface Directory {
  findTenant(idOrDomain: string): FixtureTenant | undefined;
  findApp(tenantId: string, appId: string): DirectoryApp | undefined;
  /** Grants replicated by now (what Graph reads and new tokens see). */
  visibleGrants(app: DirectoryApp, kind: PermissionKind): DirectoryGrant[];
  /** Admin consent: creates the service principal if missing and grants everything configured. */
  grantAdminConsent(tenantIdOrDomain: string, appId: string): DirectoryApp;
  revokePermission(tenantIdOrDomain: string, appId: string, name: string, kind: PermissionKind): void;
}

/** Builds the directory; relative fixture dates resolve against `now()` at this moment. */
export function createDirectory(fixture: SandboxFixture, now: () => Date, replicationDelayMs: () => number): Directory {
  const startedAt = now();
  const apps = new Map<string, DirectoryApp>();
  const key = (tenantId: string, appId: string): string => `${tenantId}/${appId.toLowerCase()}`;

  for (const tenant of fixture.tenants) {
    for (const registration of tenant.applications) {
      const app: DirectoryApp = {
        tenant,
        registration,
        secrets: registration.secrets.map((s) => ({
          keyId: s.keyId,
          displayName: s.displayName,
          value: s.value,
          start: resolveFixtureDate(s.startDateTime, startedAt),
          end: resolveFixtureDate(s.endDateTime, startedAt),
        })),
        configured: [
          ...registration.requiredResourceAccess.delegated.map((n) => mustFind(n, 'Delegated')),
          ...registration.requiredResourceAccess.application.map((n) => mustFind(n, 'Application')),
        ],
        servicePrincipalId: registration.servicePrincipal?.objectId ?? null,
        grants: new Map(),
      };
      const sp = registration.servicePrincipal;
      const initial = sp
        ? [
            ...sp.delegatedGrants.map((n) => mustFind(n, 'Delegated')),
            ...sp.appRoleAssignments.map((n) => mustFind(n, 'Application')),
          ]
        : [];
      for (const permission of initial) addGrant(app, permission, startedAt, 0);
      apps.set(key(tenant.tenantId, registration.appId), app);
    }
  }

  const directory: Directory = {
    findTenant(idOrDomain) {
      const wanted = idOrDomain.trim().toLowerCase();
      return fixture.tenants.find((t) => t.tenantId === wanted || t.domains.includes(wanted));
    },
    findApp(tenantId, appId) {
      return apps.get(key(tenantId, appId));
    },
    visibleGrants(app, kind) {
      const at = now().getTime();
      return [...app.grants.values()].filter((g) => g.permission.kind === kind && g.visibleAt <= at);
    },
    grantAdminConsent(tenantIdOrDomain, appId) {
      const app = requireApp(tenantIdOrDomain, appId);
      if (app.servicePrincipalId === null) app.servicePrincipalId = randomUUID();
      const at = now();
      for (const permission of app.configured) addGrant(app, permission, at, replicationDelayMs());
      return app;
    },
    revokePermission(tenantIdOrDomain, appId, name, kind) {
      const app = requireApp(tenantIdOrDomain, appId);
      const permission = findGraphPermission(name, kind);
      if (!permission) throw new Error(`Unknown ${kind} Graph permission: ${name}`);
      app.grants.delete(permission.id);
    },
  };

  function requireApp(tenantIdOrDomain: string, appId: string): DirectoryApp {
    const tenant = directory.findTenant(tenantIdOrDomain);
    if (!tenant) throw new Error(`No sandbox tenant ${tenantIdOrDomain}`);
    const app = directory.findApp(tenant.tenantId, appId);
    if (!app) throw new Error(`No app ${appId} in sandbox tenant ${tenant.tenantId}`);
    return app;
  }
  return directory;
}

/** Keeps an existing grant as it is (consent twice does not reset replication). */
function addGrant(app: DirectoryApp, permission: GraphPermission, at: Date, delayMs: number): void {
  if (app.grants.has(permission.id)) return;
  app.grants.set(permission.id, { permission, id: randomUUID(), createdAt: at, visibleAt: at.getTime() + delayMs });
}

function mustFind(name: string, kind: PermissionKind): GraphPermission {
  const permission = findGraphPermission(name, kind);
  if (!permission) throw new Error(`Unknown ${kind} Graph permission: ${name}`);
  return permission;
}
