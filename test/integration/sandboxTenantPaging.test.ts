import { requestSandboxToken, sandboxRequest, SandboxResponse } from '../../tools/sandbox-tenant/sandboxClient';
import { startSandboxTenant, SandboxTenant } from '../../tools/sandbox-tenant/sandboxTenant';
import { loadScenarioFixture, SCENARIOS } from '../../tools/sandbox-tenant/scenarios';

/**
 * The sandbox pages appRoleAssignments and oauth2PermissionGrants like Graph: $top 1..999,
 * default page size 100 (settable), absolute nextLinks with an opaque $skiptoken that works
 * as a plain GET and as a batch item, and a 400 for a skiptoken it did not issue.
 */

type Json = Record<string, unknown>;
interface Item {
  id: string;
  status: number;
  body: Json;
}

// extraPermissions holds three application grants: User.Read.All, Directory.Read.All, Mail.Read.
const s = SCENARIOS.extraPermissions;
const ROLES = `servicePrincipals(appId='${s.clientId}')/appRoleAssignments`;
const GRANTS = `servicePrincipals(appId='${s.clientId}')/oauth2PermissionGrants`;
const ROLE_IDS = [
  'df021288-bdef-4463-88db-98f22de89214',
  '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  '810c84a8-4a9e-49e6-bf7d-12d183f40d01',
];

let sandbox: SandboxTenant;
let token: string;

beforeAll(async () => {
  sandbox = await startSandboxTenant({ fixture: loadScenarioFixture() });
  const res = await requestSandboxToken(sandbox.authorityHost, sandbox.graphEndpoint, {
    tenant: s.tenantId,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
  });
  token = String((res.json() as Json).access_token);
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.controls.setPageSize(100));

const get = (url: string, auth = true): Promise<SandboxResponse> =>
  sandboxRequest(url, { headers: auth ? { Authorization: `Bearer ${token}` } : {} });
const json = (res: SandboxResponse): Json => res.json() as Json;
async function batch(version: string, requests: { id: string; url: string }[]): Promise<Map<string, Item>> {
  const res = await sandboxRequest(`${sandbox.graphEndpoint}/${version}/$batch`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ requests: requests.map((r) => ({ ...r, method: 'GET' })) }),
  });
  expect(res.status).toBe(200);
  return new Map((json(res).responses as Item[]).map((r) => [r.id, r]));
}
const roleIds = (body: Json): string[] => (body.value as Json[]).map((r) => String(r.appRoleId));
const skipTokenOf = (link: unknown): string => new URL(String(link)).searchParams.get('$skiptoken') ?? '';

test('default page size is 100: a short list has no nextLink', async () => {
  const body = json(await get(`${sandbox.graphEndpoint}/v1.0/${ROLES}`));
  expect(roleIds(body)).toEqual(ROLE_IDS);
  expect(body['@odata.nextLink']).toBeUndefined();
});

test('setPageSize pages a batch item; its absolute nextLink works as a plain GET with the bearer token', async () => {
  sandbox.controls.setPageSize(2);
  const first = (await batch('v1.0', [{ id: 'roles', url: `/${ROLES}` }])).get('roles');
  expect(first?.status).toBe(200);
  expect(roleIds(first?.body ?? {})).toEqual(ROLE_IDS.slice(0, 2));
  const link = String(first?.body['@odata.nextLink']);
  expect(
    link.startsWith(
      `${sandbox.graphEndpoint}/v1.0/servicePrincipals(appId='${s.clientId}')/appRoleAssignments?$skiptoken=`,
    ),
  ).toBe(true);
  expect(Object.keys(first?.body ?? {})).toEqual(['@odata.context', '@odata.nextLink', 'value']);

  expect((await get(link, false)).status).toBe(401);
  const second = await get(link);
  expect(second.status).toBe(200);
  expect(roleIds(json(second))).toEqual(ROLE_IDS.slice(2));
  expect(json(second)['@odata.nextLink']).toBeUndefined();
});

test('a nextLink also works as a batch item (relative to the version), and a beta batch links to beta', async () => {
  sandbox.controls.setPageSize(1);
  const first = (await batch('beta', [{ id: 'roles', url: `/${ROLES}` }])).get('roles');
  const link = String(first?.body['@odata.nextLink']);
  expect(link.startsWith(`${sandbox.graphEndpoint}/beta/`)).toBe(true);
  const relative = link.slice(`${sandbox.graphEndpoint}/beta`.length);
  const second = (await batch('v1.0', [{ id: 'next', url: relative }])).get('next');
  expect(second?.status).toBe(200);
  expect(roleIds(second?.body ?? {})).toEqual([ROLE_IDS[1]]);
  expect(String(second?.body['@odata.nextLink'])).toContain('/v1.0/');
});

