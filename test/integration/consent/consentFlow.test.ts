import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { asReport, inputOf, startHarness, statuses, type Harness } from './sandboxHarness';

/** Consent granted and revoked in the sandbox, seen by re-checks (its own sandbox: it mutates grants). */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

test('grant admin consent, then a fresh re-check is Ready', async () => {
  const s = SCENARIOS.nothingConsented;
  const checker = h.checker();
  expect(asReport(await checker.check(inputOf(s))).verdict).toBe('Action needed');
  h.sandbox.controls.grantAdminConsent(s.tenantId, s.clientId);
  const report = asReport(await checker.check(inputOf(s), { freshToken: true }));
  expect(report.verdict).toBe('Ready');
  expect(report.permissions.every((p) => p.source === 'graph')).toBe(true);
  expect(report.secret.identified).toBe(true);
});

test('a revoked permission shows up on the next (warm) check as consent drift', async () => {
  const s = SCENARIOS.allGranted;
  const checker = h.checker();
  expect(asReport(await checker.check(inputOf(s))).verdict).toBe('Ready');
  h.sandbox.controls.revokePermission(s.tenantId, s.clientId, 'User.Read.All', 'Application');
  h.sandbox.controls.revokePermission(s.tenantId, s.clientId, 'Directory.AccessAsUser.All', 'Delegated');
  const report = asReport(await checker.check(inputOf(s)));
  expect(report.verdict).toBe('Action needed');
  expect(statuses(report).filter((line) => !line.endsWith('Granted'))).toEqual([
    'Delegated Directory.AccessAsUser.All: Not granted',
    'Application User.Read.All: Not granted',
  ]);
  // The cached token still carries the revoked role: the report says Graph and the token disagree.
  expect(report.notes.join(' ')).toMatch(/replicating \(or it was just revoked\)/);
});

test('the consent link carries redirect_uri and state when asked', async () => {
  const s = SCENARIOS.partlyConsented;
  const report = asReport(
    await h.checker().check(inputOf(s), { redirectUri: 'http://localhost:3978/api/consent/callback', state: 'st-123' }),
  );
  const url = new URL(report.links.adminConsent);
  expect(url.origin).toBe(h.sandbox.authorityHost);
  expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:3978/api/consent/callback');
  expect(url.searchParams.get('state')).toBe('st-123');
  expect(report.nextSteps.some((step) => step.code === 'add-redirect-uri')).toBe(false);
});
