import { createHash } from 'node:crypto';
import type { ConsentReport, PermissionProfile, RequiredPermission } from '../consent';

/** Directory roles that can carry out a plan, in the words Entra ID uses for them. */
export type DirectoryRoleName =
  | 'Global Administrator'
  | 'Privileged Role Administrator'
  | 'Application Administrator'
  | 'Cloud Application Administrator';

/**
 * What "Fix it for me" will do, as data: the preview card lists it, its hash binds the sign-in
 * state to it, and the apply step re-plans from a fresh read before writing. It only ever adds
 * or grants permissions of the profile; nothing is removed and nothing beyond the profile appears.
 */
export interface RepairPlan {
  readonly tenantId: string;
  readonly clientId: string;
  readonly profileId: string;
  readonly resourceAppId: string;
  /** The enterprise application (service principal) is missing and will be created. */
  readonly createServicePrincipal: boolean;
  /** Permissions "Not added" to the registration's requiredResourceAccess. */
  readonly addToRegistration: readonly RequiredPermission[];
  /** Application permissions (app roles) to grant. */
  readonly grantApplication: readonly RequiredPermission[];
  /** Delegated permissions to grant through the one AllPrincipals grant (scopes merged). */
  readonly grantDelegated: readonly RequiredPermission[];
  /** Roles any one of which can apply the whole plan; empty when there is nothing to do. */
  readonly rolesNeeded: readonly DirectoryRoleName[];
}

/** Granting Graph application permissions needs one of these (Application Administrator gets a 403). */
export const APP_ROLE_GRANTING_ROLES: readonly DirectoryRoleName[] = [
  'Privileged Role Administrator',
  'Global Administrator',
];

/** Adding permissions, creating the service principal and granting delegated ones. */
export const APP_ADMIN_ROLES: readonly DirectoryRoleName[] = [
  'Application Administrator',
  'Cloud Application Administrator',
  'Privileged Role Administrator',
  'Global Administrator',
];

/** The status of one profile permission, as the plan needs it. */
export type PlanStatus = 'Granted' | 'Not granted' | 'Not added' | 'Unknown';

/** The facts a plan is made from; a ConsentReport or a fresh delegated read both give these. */
export interface PlanInput {
  readonly tenantId: string;
  readonly clientId: string;
  readonly servicePrincipalMissing: boolean;
  /** Status per profile permission, keyed by `permissionKey`. Missing keys count as Unknown. */
  readonly statuses: ReadonlyMap<string, PlanStatus>;
}

/** `Delegated:<id>` or `Application:<id>`, lower case: one key per profile permission. */
export function permissionKey(p: Pick<RequiredPermission, 'kind' | 'id'>): string {
  return `${p.kind}:${p.id.toLowerCase()}`;
}

/** The plan input a check's report stands for. */
export function planInputFromReport(report: ConsentReport): PlanInput {
  return {
    tenantId: report.tenantId,
    clientId: report.clientId,
    servicePrincipalMissing: report.app.servicePrincipal === 'missing',
    statuses: new Map(report.permissions.map((r) => [permissionKey(r.permission), r.status])),
  };
}

/**
 * Plans the repair. Only profile permissions are considered (so nothing beyond the profile is
 * ever granted); Unknown statuses are left alone because the apply step re-reads them anyway.
 */
export function planRepair(input: PlanInput, profile: PermissionProfile): RepairPlan {
  const addToRegistration: RequiredPermission[] = [];
  const grantApplication: RequiredPermission[] = [];
  const grantDelegated: RequiredPermission[] = [];
  for (const p of profile.permissions) {
    const status = input.statuses.get(permissionKey(p)) ?? 'Unknown';
    if (status === 'Not added') addToRegistration.push(p);
    if (status === 'Not added' || status === 'Not granted') {
      (p.kind === 'Application' ? grantApplication : grantDelegated).push(p);
    }
  }
  const somethingToDo =
    input.servicePrincipalMissing || addToRegistration.length + grantApplication.length + grantDelegated.length > 0;
  const rolesNeeded = !somethingToDo ? [] : grantApplication.length > 0 ? APP_ROLE_GRANTING_ROLES : APP_ADMIN_ROLES;
  return {
    tenantId: input.tenantId.toLowerCase(),
    clientId: input.clientId.toLowerCase(),
    profileId: profile.id,
    resourceAppId: profile.resourceAppId,
    createServicePrincipal: input.servicePrincipalMissing,
    addToRegistration,
    grantApplication,
    grantDelegated,
    rolesNeeded: [...rolesNeeded],
  };
}

/** True when the plan changes nothing (the button is then not worth showing). */
export function isEmptyPlan(plan: RepairPlan): boolean {
  return (
    !plan.createServicePrincipal &&
    plan.addToRegistration.length === 0 &&
    plan.grantApplication.length === 0 &&
    plan.grantDelegated.length === 0
  );
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * sha256 (hex) of the plan's canonical JSON (sorted keys, permission lists sorted by key), so the
 * sign-in state can be bound to exactly the plan the admin saw, whatever order it was built in.
 */
export function planHash(plan: RepairPlan): string {
  const byKey = (list: readonly RequiredPermission[]): string[] => list.map(permissionKey).sort();
  const shape = {
    tenantId: plan.tenantId,
    clientId: plan.clientId,
    profileId: plan.profileId,
    resourceAppId: plan.resourceAppId,
    createServicePrincipal: plan.createServicePrincipal,
    addToRegistration: byKey(plan.addToRegistration),
    grantApplication: byKey(plan.grantApplication),
    grantDelegated: byKey(plan.grantDelegated),
  };
  return createHash('sha256').update(canonical(shape)).digest('hex');
}
