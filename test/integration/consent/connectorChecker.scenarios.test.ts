import {
  SCENARIOS,
  SCENARIO_TENANT,
  UNKNOWN_CLIENT_ID,
  UNKNOWN_TENANT_ID,
  WRONG_SECRET,
} from '../../../tools/sandbox-tenant/scenarios';
import { createConnectorChecker } from '../../../src/consent';
import { asFailure, asReport, inputOf, startHarness, statuses, type Harness } from './sandboxHarness';

/**
 * One scenario per fixture app, through the real @azure/identity and Graph client against the
 * sandbox tenant over HTTPS. Every result is also checked never to contain the secret.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => h.sandbox.controls.clearRequestLog());

const ALL = [
  'Delegated User.Read',
  'Delegated User.Read.All',
  'Delegated User.ReadBasic.All',
  'Delegated Directory.AccessAsUser.All',
  'Delegated Directory.Read.All',
  'Application User.Read.All',
  'Application Directory.Read.All',
];
const each = (status: string) => ALL.map((p) => `${p}: ${status}`);

async function check(input: Parameters<ReturnType<Harness['checker']>['check']>[0]) {
  const result = await h.checker().check(input);
  if (input.clientSecret.trim().length >= 6) expect(JSON.stringify(result)).not.toContain(input.clientSecret.trim());
  return result;
}

test('nothing consented: Graph says 403, delegated Unknown, application Not granted per the empty roles claim', async () => {
  const report = asReport(await check(inputOf(SCENARIOS.nothingConsented)));
  expect(statuses(report)).toEqual([
    ...each('Unknown').slice(0, 5),
    'Application User.Read.All: Not granted',
    'Application Directory.Read.All: Not granted',
  ]);
  expect(report.permissions.filter((p) => p.source === 'token-roles').map((p) => p.permission.kind)).toEqual([
    'Application',
    'Application',
  ]);
  expect(report.verdict).toBe('Action needed');
  expect(report.nextSteps.map((s) => s.code)).toEqual(['grant-admin-consent', 'retest']);
  expect(report.notes.join(' ')).toMatch(/roles claim/);
  expect(report.secret).toMatchObject({ valid: true, identified: false });
  expect(report.links.adminConsent).toBe(
    `${h.sandbox.authorityHost}/${SCENARIO_TENANT.tenantId}/adminconsent?client_id=${SCENARIOS.nothingConsented.clientId}`,
  );
});

test('partly consented: each permission with its own status, and the secret identified among two', async () => {
  const report = asReport(await check(inputOf(SCENARIOS.partlyConsented)));
  expect(statuses(report)).toEqual([
    'Delegated User.Read: Granted',
    'Delegated User.Read.All: Not granted',
    'Delegated User.ReadBasic.All: Granted',
    'Delegated Directory.AccessAsUser.All: Not granted',
    'Delegated Directory.Read.All: Not granted',
    'Application User.Read.All: Not granted',
    'Application Directory.Read.All: Granted',
  ]);
  expect(report.permissions.every((p) => p.source === 'graph')).toBe(true);
  expect(report.secret).toMatchObject({
    identified: true,
    keyId: SCENARIOS.partlyConsented.secretKeyId,
    displayName: 'connector secret',
  });
  expect(report.nextSteps[0]).toMatchObject({ code: 'grant-admin-consent', link: report.links.adminConsent });
  expect(report.app).toMatchObject({ displayName: SCENARIOS.partlyConsented.displayName, servicePrincipal: 'present' });
});

test('all granted: Ready, nothing to do, expiry about 170 days out', async () => {
  const report = asReport(await check(inputOf(SCENARIOS.allGranted)));
  expect(statuses(report)).toEqual(each('Granted'));
  expect(report.verdict).toBe('Ready');
  expect(report.nextSteps).toEqual([]);
  expect(report.extraPermissions).toEqual([]);
  expect(report.secret.daysLeft).toBeGreaterThanOrEqual(168);
  expect(report.secret.daysLeft).toBeLessThanOrEqual(170);
  expect(report.secret.warnings).toEqual([]);
});

test('extra permissions are listed, without changing a Ready verdict', async () => {
  const report = asReport(await check(inputOf(SCENARIOS.extraPermissions)));
  expect(report.verdict).toBe('Ready');
  expect(report.extraPermissions.map((e) => `${e.kind} ${e.name}`).sort()).toEqual([
    'Application Mail.Read',
    'Delegated Files.Read.All',
  ]);
  expect(report.nextSteps.map((s) => s.code)).toEqual(['remove-extra-permissions']);
});

test('expired secret: AADSTS7000222 explained, correlation id kept', async () => {
  const failure = asFailure(await check(inputOf(SCENARIOS.expiredSecret)));
  expect(failure).toMatchObject({ code: 'secret-expired', aadsts: '7000222', field: 'clientSecret', retryable: false });
  expect(failure.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  expect(failure.links?.portalCredentials).toContain(SCENARIOS.expiredSecret.clientId);
});

test('secret expiring soon and long-lived secret: warnings and a rotation step', async () => {
  const soon = asReport(await check(inputOf(SCENARIOS.secretExpiringSoon)));
  expect(soon.secret.warnings.map((w) => w.code)).toEqual(['expires-soon']);
  expect(soon.nextSteps.map((s) => s.code)).toEqual(['rotate-secret']);
  const long = asReport(await check(inputOf(SCENARIOS.longLivedSecret)));
  expect(long.secret.warnings.map((w) => w.code)).toEqual(['lifetime-over-12-months']);
});

test('wrong secret: AADSTS7000215, pointing at the Value column', async () => {
  const failure = asFailure(await check(inputOf(SCENARIOS.allGranted, { clientSecret: WRONG_SECRET })));
  expect(failure).toMatchObject({ code: 'invalid-secret', aadsts: '7000215', field: 'clientSecret' });
  expect(failure.fix).toMatch(/Value column/);
});

test('Secret ID given: refused before any request', async () => {
  const failure = asFailure(
    await check(inputOf(SCENARIOS.allGranted, { clientSecret: SCENARIOS.allGranted.secretKeyId })),
  );
  expect(failure).toMatchObject({ code: 'secret-id-given', field: 'clientSecret' });
  expect(failure.explanation).toMatch(/Secret ID\. Copy the Value column instead/);
  expect(h.requests()).toEqual([]);
});

test('unknown tenant, by GUID and by domain', async () => {
  const byGuid = asFailure(await check(inputOf(SCENARIOS.allGranted, { tenant: UNKNOWN_TENANT_ID })));
  expect(byGuid).toMatchObject({ code: 'tenant-not-found', field: 'tenant' });
  const byDomain = asFailure(await check(inputOf(SCENARIOS.allGranted, { tenant: 'no-such-tenant.onmicrosoft.com' })));
  expect(byDomain).toMatchObject({
    code: 'tenant-not-found',
    aadsts: '90002',
    field: 'tenant',
    tenantInput: 'no-such-tenant.onmicrosoft.com',
  });
});

test('a tenant domain resolves to its GUID', async () => {
  const report = asReport(await check(inputOf(SCENARIOS.allGranted, { tenant: SCENARIO_TENANT.domain.toUpperCase() })));
  expect(report).toMatchObject({
    tenantInput: SCENARIO_TENANT.domain,
    tenantId: SCENARIO_TENANT.tenantId,
    verdict: 'Ready',
  });
});

test('app not found: AADSTS700016 points at the client id', async () => {
  const failure = asFailure(await check(inputOf(SCENARIOS.allGranted, { clientId: UNKNOWN_CLIENT_ID })));
  expect(failure).toMatchObject({ code: 'app-not-found', aadsts: '700016', field: 'clientId' });
});

test('disabled app and missing service principal', async () => {
  expect(asFailure(await check(inputOf(SCENARIOS.disabledApp)))).toMatchObject({
    code: 'app-disabled',
    aadsts: '7000112',
  });
  expect(asFailure(await check(inputOf(SCENARIOS.noServicePrincipal)))).toMatchObject({
    code: 'consent-required',
    aadsts: '7000229',
  });
});

test('no redirect URI: the consent link would fail, and the report says so first', async () => {
  const report = asReport(await check(inputOf(SCENARIOS.noRedirectUri)));
  expect(report.app.redirectUris).toEqual([]);
  expect(report.nextSteps.map((s) => s.code)).toEqual(['add-redirect-uri', 'grant-admin-consent', 'retest']);
});

test('input mistakes are explained without any request', async () => {
  const failure = asFailure(await check({ tenant: 'common', clientId: 'my app', clientSecret: ' ' }));
  expect(failure).toMatchObject({ code: 'invalid-input', field: 'tenant' });
  expect(failure.explanation).toMatch(/not a tenant of its own.*not the app's name.*empty/s);
  expect(h.requests()).toEqual([]);
});

test('a fresh checker built from the public API with only a cloud gives the same report', async () => {
  const checker = createConnectorChecker({ cloud: h.cloud });
  const report = asReport(await checker.check(inputOf(SCENARIOS.allGranted), { state: 'abc' }));
  expect(report.verdict).toBe('Ready');
  expect(new URL(report.links.adminConsent).searchParams.get('state')).toBe('abc');
});
