import { GRAPH_APP_ID, GRAPH_PERMISSIONS } from '../../tools/sandbox-tenant/graphPermissions';
import { requestSandboxToken, sandboxRequest, SandboxResponse } from '../../tools/sandbox-tenant/sandboxClient';
import { startSandboxTenant, SandboxTenant } from '../../tools/sandbox-tenant/sandboxTenant';
import {
  loadScenarioFixture,
  SandboxScenario,
  SCENARIO_TENANT,
  SCENARIOS,
  UNKNOWN_CLIENT_ID,
} from '../../tools/sandbox-tenant/scenarios';

type Json = Record<string, unknown>;
interface BatchItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: Json;
}

const SELECT = 'id,appId,displayName,requiredResourceAccess,passwordCredentials,web,signInAudience';
const checkerItems = (clientId: string): { id: string; method: string; url: string }[] => [
  { id: 'app', method: 'GET', url: `/applications(appId='${clientId}')?$select=${SELECT}` },
  { id: 'roles', method: 'GET', url: `/servicePrincipals(appId='${clientId}')/appRoleAssignments` },
  { id: 'grants', method: 'GET', url: `/servicePrincipals(appId='${clientId}')/oauth2PermissionGrants` },
  { id: 'graph', method: 'GET', url: `/servicePrincipals(appId='${GRAPH_APP_ID}')?$select=id,appRoles` },
];
const graphSp = (select: string) => ({
  id: 'sp',
  method: 'GET',
  url: `/servicePrincipals(appId='${GRAPH_APP_ID}')?$select=${select}`,
});

