import { parseFixture } from '../../../tools/sandbox-tenant/fixture';
import { findGraphPermission } from '../../../tools/sandbox-tenant/graphPermissions';
import { requestSandboxToken, sandboxRequest } from '../../../tools/sandbox-tenant/sandboxClient';
import { asReport, startHarness, statuses, type Harness } from './sandboxHarness';

/**
 * Graph pages appRoleAssignments (100 a page by default). With the sandbox's page size at 2, an
 * app whose deciding grant (User.Read.All, Application) is the sixth role assignment has it on
 * page 3: the check must follow both nextLinks and still say Ready, at one GET per extra page.
 */

const APP = {
  tenantId: '95e16575-44a2-471e-ab02-bde52422b188',
  clientId: 'd86d6e01-fe58-44ef-bf9a-d95df07f6d7a',
  clientSecret: 'Pg7Q~aV3dK9x_Lm2Nq8Rt5Wy1Zb4Cf6Hj0Sp.Ue7',
};
const DELEGATED = [
  'User.Read',
  'User.Read.All',
  'User.ReadBasic.All',
  'Directory.AccessAsUser.All',
  'Directory.Read.All',
];
/** Granted in this order, so User.Read.All comes last. */
const APP_ROLES = ['Directory.Read.All', 'Mail.Read', 'Mail.Send', 'Files.Read.All', 'Group.Read.All', 'User.Read.All'];

const fixture = parseFixture(
  {
    tenants: [
      {
        tenantId: APP.tenantId,
        domains: ['paging-sandbox.onmicrosoft.com'],
        displayName: 'Paging (sandbox)',
        graphServicePrincipalId: '607c4b26-a9f7-4792-a05b-39d4b3c46e3f',
        applications: [
          {
            appId: APP.clientId,
            objectId: '32f1a5b9-0369-4337-9803-5f47f49d11d6',
            displayName: 'Paging: many grants',
            web: { redirectUris: ['http://localhost:3978/api/consent/callback'] },
            secrets: [
              {
                keyId: '4dafe383-1e79-4170-a40d-d858cd1eaf5d',
                displayName: 'connector secret',
                value: APP.clientSecret,
                startDateTime: '-10d',
                endDateTime: '+170d',
              },
            ],
            requiredResourceAccess: { delegated: DELEGATED, application: APP_ROLES },
            servicePrincipal: {
              objectId: '16d7963e-8f5a-4c5a-a6f9-30fa6f4c1b50',
              appRoleAssignments: APP_ROLES,
              delegatedGrants: DELEGATED,
            },
          },
        ],
      },
    ],
  },
  'paging test fixture',
);

const INPUT = { tenant: APP.tenantId, clientId: APP.clientId, clientSecret: APP.clientSecret };
const ROLES_PATH = `/v1.0/servicePrincipals(appId='${APP.clientId}')/appRoleAssignments`;
const ALL_GRANTED = [
  ...DELEGATED.map((n) => `Delegated ${n}: Granted`),
  'Application User.Read.All: Granted',
  'Application Directory.Read.All: Granted',
];
const USER_READ_ALL_ROLE = findGraphPermission('User.Read.All', 'Application')?.id;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixture });
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => h.sandbox.controls.clearRequestLog());
afterEach(() => h.sandbox.controls.setPageSize(100));

const coldStart = [
  `login GET /${APP.tenantId}/v2.0/.well-known/openid-configuration 200`,
  `login POST /${APP.tenantId}/oauth2/v2.0/token 200`,
  'graph POST /v1.0/$batch 200',
];

test('page size 2: the grant that decides the verdict is on the last page, and the report is still right', async () => {
  h.sandbox.controls.setPageSize(2);
  // What a reader of the first page alone would see: no User.Read.All, two more pages to go.
  const tokenResponse = await requestSandboxToken(h.sandbox.authorityHost, h.sandbox.graphEndpoint, {
    tenant: APP.tenantId,
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
  });
  const token = String((tokenResponse.json() as Record<string, unknown>).access_token);
  const first = (
    await sandboxRequest(`${h.sandbox.graphEndpoint}${ROLES_PATH}`, { headers: { Authorization: `Bearer ${token}` } })
  ).json() as { value: { appRoleId: string }[]; '@odata.nextLink'?: string };
  expect(first.value.map((r) => r.appRoleId)).not.toContain(USER_READ_ALL_ROLE);
  expect(typeof first['@odata.nextLink']).toBe('string');
  h.sandbox.controls.clearRequestLog();

  const report = asReport(await h.checker().check(INPUT));
  expect(statuses(report)).toEqual(ALL_GRANTED);
  expect(report.verdict).toBe('Ready');
  expect(report.permissions.every((p) => p.source === 'graph')).toBe(true);
  expect(report.notes.join(' ')).not.toMatch(/replicating/);
  // Extras from every page, the first included.
  expect(
    report.extraPermissions
      .filter((p) => p.kind === 'Application')
      .map((p) => p.name)
      .sort(),
  ).toEqual(['Files.Read.All', 'Group.Read.All', 'Mail.Read', 'Mail.Send']);
  expect(h.requests()).toEqual([...coldStart, `graph GET ${ROLES_PATH} 200`, `graph GET ${ROLES_PATH} 200`]);
});

test('a page answered 429 is sent again after its Retry-After, like a batch item', async () => {
  h.sandbox.controls.setPageSize(2);
  h.sandbox.controls.injectFault({
    target: 'graph-item',
    status: 429,
    retryAfterSeconds: 0,
    itemUrlContains: 'skiptoken',
  });
  const report = asReport(await h.checker().check(INPUT));
  expect(statuses(report)).toEqual(ALL_GRANTED);
  expect(h.requests()).toEqual([
    ...coldStart,
    `graph GET ${ROLES_PATH} 429`,
    `graph GET ${ROLES_PATH} 200`,
    `graph GET ${ROLES_PATH} 200`,
  ]);
});

test('a list longer than the page bound is not guessed: application permissions fall back on the roles claim, with the reason', async () => {
  h.sandbox.controls.setPageSize(2);
  const report = asReport(await h.checker({ maxPages: 2 }).check(INPUT));
  const application = report.permissions.filter((p) => p.permission.kind === 'Application');
  expect(application.map((p) => p.source)).toEqual(['token-roles', 'token-roles']);
  expect(report.notes.join(' ')).toMatch(/longer than the 2 pages/);
  expect(report.permissions.filter((p) => p.permission.kind === 'Delegated').every((p) => p.status === 'Granted')).toBe(
    true,
  );
  expect(h.requests()).toEqual([...coldStart, `graph GET ${ROLES_PATH} 200`]);
});

test("with Graph's default page size nothing is paged: a warm re-check is still exactly one batch", async () => {
  const checker = h.checker();
  expect(asReport(await checker.check(INPUT)).verdict).toBe('Ready');
  expect(h.requests()).toEqual(coldStart);
  h.sandbox.controls.clearRequestLog();
  expect(asReport(await checker.check(INPUT)).verdict).toBe('Ready');
  expect(h.requests()).toEqual(['graph POST /v1.0/$batch 200']);
});