test('$top sets the page size, travels in the nextLink, and the pages add up to the whole list', async () => {
  const seen: string[] = [];
  let url: string | undefined = `${sandbox.graphEndpoint}/v1.0/${ROLES}?$top=1`;
  let pages = 0;
  while (url) {
    const body = json(await get(url));
    seen.push(...roleIds(body));
    pages += 1;
    url = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : undefined;
    if (url) expect(new URL(url).searchParams.get('$top')).toBe('1');
  }
  expect(pages).toBe(3);
  expect(seen).toEqual(ROLE_IDS);
  expect(roleIds(json(await get(`${sandbox.graphEndpoint}/v1.0/${ROLES}?$top=999`)))).toEqual(ROLE_IDS);
});

test("a $top outside 1..999 or not a number is Graph's 400", async () => {
  for (const top of ['0', '1000']) {
    const res = await get(`${sandbox.graphEndpoint}/v1.0/${ROLES}?$top=${top}`);
    expect(res.status).toBe(400);
    expect(json(res).error).toEqual(
      expect.objectContaining({
        code: 'Request_UnsupportedQuery',
        message: `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`,
      }),
    );
  }
  const res = await get(`${sandbox.graphEndpoint}/v1.0/${ROLES}?$top=ten`);
  expect(res.status).toBe(400);
  expect(json(res).error).toEqual(expect.objectContaining({ code: 'BadRequest' }));
});

test('a forged, edited or moved skiptoken is a 400, in Graph error shape', async () => {
  sandbox.controls.setPageSize(1);
  const real = skipTokenOf(json(await get(`${sandbox.graphEndpoint}/v1.0/${ROLES}`))['@odata.nextLink']);
  expect(real).not.toBe('');
  const [payload, mac] = real.split('.');
  const edited = `${Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace(',1,1]', ',2,1]')).toString('base64url')}.${mac}`;
  const other = SCENARIOS.allGranted.clientId;
  const attempts = [
    `${ROLES}?$skiptoken=X'4453707402000100'`,
    `${ROLES}?$skiptoken=${edited}`,
    `${GRANTS}?$skiptoken=${real}`,
    `servicePrincipals(appId='${other}')/appRoleAssignments?$skiptoken=${real}`,
  ];
  for (const path of attempts) {
    const res = await get(`${sandbox.graphEndpoint}/v1.0/${path}`);
    expect(res.status).toBe(400);
    const error = json(res).error as Json;
    expect(error).toEqual(expect.objectContaining({ code: 'Directory_ExpiredPageToken' }));
    expect(Object.keys(error.innerError as Json).sort()).toEqual(['client-request-id', 'date', 'request-id']);
  }
  expect((await get(`${sandbox.graphEndpoint}/v1.0/${ROLES}?$skiptoken=${real}`)).status).toBe(200);
});

test('oauth2PermissionGrants pages too (one AllPrincipals grant fits one page)', async () => {
  sandbox.controls.setPageSize(1);
  const body = json(await get(`${sandbox.graphEndpoint}/v1.0/${GRANTS}`));
  expect(body.value).toEqual([expect.objectContaining({ consentType: 'AllPrincipals' })]);
  expect(body['@odata.nextLink']).toBeUndefined();
});

test('the page size control is checked, and reachable over HTTP', async () => {
  expect(() => sandbox.controls.setPageSize(0)).toThrow(RangeError);
  expect(() => sandbox.controls.setPageSize(1000)).toThrow(RangeError);
  expect(() => sandbox.controls.setPageSize(1.5)).toThrow(RangeError);
  const control = (body: unknown): Promise<SandboxResponse> =>
    sandboxRequest(`${sandbox.authorityHost}/_sandbox/page-size`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await control({ size: 0 })).status).toBe(400);
  expect((await control({ size: '2' })).status).toBe(400);
  expect((await control({ size: 2 })).status).toBe(200);
  const body = json(await get(`${sandbox.graphEndpoint}/v1.0/${ROLES}`));
  expect(roleIds(body)).toEqual(ROLE_IDS.slice(0, 2));
  expect(body['@odata.nextLink']).toEqual(expect.any(String));
});
