import { readFileSync } from 'fs';
import { basename } from 'path';
import demoJson from './fixtures/demo.json';
import { createFieldReader, FieldReader, FixtureError } from './fixtureReader';
import { FixtureUser, parseUsers } from './fixtureUsers';
import { findGraphPermission, PermissionKind } from './graphPermissions';

export { FixtureError, resolveFixtureDate } from './fixtureReader';
export type { FixtureUser, DirectoryRoleName } from './fixtureUsers';

/** The directory a sandbox starts with: tenants, each holding app registrations. */
export interface SandboxFixture {
  readonly tenants: readonly FixtureTenant[];
}

export interface FixtureTenant {
  readonly tenantId: string;
  /** Verified domains, e.g. contoso-sandbox.onmicrosoft.com; the tenant resolves by any of them. */
  readonly domains: readonly string[];
  readonly displayName: string;
  /** Object id of Microsoft Graph's service principal in this tenant (resourceId of grants). */
  readonly graphServicePrincipalId: string;
  readonly applications: readonly FixtureApplication[];
  /** Users who can sign in (authorization code flow); optional in JSON. */
  readonly users: readonly FixtureUser[];
  /**
   * The tenant's default app management policy caps client secrets at this many days (Graph's
   * `passwordLifetime` restriction); absent: the policy is disabled and secrets are not capped.
   */
  readonly passwordLifetimeDays?: number;
}

export interface FixtureApplication {
  readonly appId: string;
  readonly objectId: string;
  readonly displayName: string;
  readonly signInAudience: string;
  readonly disabled: boolean;
  readonly web: { readonly redirectUris: readonly string[] };
  readonly secrets: readonly FixtureSecret[];
  /** Graph permissions configured ("Added") on the registration, by name or id. */
  readonly requiredResourceAccess: { readonly delegated: readonly string[]; readonly application: readonly string[] };
  /** null: the app has no service principal in its tenant (never consented or created). */
  readonly servicePrincipal: FixtureServicePrincipal | null;
}

export interface FixtureSecret {
  readonly keyId: string;
  readonly displayName: string;
  readonly value: string;
  /** ISO date, or relative to the sandbox clock: "+200d", "-3d", "+2h", "+30m". */
  readonly startDateTime: string;
  readonly endDateTime: string;
}

export interface FixtureServicePrincipal {
  readonly objectId: string;
  /** Granted application permissions (names or ids). */
  readonly appRoleAssignments: readonly string[];
  /** Delegated permissions granted with admin consent for all users (names). */
  readonly delegatedGrants: readonly string[];
}

/** Validates untyped JSON into a fixture; throws FixtureError naming the bad field. */
export function parseFixture(raw: unknown, source = 'inline fixture'): SandboxFixture {
  const read = createFieldReader(source);
  const root = read.object(raw, '(root)');
  const tenants = read.array(root.tenants, 'tenants').map((t, i) => parseTenant(read, t, `tenants[${i}]`));
  assertUnique(
    source,
    tenants.map((t) => t.tenantId),
    'tenantId',
  );
  assertUnique(
    source,
    tenants.flatMap((t) => t.domains),
    'domain',
  );
  for (const t of tenants) {
    assertUnique(
      source,
      t.applications.map((a) => a.appId),
      `appId in tenant ${t.tenantId}`,
    );
    assertUnique(
      source,
      t.users.map((u) => u.userPrincipalName),
      `userPrincipalName in tenant ${t.tenantId}`,
    );
  }
  assertUnique(
    source,
    tenants.flatMap((t) => t.users.map((u) => u.objectId)),
    'user objectId',
  );
  return { tenants };
}

