import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { asReport, inputOf, startHarness, type Harness } from './sandboxHarness';

/**
 * Graph's JSON batching docs: request ids are not case-sensitive, so an answer may carry
 * "APPLICATION" for the request "application". The check must match them, through the real
 * Graph client against the sandbox answering with upper-cased ids.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
afterEach(() => h.sandbox.controls.setBatchAnswerIdCase('as-sent'));

test('answers whose ids differ in case from the requests are matched, and the report is whole', async () => {
  h.sandbox.controls.setBatchAnswerIdCase('upper');
  h.sandbox.controls.clearRequestLog();
  const report = asReport(await h.checker().check(inputOf(SCENARIOS.allGranted)));
  expect(report.verdict).toBe('Ready');
  expect(report.permissions.every((p) => p.source === 'graph')).toBe(true);
  expect(report.app.displayName).toBe(SCENARIOS.allGranted.displayName);
  expect(h.sandbox.controls.requestLog().filter((r) => r.path === '/v1.0/$batch')).toHaveLength(1);
});

test('a throttled item answered with a different-case id is still re-sent and matched', async () => {
  h.sandbox.controls.setBatchAnswerIdCase('upper');
  h.sandbox.controls.injectFault({
    target: 'graph-item',
    status: 429,
    times: 1,
    retryAfterSeconds: 0,
    itemUrlContains: 'appRoleAssignments',
  });
  h.sandbox.controls.clearRequestLog();
  const report = asReport(await h.checker().check(inputOf(SCENARIOS.allGranted)));
  expect(report.verdict).toBe('Ready');
  expect(h.sandbox.controls.requestLog().filter((r) => r.path === '/v1.0/$batch')).toHaveLength(2);
});

test('the switch is also an HTTP control, and refuses an unknown mode', async () => {
  const post = (mode: string) =>
    fetch(`${h.sandbox.authorityHost}/_sandbox/batch-id-case`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode }),
    });
  expect((await post('sideways')).status).toBe(400);
  expect((await post('upper')).status).toBe(200);
  expect(asReport(await h.checker().check(inputOf(SCENARIOS.allGranted))).verdict).toBe('Ready');
});