describe('sandbox tenant: the Microsoft Graph double', () => {
  let sandbox: SandboxTenant;
  let clock = Date.parse('2030-06-01T08:00:00Z');
  const tokens = new Map<string, string>();

  async function tokenFor(s: SandboxScenario): Promise<string> {
    const cached = tokens.get(s.clientId);
    if (cached) return cached;
    const res = await requestSandboxToken(sandbox.authorityHost, sandbox.graphEndpoint, {
      tenant: s.tenantId,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
    });
    const token = String((res.json() as Json).access_token);
    tokens.set(s.clientId, token);
    return token;
  }
  async function batch(
    s: SandboxScenario,
    requests: unknown[],
    headers: Record<string, string> = {},
  ): Promise<SandboxResponse> {
    return sandboxRequest(`${sandbox.graphEndpoint}/v1.0/$batch`, {
      method: 'POST',
      body: JSON.stringify({ requests }),
      headers: { Authorization: `Bearer ${await tokenFor(s)}`, 'Content-Type': 'application/json', ...headers },
    });
  }
  const items = (res: SandboxResponse): Map<string, BatchItemResponse> =>
    new Map((res.json() as { responses: BatchItemResponse[] }).responses.map((r) => [r.id, r]));

  beforeAll(async () => {
    sandbox = await startSandboxTenant({ fixture: loadScenarioFixture(), now: () => new Date(clock) });
  });
  afterAll(() => sandbox.stop());

  it('answers the checker batch with real Graph shapes', async () => {
    const s = SCENARIOS.allGranted;
    const res = await batch(s, checkerItems(s.clientId));
    expect(res.status).toBe(200);
    const byId = items(res);
    expect([...byId.values()].map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const app = byId.get('app')?.body ?? {};
    expect(Object.keys(app).sort()).toEqual(['@odata.context', ...SELECT.split(',')].sort());
    expect(app.passwordCredentials).toEqual([
      expect.objectContaining({
        keyId: s.secretKeyId,
        hint: s.clientSecret.slice(0, 3),
        secretText: null,
        startDateTime: expect.any(String),
        endDateTime: expect.any(String),
        displayName: expect.any(String),
      }),
    ]);
    expect(app.web).toEqual(expect.objectContaining({ redirectUris: ['http://localhost:3978/api/consent/callback'] }));
    expect(JSON.stringify(app.requiredResourceAccess)).toContain(GRAPH_APP_ID);
    const roles = byId.get('roles')?.body.value as Json[];
    expect(roles.map((r) => r.appRoleId).sort()).toEqual([
      '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
      'df021288-bdef-4463-88db-98f22de89214',
    ]);
    expect(roles.every((r) => r.resourceId === SCENARIO_TENANT.graphServicePrincipalId)).toBe(true);
    const grants = byId.get('grants')?.body.value as Json[];
    expect(grants).toEqual([
      expect.objectContaining({ consentType: 'AllPrincipals', resourceId: SCENARIO_TENANT.graphServicePrincipalId }),
    ]);
    expect(String(grants[0].scope).split(' ').sort()).toEqual([
      'Directory.AccessAsUser.All',
      'Directory.Read.All',
      'User.Read',
      'User.Read.All',
      'User.ReadBasic.All',
    ]);
    expect(byId.get('graph')?.body).toEqual(expect.objectContaining({ id: SCENARIO_TENANT.graphServicePrincipalId }));
    expect(byId.get('graph')?.body.appRoles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: '7ab1d382-f21e-4acd-a863-ba3e13f7da61', value: 'Directory.Read.All' }),
      ]),
    );
  });

  it("publishes Graph's application permissions as appRoles, in Graph's appRole shape", async () => {
    const res = await batch(SCENARIOS.allGranted, [graphSp('id,appRoles')]);
    const sp = items(res).get('sp');
    expect(sp?.status).toBe(200);
    expect(Object.keys(sp?.body ?? {}).sort()).toEqual(['@odata.context', 'appRoles', 'id']);
    expect(String(sp?.body['@odata.context'])).toMatch(
      /\/v1\.0\/\$metadata#servicePrincipals\(id,appRoles\)\/\$entity$/,
    );
    const roles = sp?.body.appRoles as Json[];
    const catalog = GRAPH_PERMISSIONS.filter((p) => p.kind === 'Application');
    expect(roles.map((r) => `${String(r.value)} ${String(r.id)}`).sort()).toEqual(
      catalog.map((p) => `${p.name} ${p.id}`).sort(),
    );
    for (const role of roles) {
      expect(Object.keys(role).sort()).toEqual([
        'allowedMemberTypes',
        'description',
        'displayName',
        'id',
        'isEnabled',
        'origin',
        'value',
      ]);
      expect(role).toEqual(
        expect.objectContaining({ allowedMemberTypes: ['Application'], isEnabled: true, origin: 'Application' }),
      );
      expect(String(role.description)).toMatch(/^Allows the app to .+ without a signed-in user\.$/);
    }
    expect(roles.find((r) => r.id === '332a536c-c7ef-4017-ab91-336970924f0d')).toEqual(
      expect.objectContaining({
        value: 'Sites.Read.All',
        displayName: 'Read items in all site collections',
      }),
    );
  });

  it("publishes Graph's delegated permissions as oauth2PermissionScopes, Admin or User", async () => {
    const res = await batch(SCENARIOS.allGranted, [graphSp('id,oauth2PermissionScopes')]);
    const scopes = items(res).get('sp')?.body.oauth2PermissionScopes as Json[];
    const catalog = GRAPH_PERMISSIONS.filter((p) => p.kind === 'Delegated');
    expect(scopes.map((s) => `${String(s.value)} ${String(s.id)}`).sort()).toEqual(
      catalog.map((p) => `${p.name} ${p.id}`).sort(),
    );
    for (const scope of scopes) {
      expect(Object.keys(scope).sort()).toEqual([
        'adminConsentDescription',
        'adminConsentDisplayName',
        'id',
        'isEnabled',
        'origin',
        'type',
        'userConsentDescription',
        'userConsentDisplayName',
        'value',
      ]);
      expect(['Admin', 'User']).toContain(scope.type);
      expect(scope.isEnabled).toBe(true);
    }
    const byName = new Map(scopes.map((s) => [s.value, s]));
    // User.Read and User.ReadBasic.All need no admin consent; the other three do
    // (https://learn.microsoft.com/graph/permissions-reference).
    expect(byName.get('User.Read')).toEqual(
      expect.objectContaining({
        id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
        type: 'User',
        adminConsentDisplayName: 'Sign in and read user profile',
        userConsentDisplayName: 'Sign you in and read your profile',
      }),
    );
    expect(byName.get('User.ReadBasic.All')?.type).toBe('User');
    for (const name of ['User.Read.All', 'Directory.AccessAsUser.All', 'Directory.Read.All'])
      expect(byName.get(name)?.type).toBe('Admin');
  });

  it('gives an app its own service principal with no published permissions', async () => {
    const s = SCENARIOS.allGranted;
    const res = await batch(s, [
      {
        id: 'own',
        method: 'GET',
        url: `/servicePrincipals(appId='${s.clientId}')?$select=id,appRoles,oauth2PermissionScopes`,
      },
    ]);
    expect(items(res).get('own')?.body).toEqual(expect.objectContaining({ appRoles: [], oauth2PermissionScopes: [] }));
  });

  it("rejects an unknown $select property on Graph's service principal with Graph's 400", async () => {
    const byId = items(await batch(SCENARIOS.allGranted, [graphSp('id,appRoles,publishedPermissionScopes')]));
    expect(byId.get('sp')?.status).toBe(400);
    expect(byId.get('sp')?.body.error).toEqual(
      expect.objectContaining({
        code: 'BadRequest',
        message:
          "Parsing OData Select and Expand failed: Could not find a property named 'publishedPermissionScopes' on type 'microsoft.graph.servicePrincipal'.",
      }),
    );
  });

  it('returns batch responses out of request order (clients must match by id)', async () => {
    const s = SCENARIOS.allGranted;
    const res = await batch(s, checkerItems(s.clientId));
    expect((res.json() as { responses: BatchItemResponse[] }).responses.map((r) => r.id)).toEqual([
      'graph',
      'grants',
      'roles',
      'app',
    ]);
  });

  it('rejects item URLs that carry the version, like real Graph', async () => {
    const s = SCENARIOS.allGranted;
    const res = await batch(s, [
      { id: '1', method: 'GET', url: `/v1.0/applications(appId='${s.clientId}')` },
      { id: '2', method: 'GET', url: `/applications(appId='${s.clientId}')?$select=id` },
    ]);
    const byId = items(res);
    expect(byId.get('1')?.status).toBe(400);
    expect(byId.get('1')?.body).toEqual({
      error: expect.objectContaining({ code: 'BadRequest', message: "Resource not found for the segment 'v1.0'." }),
    });
    expect(byId.get('2')?.status).toBe(200);
  });

  it('rejects malformed batches as a whole', async () => {
    const s = SCENARIOS.allGranted;
    const one = { method: 'GET', url: `/applications(appId='${s.clientId}')` };
    expect(
      (
        await batch(
          s,
          Array.from({ length: 21 }, (_, i) => ({ id: String(i), ...one })),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await batch(s, [
          { id: 'a', ...one },
          { id: 'a', ...one },
        ])
      ).status,
    ).toBe(400);
    expect((await batch(s, [{ id: 'a', ...one }], { 'Content-Type': 'text/plain' })).status).toBe(400);
    expect((await batch(s, [{ id: 'a', ...one }])).status).toBe(200);
  });

  it('denies reads with 403 Authorization_RequestDenied before a directory-read role is granted', async () => {
    const s = SCENARIOS.nothingConsented;
    const byId = items(await batch(s, checkerItems(s.clientId)));
    for (const item of byId.values()) {
      expect(item.status).toBe(403);
      expect(item.body.error).toEqual(
        expect.objectContaining({
          code: 'Authorization_RequestDenied',
          message: 'Insufficient privileges to complete the operation.',
          innerError: expect.objectContaining({
            date: expect.any(String),
            'request-id': expect.any(String),
            'client-request-id': expect.any(String),
          }),
        }),
      );
    }
  });

  it('answers a missing service principal with 404 Request_ResourceNotFound', async () => {
    const res = await sandboxRequest(`${sandbox.graphEndpoint}/v1.0/servicePrincipals(appId='${UNKNOWN_CLIENT_ID}')`, {
      headers: { Authorization: `Bearer ${await tokenFor(SCENARIOS.allGranted)}` },
    });
    expect(res.status).toBe(404);
    expect((res.json() as { error: Json }).error.code).toBe('Request_ResourceNotFound');
  });

  it('checks $select against the entity', async () => {
    const s = SCENARIOS.allGranted;
    const byId = items(
      await batch(s, [{ id: 'x', method: 'GET', url: `/applications(appId='${s.clientId}')?$select=id,secretValue` }]),
    );
    expect(byId.get('x')?.status).toBe(400);
    expect(byId.get('x')?.body.error).toEqual(
      expect.objectContaining({
        message:
          "Parsing OData Select and Expand failed: Could not find a property named 'secretValue' on type 'microsoft.graph.application'.",
      }),
    );
  });

  it('puts an injected 429 on the matching item only, with its own Retry-After', async () => {
    const s = SCENARIOS.allGranted;
    sandbox.controls.injectFault({
      target: 'graph-item',
      status: 429,
      retryAfterSeconds: 3,
      itemUrlContains: 'oauth2PermissionGrants',
    });
    const byId = items(await batch(s, checkerItems(s.clientId)));
    expect(byId.get('grants')?.status).toBe(429);
    expect(byId.get('grants')?.headers['Retry-After']).toBe('3');
    expect(byId.get('app')?.status).toBe(200);
    expect(items(await batch(s, checkerItems(s.clientId))).get('grants')?.status).toBe(200);
  });

  it('answers an injected 503 on the batch POST itself', async () => {
    const s = SCENARIOS.allGranted;
    sandbox.controls.injectFault({ target: 'graph-batch', status: 503, retryAfterSeconds: 1 });
    const res = await batch(s, checkerItems(s.clientId));
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
  });

  it('logs the item URLs of each batch', async () => {
    const s = SCENARIOS.allGranted;
    sandbox.controls.clearRequestLog();
    await batch(s, checkerItems(s.clientId));
    const log = sandbox.controls.requestLog();
    expect(log).toHaveLength(1);
    expect(log[0].batchItemUrls).toEqual(checkerItems(s.clientId).map((i) => i.url));
    expect(log[0].batchItemStatuses).toEqual([200, 200, 200, 200]);
  });

  it.each([
    ['no token', undefined, 'Access token is empty.'],
    [
      'a token it did not issue',
      'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4IiwidGlkIjoieCIsImFwcGlkIjoieCIsIm9pZCI6IngiLCJleHAiOjk5OTk5OTk5OTl9.c2ln',
      'Invalid signature',
    ],
    ['a token that is not a JWT', 'not-a-jwt', 'not well formed'],
  ])('answers 401 InvalidAuthenticationToken for %s', async (_label, token, message) => {
    const res = await sandboxRequest(`${sandbox.graphEndpoint}/v1.0/servicePrincipals(appId='${GRAPH_APP_ID}')`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    expect(res.status).toBe(401);
    const error = (res.json() as { error: Json }).error;
    expect(error.code).toBe('InvalidAuthenticationToken');
    expect(String(error.message)).toContain(message);
  });

  it('rejects a token from another sandbox instance and an expired token', async () => {
    const other = await startSandboxTenant({ fixture: loadScenarioFixture() });
    const s = SCENARIOS.allGranted;
    try {
      const foreign = await requestSandboxToken(other.authorityHost, sandbox.graphEndpoint, {
        tenant: s.tenantId,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      });
      const res = await sandboxRequest(`${sandbox.graphEndpoint}/v1.0/servicePrincipals(appId='${GRAPH_APP_ID}')`, {
        headers: { Authorization: `Bearer ${String((foreign.json() as Json).access_token)}` },
      });
      expect(res.status).toBe(401);
    } finally {
      await other.stop();
    }
    const token = await tokenFor(s);
    clock += 3600 * 1000;
    const expired = await sandboxRequest(`${sandbox.graphEndpoint}/v1.0/servicePrincipals(appId='${GRAPH_APP_ID}')`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(expired.status).toBe(401);
    expect((expired.json() as { error: Json }).error.message).toBe('Lifetime validation failed, the token is expired.');
  });
});
