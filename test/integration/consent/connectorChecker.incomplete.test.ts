import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { asReport, inputOf, startHarness, type Harness } from './sandboxHarness';

/**
 * When Graph reads fail (throttled past the retries, 5xx), the report says the check could
 * not finish, why and when to retry: never Ready, never "Action needed" on missing evidence.
 * Driven through the real @azure/identity and Graph client against the sandbox's fault injection.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => h.sandbox.controls.clearRequestLog());

test('a fully granted app whose grant list stays throttled: Check incomplete, why, and when to retry', async () => {
  h.sandbox.controls.injectFault({
    target: 'graph-item',
    status: 429,
    times: 3,
    retryAfterSeconds: 0,
    itemUrlContains: 'oauth2PermissionGrants',
  });
  const report = asReport(await h.checker({ maxItemRetries: 2 }).check(inputOf(SCENARIOS.allGranted)));
  expect(report.verdict).toBe('Check incomplete');
  expect(report.incomplete?.reasons.join(' ')).toMatch(/throttling.*delegated permissions/);
  expect(report.incomplete?.retry).toMatch(/[Rr]etest/);
  expect(report.nextSteps.map((s) => s.code)).toEqual(['retest']);
  expect(report.nextSteps[0]?.text).toBe(`Retest: ${report.incomplete?.retry}`);
});

test('Graph answering 503 for a read: Check incomplete with a temporary-error retry hint', async () => {
  h.sandbox.controls.injectFault({
    target: 'graph-item',
    status: 503,
    times: 3,
    retryAfterSeconds: 0,
    itemUrlContains: 'appRoleAssignments',
  });
  const report = asReport(await h.checker().check(inputOf(SCENARIOS.allGranted)));
  expect(report.verdict).toBe('Check incomplete');
  expect(report.incomplete?.reasons.join(' ')).toMatch(/HTTP 503/);
  expect(report.incomplete?.retry).toMatch(/temporary/);
});

test('a Retry-After Graph gave is turned into a time to retry', async () => {
  h.sandbox.controls.injectFault({
    target: 'graph-item',
    status: 429,
    times: 3,
    retryAfterSeconds: 120,
    itemUrlContains: 'oauth2PermissionGrants',
  });
  const report = asReport(await h.checker({ maxRetryWaitMs: 1000 }).check(inputOf(SCENARIOS.allGranted)));
  expect(report.verdict).toBe('Check incomplete');
  expect(report.incomplete?.retryAfterSeconds).toBe(120);
  expect(Date.parse(report.incomplete?.retryAt ?? '') - Date.parse(report.checkedAt)).toBe(120_000);
  expect(report.incomplete?.retry).toMatch(/2 minutes/);
});

test('evidence still wins: a permission the token proves missing gives Action needed, and the failed reads are noted', async () => {
  for (const itemUrlContains of ['/applications', 'appRoleAssignments']) {
    h.sandbox.controls.injectFault({
      target: 'graph-item',
      status: 503,
      times: 3,
      retryAfterSeconds: 0,
      itemUrlContains,
    });
  }
  const report = asReport(await h.checker().check(inputOf(SCENARIOS.partlyConsented)));
  const app = report.permissions.filter((p) => p.permission.kind === 'Application');
  expect(app.map((p) => `${p.permission.name}: ${p.status} (${p.source})`)).toEqual([
    'User.Read.All: Not granted (token-roles)',
    'Directory.Read.All: Granted (token-roles)',
  ]);
  expect(app[0]?.reason).toMatch(/whether it is added could not be read/);
  expect(report.verdict).toBe('Action needed');
  expect(report.incomplete?.reasons.join(' ')).toMatch(/HTTP 503/);
});

test("Graph's own service principal unreadable: its grants are not credited, and the report says why", async () => {
  h.sandbox.controls.injectFault({
    target: 'graph-item',
    status: 403,
    times: 2,
    itemUrlContains: "servicePrincipals(appId='00000003",
  });
  const report = asReport(await h.checker().check(inputOf(SCENARIOS.allGranted)));
  const delegated = report.permissions.filter((p) => p.permission.kind === 'Delegated');
  expect(delegated.every((p) => p.status === 'Unknown' && /another API/.test(p.reason ?? ''))).toBe(true);
  const app = report.permissions.filter((p) => p.permission.kind === 'Application');
  expect(app.every((p) => p.status === 'Granted' && p.source === 'token-roles')).toBe(true);
  expect(report.notes.join(' ')).toMatch(/Microsoft Graph's service principal \(403/);
  expect(report.verdict).not.toBe('Ready');
});
