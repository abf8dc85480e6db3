import { loadProfile, type PermissionProfile } from '../../../src/consent';
import {
  isEmptyPlan,
  permissionKey,
  planHash,
  planRepair,
  type PlanInput,
  type PlanStatus,
} from '../../../src/repair/repairPlan';

const PROFILE: PermissionProfile = loadProfile();
const TENANT = '11111111-1111-1111-1111-111111111111';
const CLIENT = '22222222-2222-2222-2222-222222222222';

function input(status: (name: string, kind: string) => PlanStatus, spMissing = false): PlanInput {
  return {
    tenantId: TENANT,
    clientId: CLIENT,
    servicePrincipalMissing: spMissing,
    statuses: new Map(PROFILE.permissions.map((p) => [permissionKey(p), status(p.name, p.kind)])),
  };
}

const names = (list: readonly { name: string; kind: string }[]): string[] => list.map((p) => `${p.name} (${p.kind})`);

describe('planRepair', () => {
  it('plans nothing and needs no role when everything is granted', () => {
    const plan = planRepair(
      input(() => 'Granted'),
      PROFILE,
    );
    expect(isEmptyPlan(plan)).toBe(true);
    expect(plan.rolesNeeded).toEqual([]);
  });

  it('adds what is Not added, grants it, and grants what is Not granted, split by kind', () => {
    const plan = planRepair(
      input((name, kind) =>
        name === 'Directory.AccessAsUser.All'
          ? 'Not added'
          : name === 'User.Read.All' && kind === 'Application'
            ? 'Not granted'
            : 'Granted',
      ),
      PROFILE,
    );
    expect(names(plan.addToRegistration)).toEqual(['Directory.AccessAsUser.All (Delegated)']);
    expect(names(plan.grantDelegated)).toEqual(['Directory.AccessAsUser.All (Delegated)']);
    expect(names(plan.grantApplication)).toEqual(['User.Read.All (Application)']);
    expect(plan.createServicePrincipal).toBe(false);
    expect(plan.rolesNeeded).toEqual(['Privileged Role Administrator', 'Global Administrator']);
  });

  it('lets an Application Administrator apply a plan without application permissions', () => {
    const plan = planRepair(
      input((name, kind) => (kind === 'Delegated' && name === 'User.Read' ? 'Not granted' : 'Granted')),
      PROFILE,
    );
    expect(plan.rolesNeeded).toContain('Application Administrator');
    expect(plan.grantApplication).toEqual([]);
  });

  it('creates the service principal and plans everything from nothing configured', () => {
    const plan = planRepair(
      input(() => 'Not added', true),
      PROFILE,
    );
    expect(plan.createServicePrincipal).toBe(true);
    expect(plan.addToRegistration).toHaveLength(PROFILE.permissions.length);
    expect(plan.grantApplication.length + plan.grantDelegated.length).toBe(PROFILE.permissions.length);
  });

  it('leaves Unknown alone and never plans a permission outside the profile', () => {
    const statuses = new Map<string, PlanStatus>([['Application:99999999-9999-9999-9999-999999999999', 'Not granted']]);
    const plan = planRepair({ tenantId: TENANT, clientId: CLIENT, servicePrincipalMissing: false, statuses }, PROFILE);
    expect(isEmptyPlan(plan)).toBe(true);
  });
});

describe('planHash', () => {
  it('is stable across list order and changes when the plan changes', () => {
    const a = planRepair(
      input(() => 'Not granted'),
      PROFILE,
    );
    const reversed = { ...a, grantDelegated: [...a.grantDelegated].reverse() };
    expect(planHash(reversed)).toBe(planHash(a));
    expect(planHash(a)).toMatch(/^[0-9a-f]{64}$/);
    const b = planRepair(
      input((n) => (n === 'User.Read' ? 'Granted' : 'Not granted')),
      PROFILE,
    );
    expect(planHash(b)).not.toBe(planHash(a));
  });
});
