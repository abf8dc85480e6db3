import { consentReadRequests, parseConsentReads } from '../../../src/consent/consentReads';
import { createGraphBatchClient } from '../../../src/consent/graphBatch';
import { OFFICE365_CONNECTOR_PROFILE } from '../../../src/consent/profile';
import { createTokenProvider } from '../../../src/consent/token';
import type { FixtureApplication, SandboxFixture } from '../../../tools/sandbox-tenant/fixture';
import { GRAPH_APP_ID, GRAPH_PERMISSIONS } from '../../../tools/sandbox-tenant/graphPermissions';
import { loadScenarioFixture, SCENARIOS, type SandboxScenario } from '../../../tools/sandbox-tenant/scenarios';
import { asReport, inputOf, startHarness, type Harness } from './sandboxHarness';

/**
 * Extra permissions are named from what Graph itself publishes: the checker's batch reads
 * Microsoft Graph's service principal with `$select=id,appRoles`, and a granted appRoleId is
 * named from those appRoles. The core keeps no table of permission names of its own, so a name
 * with an id attached can only have come from Graph's appRoles (the fallback, the token's roles
 * claim, carries names only).
 */

const MAIL_READ_ROLE = '810c84a8-4a9e-49e6-bf7d-12d183f40d01';
const SITES_READ_ALL_ROLE = '332a536c-c7ef-4017-ab91-336970924f0d';

/** A sandbox-only app like extraPermissions that also holds Sites.Read.All (Application). */
const SITES_READER: SandboxScenario = {
  ...SCENARIOS.extraPermissions,
  description: 'extraPermissions plus Sites.Read.All (Application), all granted.',
  clientId: 'dda1efd4-a369-4650-9f60-c23a5a55fdac',
  clientSecret: 'Kq3Q~sandboxOnly.SitesReader_4p7Vx2Lm9Tz',
  secretKeyId: 'c455b740-1703-46bc-adbe-8141efa65e11',
  displayName: 'Scenario: sites reader',
};

function fixtureWithSitesReader(): SandboxFixture {
  const base = loadScenarioFixture();
  const tenant = base.tenants.find((t) => t.tenantId === SITES_READER.tenantId);
  const template = tenant?.applications.find((a) => a.appId === SCENARIOS.extraPermissions.clientId);
  if (!tenant || !template?.servicePrincipal)
    throw new Error('the scenario fixture no longer holds the extraPermissions app');
  const app: FixtureApplication = {
    ...template,
    appId: SITES_READER.clientId,
    objectId: 'a338a018-f4fd-4dff-915b-d1199b06c3c1',
    displayName: SITES_READER.displayName,
    secrets: [{ ...template.secrets[0], keyId: SITES_READER.secretKeyId, value: SITES_READER.clientSecret }],
    requiredResourceAccess: {
      ...template.requiredResourceAccess,
      application: [...template.requiredResourceAccess.application, 'Sites.Read.All'],
    },
    servicePrincipal: {
      ...template.servicePrincipal,
      objectId: 'd8e14c1c-7f20-4134-b757-052ab84b374b',
      appRoleAssignments: [...template.servicePrincipal.appRoleAssignments, 'Sites.Read.All'],
    },
  };
  return {
    tenants: base.tenants.map((t) => (t === tenant ? { ...t, applications: [...t.applications, app] } : t)),
  };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixture: fixtureWithSitesReader() });
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => h.sandbox.controls.clearRequestLog());

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** The item statuses of the checker's one batch, by item URL. */
function lastBatchItems(): Map<string, number> {
  const batch = h.sandbox.controls
    .requestLog()
    .filter((r) => r.path === '/v1.0/$batch')
    .at(-1);
  const urls = batch?.batchItemUrls ?? [];
  return new Map(urls.map((url, i) => [url, batch?.batchItemStatuses?.[i] ?? -1]));
}

test("the batch item reading Graph's service principal with $select=id,appRoles succeeds", async () => {
  const report = asReport(await h.checker().check(inputOf(SCENARIOS.extraPermissions)));
  const items = lastBatchItems();
  const graphSpUrl = [...items.keys()].find((url) => url.includes(`appId='${GRAPH_APP_ID}'`));
  expect(graphSpUrl).toBe(`/servicePrincipals(appId='${GRAPH_APP_ID}')?$select=id,appRoles`);
  expect([...items.values()]).toEqual([200, 200, 200, 200]);
  expect(report.notes.filter((n) => /roles claim/i.test(n))).toEqual([]);
  expect(report.permissions.filter((p) => p.permission.kind === 'Application').map((p) => p.source)).toEqual([
    'graph',
    'graph',
  ]);
});

test("the core parses the sandbox's appRoles into names by id", async () => {
  const s = SCENARIOS.extraPermissions;
  const { token } = await createTokenProvider({ cloud: h.cloud }).getToken({
    tenantId: s.tenantId,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
  });
  const items = await createGraphBatchClient({ graphEndpoint: h.sandbox.graphEndpoint }).send(
    consentReadRequests(s.clientId, GRAPH_APP_ID),
    { accessToken: token, deadline: Date.now() + 5000, timeoutMs: 5000 },
  );
  expect(items.get('resourceServicePrincipal')?.status).toBe(200);
  const facts = parseConsentReads(items, []);
  if (!facts.resourceServicePrincipal.ok) throw new Error(facts.resourceServicePrincipal.reason);
  expect(facts.resourceServicePrincipal.value.appRoles).toHaveLength(
    GRAPH_PERMISSIONS.filter((p) => p.kind === 'Application').length,
  );
  expect(facts.resourceServicePrincipal.value.appRoles).toContainEqual({ id: MAIL_READ_ROLE, value: 'Mail.Read' });
});

test('extraPermissions: Mail.Read (Application, with its role id) and Files.Read.All (Delegated)', async () => {
  const report = asReport(await h.checker().check(inputOf(SCENARIOS.extraPermissions)));
  expect([...report.extraPermissions].sort(byName)).toEqual([
    { name: 'Files.Read.All', kind: 'Delegated' },
    { name: 'Mail.Read', kind: 'Application', id: MAIL_READ_ROLE },
  ]);
  expect(report.verdict).toBe('Ready');
});

test("an application permission the profile does not know is named from Graph's appRoles", async () => {
  expect(OFFICE365_CONNECTOR_PROFILE.permissions.map((p) => p.id)).not.toContain(SITES_READ_ALL_ROLE);
  const report = asReport(await h.checker().check(inputOf(SITES_READER)));
  expect([...report.extraPermissions].sort(byName)).toEqual([
    { name: 'Files.Read.All', kind: 'Delegated' },
    { name: 'Mail.Read', kind: 'Application', id: MAIL_READ_ROLE },
    { name: 'Sites.Read.All', kind: 'Application', id: SITES_READ_ALL_ROLE },
  ]);
  expect(report.notes.filter((n) => /roles claim/i.test(n))).toEqual([]);
});

test("when Graph's service principal cannot be read, extras fall back to the token's roles (names, no ids)", async () => {
  h.sandbox.controls.injectFault({ target: 'graph-item', status: 400, itemUrlContains: `appId='${GRAPH_APP_ID}'` });
  const report = asReport(await h.checker().check(inputOf(SITES_READER)));
  const graphSpStatus = [...lastBatchItems()].find(([url]) => url.includes(GRAPH_APP_ID))?.[1];
  expect(graphSpStatus).toBe(400);
  expect(report.extraPermissions.filter((e) => e.kind === 'Application').sort(byName)).toEqual([
    { name: 'Mail.Read', kind: 'Application' },
    { name: 'Sites.Read.All', kind: 'Application' },
  ]);
});