/** Reads and validates a fixture JSON file. */
export function loadFixtureFile(path: string): SandboxFixture {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FixtureError(`cannot read fixture ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FixtureError(`${basename(path)}: not valid JSON: ${(error as Error).message}`);
  }
  return parseFixture(json, basename(path));
}

/** The demo tenant (contoso-sandbox.onmicrosoft.com) used by `npm run sandbox` and the playground. */
export function loadDemoFixture(): SandboxFixture {
  return parseFixture(demoJson, 'demo.json');
}

function parseTenant(read: FieldReader, value: unknown, path: string): FixtureTenant {
  const t = read.object(value, path);
  const domains = read.stringArray(t.domains, `${path}.domains`).map((d) => d.toLowerCase());
  const applications = read
    .array(t.applications, `${path}.applications`)
    .map((a, i) => parseApplication(read, a, `${path}.applications[${i}]`));
  return {
    tenantId: read.guid(t.tenantId, `${path}.tenantId`),
    domains,
    displayName: read.string(t.displayName, `${path}.displayName`),
    graphServicePrincipalId: read.guid(t.graphServicePrincipalId, `${path}.graphServicePrincipalId`),
    applications,
    users: parseUsers(read, t.users, `${path}.users`),
    ...(t.passwordLifetimeDays === undefined
      ? {}
      : { passwordLifetimeDays: read.positiveInteger(t.passwordLifetimeDays, `${path}.passwordLifetimeDays`) }),
  };
}

function parseApplication(read: FieldReader, value: unknown, path: string): FixtureApplication {
  const a = read.object(value, path);
  const web = a.web === undefined ? { redirectUris: [] } : read.object(a.web, `${path}.web`);
  const rra = read.object(a.requiredResourceAccess, `${path}.requiredResourceAccess`);
  const sp = a.servicePrincipal === null ? null : read.object(a.servicePrincipal, `${path}.servicePrincipal`);
  return {
    appId: read.guid(a.appId, `${path}.appId`),
    objectId: read.guid(a.objectId, `${path}.objectId`),
    displayName: read.string(a.displayName, `${path}.displayName`),
    signInAudience:
      a.signInAudience === undefined ? 'AzureADMyOrg' : read.string(a.signInAudience, `${path}.signInAudience`),
    disabled: read.optionalBoolean(a.disabled, `${path}.disabled`) ?? false,
    web: { redirectUris: read.stringArray(web.redirectUris, `${path}.web.redirectUris`) },
    secrets: read.array(a.secrets, `${path}.secrets`).map((s, i) => parseSecret(read, s, `${path}.secrets[${i}]`)),
    requiredResourceAccess: {
      delegated: permissionNames(read, rra.delegated, 'Delegated', `${path}.requiredResourceAccess.delegated`),
      application: permissionNames(read, rra.application, 'Application', `${path}.requiredResourceAccess.application`),
    },
    servicePrincipal:
      sp === null
        ? null
        : {
            objectId: read.guid(sp.objectId, `${path}.servicePrincipal.objectId`),
            appRoleAssignments: permissionNames(
              read,
              sp.appRoleAssignments,
              'Application',
              `${path}.servicePrincipal.appRoleAssignments`,
            ),
            delegatedGrants: permissionNames(
              read,
              sp.delegatedGrants,
              'Delegated',
              `${path}.servicePrincipal.delegatedGrants`,
            ),
          },
  };
}

function parseSecret(read: FieldReader, value: unknown, path: string): FixtureSecret {
  const s = read.object(value, path);
  const secretValue = read.string(s.value, `${path}.value`);
  if (secretValue.length < 16) throw new FixtureError(`${path}.value: a client secret needs at least 16 characters`);
  return {
    keyId: read.guid(s.keyId, `${path}.keyId`),
    displayName: read.string(s.displayName, `${path}.displayName`),
    value: secretValue,
    startDateTime: read.fixtureDate(s.startDateTime, `${path}.startDateTime`),
    endDateTime: read.fixtureDate(s.endDateTime, `${path}.endDateTime`),
  };
}

/** Permission names or ids, each checked against the catalog; returned as canonical names. */
function permissionNames(read: FieldReader, value: unknown, kind: PermissionKind, path: string): readonly string[] {
  const list = value === undefined ? [] : read.stringArray(value, path);
  return list.map((entry, i) => {
    const permission = findGraphPermission(entry, kind);
    if (!permission) {
      throw new FixtureError(`${path}[${i}]: "${entry}" is not a ${kind} Graph permission in graphPermissions.ts`);
    }
    return permission.name;
  });
}

function assertUnique(source: string, values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new FixtureError(`${source}: duplicate ${what} ${v}`);
    seen.add(v);
  }
}
