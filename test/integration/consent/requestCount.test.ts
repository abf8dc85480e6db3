import { SCENARIOS, SCENARIO_TENANT } from '../../../tools/sandbox-tenant/scenarios';
import { asReport, inputOf, startHarness, type Harness } from './sandboxHarness';

/**
 * The speed promise, counted instead of timed: a fresh check makes at most discovery + token +
 * one batch; a re-check while the token is valid makes exactly one request (the batch).
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => h.sandbox.controls.clearRequestLog());

const tenant = SCENARIO_TENANT.tenantId;

test('fresh credential: discovery, token, one batch', async () => {
  const checker = h.checker();
  asReport(await checker.check(inputOf(SCENARIOS.partlyConsented)));
  expect(h.requests()).toEqual([
    `login GET /${tenant}/v2.0/.well-known/openid-configuration 200`,
    `login POST /${tenant}/oauth2/v2.0/token 200`,
    'graph POST /v1.0/$batch 200',
  ]);
});

test('warm re-check: exactly one request', async () => {
  const checker = h.checker();
  asReport(await checker.check(inputOf(SCENARIOS.allGranted)));
  h.sandbox.controls.clearRequestLog();
  asReport(await checker.check(inputOf(SCENARIOS.allGranted)));
  expect(h.requests()).toEqual(['graph POST /v1.0/$batch 200']);
  // Whitespace and quotes around the same values do not defeat the cache.
  h.sandbox.controls.clearRequestLog();
  asReport(
    await checker.check(inputOf(SCENARIOS.allGranted, { clientSecret: ` "${SCENARIOS.allGranted.clientSecret}" ` })),
  );
  expect(h.requests()).toHaveLength(1);
});

test('a domain costs one discovery the first time only', async () => {
  const checker = h.checker();
  asReport(await checker.check(inputOf(SCENARIOS.extraPermissions, { tenant: SCENARIO_TENANT.domain })));
  expect(h.requests().filter((r) => r.includes('openid-configuration'))).toHaveLength(2);
  h.sandbox.controls.clearRequestLog();
  asReport(await checker.check(inputOf(SCENARIOS.extraPermissions, { tenant: SCENARIO_TENANT.domain })));
  expect(h.requests()).toEqual(['graph POST /v1.0/$batch 200']);
});

test('freshToken bypasses the cached token; another secret is another credential', async () => {
  const checker = h.checker();
  asReport(await checker.check(inputOf(SCENARIOS.allGranted)));
  h.sandbox.controls.clearRequestLog();
  asReport(await checker.check(inputOf(SCENARIOS.allGranted), { freshToken: true }));
  expect(h.requests().filter((r) => r.includes('/token'))).toHaveLength(1);
  expect(h.requests().filter((r) => r.includes('$batch'))).toHaveLength(1);
  h.sandbox.controls.clearRequestLog();
  asReport(await checker.check(inputOf(SCENARIOS.allGranted)));
  expect(h.requests()).toEqual(['graph POST /v1.0/$batch 200']);
});

test('a failed sign-in is not cached: the next check asks Entra ID again', async () => {
  const checker = h.checker();
  const wrong = inputOf(SCENARIOS.allGranted, { clientSecret: SCENARIOS.partlyConsented.clientSecret });
  expect((await checker.check(wrong)).kind).toBe('failure');
  h.sandbox.controls.clearRequestLog();
  expect((await checker.check(wrong)).kind).toBe('failure');
  expect(h.requests().filter((r) => r.includes('/token'))).toHaveLength(1);
});

test('a cached token whose roles went stale is replaced once when Graph refuses it', async () => {
  // Right after an admin grants directory read, the cached token still lacks the role: the
  // check takes one fresh token instead of reporting Unknown until the old one expires.
  const checker = h.checker();
  const s = SCENARIOS.nothingConsented;
  const before = asReport(await checker.check(inputOf(s)));
  expect(before.verdict).toBe('Action needed');
  h.sandbox.controls.grantAdminConsent(s.tenantId, s.clientId);
  h.sandbox.controls.clearRequestLog();
  const after = asReport(await checker.check(inputOf(s)));
  expect(after.verdict).toBe('Ready');
  // The refused batch, then a new credential (discovery + token) and the batch again.
  expect(h.requests()).toEqual([
    'graph POST /v1.0/$batch 200',
    `login GET /${tenant}/v2.0/.well-known/openid-configuration 200`,
    `login POST /${tenant}/oauth2/v2.0/token 200`,
    'graph POST /v1.0/$batch 200',
  ]);
});
