import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  FixtureError,
  loadDemoFixture,
  loadFixtureFile,
  parseFixture,
  resolveFixtureDate,
} from '../../tools/sandbox-tenant/fixture';
import {
  DEMO,
  loadScenarioFixture,
  SCENARIO_TENANT,
  SCENARIOS,
  UNKNOWN_CLIENT_ID,
  UNKNOWN_TENANT_ID,
} from '../../tools/sandbox-tenant/scenarios';

const validApp = {
  appId: '11111111-1111-4111-8111-111111111111',
  objectId: '22222222-2222-4222-8222-222222222222',
  displayName: 'App',
  secrets: [],
  requiredResourceAccess: { delegated: ['User.Read'], application: [] },
  servicePrincipal: null,
};
const fixtureWith = (app: Record<string, unknown>): unknown => ({
  tenants: [
    {
      tenantId: '33333333-3333-4333-8333-333333333333',
      domains: ['a.onmicrosoft.com'],
      displayName: 'A',
      graphServicePrincipalId: '44444444-4444-4444-8444-444444444444',
      applications: [app],
    },
  ],
});

describe('sandbox tenant fixtures', () => {
  it('accepts a minimal valid fixture and fills defaults', () => {
    const app = parseFixture(fixtureWith(validApp)).tenants[0].applications[0];
    expect(app).toEqual(
      expect.objectContaining({ signInAudience: 'AzureADMyOrg', disabled: false, web: { redirectUris: [] } }),
    );
  });

  it('reads an optional passwordLifetimeDays cap and refuses one that is not a whole number of days', () => {
    const withCap = (days: unknown): unknown => {
      const raw = fixtureWith(validApp) as { tenants: Record<string, unknown>[] };
      return { tenants: [{ ...raw.tenants[0], passwordLifetimeDays: days }] };
    };
    expect(parseFixture(fixtureWith(validApp)).tenants[0].passwordLifetimeDays).toBeUndefined();
    expect(parseFixture(withCap(180)).tenants[0].passwordLifetimeDays).toBe(180);
    for (const bad of [0, 1.5, '180']) {
      expect(() => parseFixture(withCap(bad))).toThrow(
        /tenants\[0\]\.passwordLifetimeDays: expected a whole number of at least 1/,
      );
    }
  });

  it.each([
    [{ ...validApp, appId: 'nope' }, /tenants\[0\]\.applications\[0\]\.appId: expected a GUID, got "nope"/],
    [
      { ...validApp, requiredResourceAccess: { delegated: ['Mail.Teleport'], application: [] } },
      /"Mail\.Teleport" is not a Delegated Graph permission/,
    ],
    [
      {
        ...validApp,
        secrets: [
          {
            keyId: validApp.appId,
            displayName: 's',
            value: 'x'.repeat(20),
            startDateTime: 'yesterday',
            endDateTime: '+1d',
          },
        ],
      },
      /secrets\[0\]\.startDateTime: expected an ISO date or a relative date/,
    ],
    [{ ...validApp, servicePrincipal: 'yes' }, /servicePrincipal: expected an object/],
  ])('names the bad field in its error (%#)', (app, message) => {
    expect(() => parseFixture(fixtureWith(app), 'bad.json')).toThrow(FixtureError);
    expect(() => parseFixture(fixtureWith(app), 'bad.json')).toThrow(message);
  });

  it('reports unreadable and non-JSON files clearly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-fixture-'));
    writeFileSync(join(dir, 'broken.json'), '{ tenants: ');
    expect(() => loadFixtureFile(join(dir, 'broken.json'))).toThrow(/broken\.json: not valid JSON/);
    expect(() => loadFixtureFile(join(dir, 'missing.json'))).toThrow(/cannot read fixture/);
  });

  it('resolves relative dates against the clock', () => {
    const now = new Date('2030-01-10T00:00:00Z');
    expect(resolveFixtureDate('+200d', now).toISOString()).toBe('2030-07-29T00:00:00.000Z');
    expect(resolveFixtureDate('-3d', now).toISOString()).toBe('2030-01-07T00:00:00.000Z');
    expect(resolveFixtureDate('+2h', now).toISOString()).toBe('2030-01-10T02:00:00.000Z');
    expect(resolveFixtureDate('2029-12-31T23:00:00Z', now).toISOString()).toBe('2029-12-31T23:00:00.000Z');
  });

  it('keeps scenarios.ts in step with scenarios.json', () => {
    const tenant = loadScenarioFixture().tenants[0];
    expect(tenant.tenantId).toBe(SCENARIO_TENANT.tenantId);
    expect(tenant.domains).toContain(SCENARIO_TENANT.domain);
    for (const s of Object.values(SCENARIOS)) {
      const app = tenant.applications.find((a) => a.appId === s.clientId);
      expect(app?.displayName).toBe(s.displayName);
      expect(app?.secrets.find((x) => x.keyId === s.secretKeyId)?.value).toBe(s.clientSecret);
    }
    expect(tenant.applications.some((a) => a.appId === UNKNOWN_CLIENT_ID)).toBe(false);
    expect(tenant.tenantId).not.toBe(UNKNOWN_TENANT_ID);
  });

  it('starts the demo with all seven configured, Directory.Read.All (Application) and User.Read granted', () => {
    const tenant = loadDemoFixture().tenants[0];
    expect(tenant.tenantId).toBe(DEMO.tenantId);
    const app = tenant.applications.find((a) => a.appId === DEMO.clientId);
    expect(app?.requiredResourceAccess.delegated).toHaveLength(5);
    expect(app?.requiredResourceAccess.application).toEqual(['User.Read.All', 'Directory.Read.All']);
    expect(app?.servicePrincipal?.delegatedGrants).toEqual(['User.Read']);
    expect(app?.servicePrincipal?.appRoleAssignments).toEqual(['Directory.Read.All']);
    expect(app?.secrets[0]).toEqual(expect.objectContaining({ value: DEMO.clientSecret, endDateTime: '+200d' }));
    expect(app?.web.redirectUris).toEqual(['http://localhost:3978/api/consent/callback']);
  });
});
