import { resolveCloud } from '../../../src/consent/cloud';
import { createConnectorChecker } from '../../../src/consent/connectorChecker';
import { loadProfile, type CheckResult, type PermissionProfile } from '../../../src/consent';
import { createGraphRepairSessionFactory } from '../../../src/repair/graphRepairSession';
import { isEmptyPlan, planRepair, type RepairPlan } from '../../../src/repair/repairPlan';
import type { RepairSession } from '../../../src/repair/repairSession';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import {
  loadScenarioFixture,
  SCENARIO_USERS,
  SCENARIOS,
  type SandboxScenario,
  type SandboxUser,
} from '../../../tools/sandbox-tenant/scenarios';
import { delegatedTokenFor } from '../../helpers/delegatedToken';

const REPLICATION_MS = 5000;
const PROFILE: PermissionProfile = loadProfile('office365-connector');

/**
 * Fix it for me's Graph side end to end: the real msal-node sign-in for a delegated token, the
 * real Graph client's batches against the strict sandbox, then the connector's own check proving
 * the result. Each case starts from a fresh sandbox.
 */
describe('repair session: delegated Graph writes against the sandbox tenant', () => {
  let sandbox: SandboxTenant;
  let at: number;

  beforeEach(async () => {
    at = Date.parse('2031-03-01T12:00:00Z');
    sandbox = await startSandboxTenant({
      fixture: loadScenarioFixture(),
      replicationDelayMs: REPLICATION_MS,
      now: () => new Date(at),
    });
  });
  afterEach(() => sandbox.stop());

  async function sessionFor(s: SandboxScenario, user: SandboxUser): Promise<RepairSession> {
    const token = await delegatedTokenFor(sandbox, user);
    const open = createGraphRepairSessionFactory({
      graphEndpoint: sandbox.graphEndpoint,
      clock: { now: () => new Date(at) },
      // Waiting for replication moves the sandbox's clock instead of the test's.
      sleep: async (ms) => {
        at += ms;
      },
    });
    return open({ tenantId: s.tenantId, clientId: s.clientId, profile: PROFILE }, token);
  }

  async function plan(session: RepairSession): Promise<RepairPlan> {
    return planRepair(await session.read(), PROFILE);
  }

  async function check(s: SandboxScenario): Promise<CheckResult> {
    const cloud = resolveCloud('public', {
      authorityHost: sandbox.authorityHost,
      graphEndpoint: sandbox.graphEndpoint,
    });
    return createConnectorChecker({ cloud, clock: { now: () => new Date(at) } }).check(
      { tenant: s.tenantId, clientId: s.clientId, clientSecret: s.clientSecret },
      { freshToken: true },
    );
  }

  const verdictOf = (r: CheckResult): string => (r.kind === 'report' ? r.verdict : `failure ${r.code}`);
  const graphBatches = (): (readonly number[])[] =>
    sandbox.controls
      .requestLog()
      .filter((r) => r.host === 'graph' && r.path.endsWith('/$batch'))
      .map((r) => r.batchItemStatuses ?? []);

  it('repairs a half-configured app as a Global Administrator in one read and one write batch, then the check is Ready', async () => {
    const s = SCENARIOS.needsRepair;
    const session = await sessionFor(s, SCENARIO_USERS.globalAdministrator);
    const p = await plan(session);
    expect(p.createServicePrincipal).toBe(false);
    expect(p.addToRegistration.map((x) => x.name)).toEqual(['Directory.AccessAsUser.All']);
    expect(p.grantApplication.map((x) => x.name)).toEqual(['User.Read.All']);
    expect(p.grantDelegated.map((x) => x.name).sort()).toEqual(
      ['Directory.AccessAsUser.All', 'Directory.Read.All', 'User.Read.All', 'User.ReadBasic.All'].sort(),
    );
    sandbox.controls.clearRequestLog();

    const outcome = await session.apply(p);
    expect(outcome.completed).toBe(true);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.changes.map((c) => [c.step, c.result])).toEqual([
      ['add-permissions', 'applied'],
      ['grant-application', 'applied'],
      ['grant-delegated', 'applied'],
    ]);
    expect(outcome.changes[0]?.summary).toBe('Added to the registration: Directory.AccessAsUser.All (Delegated)');
    expect(outcome.requests).toBe(2); // the read before and this one write batch
    expect(outcome.replicationRetries).toBe(0);
    expect(graphBatches()).toEqual([[204, 201, 204]]);

    at += REPLICATION_MS;
    expect(verdictOf(await check(s))).toBe('Ready');
    // Idempotent: a second sign-in finds nothing left to do.
    const again = await sessionFor(s, SCENARIO_USERS.globalAdministrator);
    expect(isEmptyPlan(await plan(again))).toBe(true);
  });

  it('starts from nothing: creates the service principal, waits out replication, grants all seven', async () => {
    const s = SCENARIOS.nothingConfigured;
    const session = await sessionFor(s, SCENARIO_USERS.globalAdministrator);
    const p = await plan(session);
    expect(p.createServicePrincipal).toBe(true);
    expect(p.addToRegistration).toHaveLength(7);
    const outcome = await session.apply(p);
    expect(outcome.changes.map((c) => [c.step, c.result])).toEqual([
      ['create-service-principal', 'applied'],
      ['add-permissions', 'applied'],
      ['grant-application', 'applied'],
      ['grant-application', 'applied'],
      ['grant-delegated', 'applied'],
    ]);
    expect(outcome.completed).toBe(true);
    // The grants met the new service principal before it replicated: re-sent after waits.
    expect(outcome.replicationRetries).toBeGreaterThan(0);
    expect(outcome.requests).toBe(3); // read, create, one batch; replication retries counted apart

    at += REPLICATION_MS;
    expect(verdictOf(await check(s))).toBe('Ready');
  });

  it('an Application Administrator adds and grants delegated permissions; application ones are refused and explained', async () => {
    const s = SCENARIOS.needsRepair;
    const session = await sessionFor(s, SCENARIO_USERS.applicationAdministrator);
    const outcome = await session.apply(await plan(session));
    expect(outcome.completed).toBe(false);
    expect(outcome.changes.map((c) => [c.step, c.result])).toEqual([
      ['add-permissions', 'applied'],
      ['grant-application', 'failed'],
      ['grant-delegated', 'applied'],
    ]);
    expect(outcome.failure?.step).toBe('grant-application');
    expect(outcome.failure?.message).toMatch(/Privileged Role Administrator or Global Administrator/);

    at += REPLICATION_MS;
    const after = await check(s);
    const statuses =
      after.kind === 'report'
        ? after.permissions.map((r) => `${r.permission.name} ${r.permission.kind}: ${r.status}`)
        : [];
    expect(statuses).toContain('User.Read.All Application: Not granted');
    expect(statuses).toContain('Directory.AccessAsUser.All Delegated: Granted');
  });

  it('a plain user changes nothing: the first write is refused and nothing after it is attempted', async () => {
    const s = SCENARIOS.needsRepair;
    const before = await check(s);
    const session = await sessionFor(s, SCENARIO_USERS.plainUser);
    const outcome = await session.apply(await plan(session));
    expect(outcome.completed).toBe(false);
    expect(outcome.changes.map((c) => [c.step, c.result])).toEqual([
      ['add-permissions', 'failed'],
      ['grant-application', 'not-attempted'],
      ['grant-delegated', 'not-attempted'],
    ]);
    expect(outcome.failure?.message).toMatch(/cannot change the app registration/);
    at += REPLICATION_MS;
    const after = await check(s);
    expect(after.kind === 'report' && after.permissions.map((r) => r.status)).toEqual(
      before.kind === 'report' && before.permissions.map((r) => r.status),
    );
  });

  it('reports a Graph failure half way exactly, and a re-run completes only what is left', async () => {
    const s = SCENARIOS.needsRepair;
    const session = await sessionFor(s, SCENARIO_USERS.globalAdministrator);
    sandbox.controls.injectFault({ target: 'graph-item', status: 500, itemUrlContains: 'oauth2PermissionGrants/' });
    const outcome = await session.apply(await plan(session));
    expect(outcome.changes.map((c) => [c.step, c.result])).toEqual([
      ['add-permissions', 'applied'],
      ['grant-application', 'applied'],
      ['grant-delegated', 'failed'],
    ]);
    expect(outcome.failure).toEqual({ step: 'grant-delegated', message: expect.stringContaining('HTTP 500') });

    at += REPLICATION_MS;
    const rerun = await sessionFor(s, SCENARIO_USERS.globalAdministrator);
    const rest = await plan(rerun);
    expect(rest.addToRegistration).toEqual([]);
    expect(rest.grantApplication).toEqual([]);
    expect(rest.grantDelegated.length).toBeGreaterThan(0);
    const second = await rerun.apply(rest);
    expect(second.changes.map((c) => [c.step, c.result])).toEqual([['grant-delegated', 'applied']]);
    at += REPLICATION_MS;
    expect(verdictOf(await check(s))).toBe('Ready');
  });

  it('counts an existing assignment as done: a stale plan applied again later changes nothing more', async () => {
    const s = SCENARIOS.needsRepair;
    const session = await sessionFor(s, SCENARIO_USERS.globalAdministrator);
    const p = await plan(session);
    expect((await session.apply(p)).completed).toBe(true);
    at += REPLICATION_MS;
    const twice = await session.apply(p);
    expect(twice.completed).toBe(true);
    expect(twice.changes.map((c) => [c.step, c.result])).toEqual([
      ['add-permissions', 'applied'], // the same merged list again: Graph answers 204
      ['grant-application', 'already-present'], // Graph's 400 "already exists"
      ['grant-delegated', 'applied'], // the same scope again
    ]);
    at += REPLICATION_MS;
    const after = await check(s);
    expect(verdictOf(after)).toBe('Ready');
    expect(after.kind === 'report' && after.extraPermissions).toEqual([]);
  });
});
