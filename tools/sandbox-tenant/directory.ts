import { randomUUID } from 'crypto';
import { FixtureApplication, FixtureTenant, FixtureUser, resolveFixtureDate, SandboxFixture } from './fixture';
import { findGraphPermission, GraphPermission, PermissionKind } from './graphPermissions';

/** A client secret with its dates resolved against the sandbox clock. */
export interface DirectorySecret {
  readonly keyId: string;
  /** null when addPassword was given none (as Graph returns it). */
  readonly displayName: string | null;
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

/** A `requiredResourceAccess` entry for a resource other than Microsoft Graph, kept as written. */
export interface OtherResourceAccess {
  readonly resourceAppId: string;
  readonly resourceAccess: readonly { readonly id: string; readonly type: 'Scope' | 'Role' }[];
}

/** An app registration plus its service principal's grants, mutable by consent, Graph writes and revocation. */
export interface DirectoryApp {
  readonly tenant: FixtureTenant;
  readonly registration: FixtureApplication;
  /** When POST /applications created it (fixture apps: unknown). */
  readonly createdAt?: Date;
  /** Client secrets; addPassword and removePassword replace the list (the token endpoint reads it). */
  secrets: readonly DirectorySecret[];
  /** Graph permissions on the registration ("Added"); PATCH /applications replaces them. */
  configured: readonly GraphPermission[];
  /** Entries for other resources, echoed back as written. */
  otherResourceAccess: readonly OtherResourceAccess[];
  servicePrincipalId: string | null;
  /** When a service principal created through Graph becomes readable (ms, sandbox clock). */
  servicePrincipalVisibleAt: number;
  readonly grants: Map<string, DirectoryGrant>;
  /** An AllPrincipals grant object created through Graph (it exists even with an empty scope). */
  delegatedGrantObject: { readonly visibleAt: number } | null;
}

/** What POST /applications sets on a new registration. */
export interface NewApplication {
  readonly displayName: string;
  readonly signInAudience: string;
  readonly configured: readonly GraphPermission[];
  readonly otherResourceAccess: readonly OtherResourceAccess[];
}

/** A user who can sign in; `objectId` may be overridden at start (SandboxOptions.userObjectIds). */
export type DirectoryUser = FixtureUser & { readonly tenantId: string };

/** The sandbox's live directory: fixture data plus consent state that changes while it runs. */
export interface Directory {
  findTenant(idOrDomain: string): FixtureTenant | undefined;
  tenants(): readonly FixtureTenant[];
  findApp(tenantId: string, appId: string): DirectoryApp | undefined;
  /** Every app registered in a tenant. */
  apps(tenantId: string): readonly DirectoryApp[];
  /** The users of one tenant, or of every tenant (the `organizations` sign-in page). */
  users(tenantId?: string): readonly DirectoryUser[];
  findUser(tenantId: string, objectId: string): DirectoryUser | undefined;
  /** Grants replicated by now (what Graph reads and new tokens see). */
  visibleGrants(app: DirectoryApp, kind: PermissionKind): DirectoryGrant[];
  /** True once something written at `visibleAt` has replicated. */
  isVisible(visibleAt: number): boolean;
  /** Admin consent: creates the service principal if missing and grants everything configured. */
  grantAdminConsent(tenantIdOrDomain: string, appId: string): DirectoryApp;
  revokePermission(tenantIdOrDomain: string, appId: string, name: string, kind: PermissionKind): void;
  /** Graph write (POST /applications): a new app registration with new ids, no secret and no service principal. */
  createApplication(tenant: FixtureTenant, fields: NewApplication): DirectoryApp;
  /** Graph write: a new service principal, readable after the replication delay. */
  createServicePrincipal(app: DirectoryApp): string;
  /** Graph write: grants one permission (visible after the replication delay); keeps an existing grant. */
  grant(app: DirectoryApp, permission: GraphPermission): DirectoryGrant;
  /** Graph write: the AllPrincipals grant's scopes become exactly `permissions`. */
  setDelegatedGrant(app: DirectoryApp, permissions: readonly GraphPermission[]): void;
}

/** Builds the directory; relative fixture dates resolve against `now()` at this moment. */
export function createDirectory(
  fixture: SandboxFixture,
  now: () => Date,
  replicationDelayMs: () => number,
  userObjectIds: Readonly<Record<string, string>> = {},
): Directory {
  const startedAt = now();
  const apps = new Map<string, DirectoryApp>();
  const key = (tenantId: string, appId: string): string => `${tenantId}/${appId.toLowerCase()}`;
  const users = fixture.tenants.flatMap((tenant) =>
    tenant.users.map((u) => ({
      ...u,
      objectId: userObjectIds[u.userPrincipalName] ?? u.objectId,
      tenantId: tenant.tenantId,
    })),
  );

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
        otherResourceAccess: [],
        servicePrincipalId: registration.servicePrincipal?.objectId ?? null,
        servicePrincipalVisibleAt: 0,
        grants: new Map(),
        delegatedGrantObject: null,
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
    tenants() {
      return fixture.tenants;
    },
    findApp(tenantId, appId) {
      return apps.get(key(tenantId, appId));
    },
    apps(tenantId) {
      return [...apps.values()].filter((a) => a.tenant.tenantId === tenantId);
    },
    users(tenantId) {
      return tenantId === undefined ? users : users.filter((u) => u.tenantId === tenantId);
    },
    findUser(tenantId, objectId) {
      return users.find((u) => u.tenantId === tenantId && u.objectId === objectId);
    },
    visibleGrants(app, kind) {
      const at = now().getTime();
      return [...app.grants.values()].filter((g) => g.permission.kind === kind && g.visibleAt <= at);
    },
    isVisible(visibleAt) {
      return visibleAt <= now().getTime();
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
      if (kind === 'Delegated' && ![...app.grants.values()].some((g) => g.permission.kind === 'Delegated')) {
        app.delegatedGrantObject = null;
      }
    },
    createApplication(tenant, fields) {
      const registration: FixtureApplication = {
        appId: randomUUID(),
        objectId: randomUUID(),
        displayName: fields.displayName,
        signInAudience: fields.signInAudience,
        disabled: false,
        web: { redirectUris: [] },
        secrets: [],
        requiredResourceAccess: { delegated: [], application: [] },
        servicePrincipal: null,
      };
      const app: DirectoryApp = {
        tenant,
        registration,
        createdAt: now(),
        secrets: [],
        configured: fields.configured,
        otherResourceAccess: fields.otherResourceAccess,
        servicePrincipalId: null,
        servicePrincipalVisibleAt: 0,
        grants: new Map(),
        delegatedGrantObject: null,
      };
      apps.set(key(tenant.tenantId, registration.appId), app);
      return app;
    },
    createServicePrincipal(app) {
      app.servicePrincipalId = randomUUID();
      app.servicePrincipalVisibleAt = now().getTime() + replicationDelayMs();
      return app.servicePrincipalId;
    },
    grant(app, permission) {
      addGrant(app, permission, now(), replicationDelayMs());
      const granted = app.grants.get(permission.id);
      if (!granted) throw new Error(`grant of ${permission.name} was not recorded`);
      return granted;
    },
    setDelegatedGrant(app, permissions) {
      const wanted = new Set(permissions.map((p) => p.id));
      for (const g of [...app.grants.values()]) {
        if (g.permission.kind === 'Delegated' && !wanted.has(g.permission.id)) app.grants.delete(g.permission.id);
      }
      for (const p of permissions) addGrant(app, p, now(), replicationDelayMs());
      app.delegatedGrantObject ??= { visibleAt: now().getTime() + replicationDelayMs() };
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
