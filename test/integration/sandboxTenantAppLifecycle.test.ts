import { sandboxRequest, requestSandboxToken, SandboxResponse } from '../../tools/sandbox-tenant/sandboxClient';
import { startSandboxTenant, SandboxTenant } from '../../tools/sandbox-tenant/sandboxTenant';
import {
  loadScenarioFixture,
  SandboxUser,
  SCENARIO_TENANT,
  SCENARIO_USERS,
  SCENARIOS,
} from '../../tools/sandbox-tenant/scenarios';
import type { SandboxFixture } from '../../tools/sandbox-tenant/fixture';
import { findGraphPermission, GRAPH_APP_ID } from '../../tools/sandbox-tenant/graphPermissions';
import { delegatedTokenFor, graphAs } from '../helpers/delegatedToken';

type Json = Record<string, unknown>;

const json = (res: SandboxResponse): Json => res.json() as Json;
const errorOf = (res: SandboxResponse): Json => json(res).error as Json;
const ENTRA_SECRET = /^[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{34}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const USER_READ = findGraphPermission('User.Read', 'Delegated');

/** The scenario fixture, the scenario tenant's default app management policy capping secrets at `days`. */
function fixtureWithCap(days: number): SandboxFixture {
  const base = loadScenarioFixture();
  return {
    tenants: base.tenants.map((t) =>
      t.tenantId === SCENARIO_TENANT.tenantId ? { ...t, passwordLifetimeDays: days } : t,
    ),
  };
}

/**
 * App creation and client-secret rotation against the sandbox tenant, with delegated tokens from
 * the real msal-node sign-in: Graph's answers (201/200/204, 400/403 with Graph's codes), the
 * default app management policy's lifetime cap, and the token endpoint taking or refusing the
 * secrets at once.
 */
describe('sandbox tenant: app creation and secret rotation', () => {
  let sandbox: SandboxTenant;
  let at: number;
  const tokens = new Map<string, string>();

  async function start(fixture: SandboxFixture): Promise<void> {
    sandbox = await startSandboxTenant({ fixture, replicationDelayMs: 0, now: () => new Date(at) });
  }

  async function graph(user: SandboxUser, method: string, path: string, body?: unknown): Promise<SandboxResponse> {
    let token = tokens.get(user.objectId);
    if (!token) {
      token = await delegatedTokenFor(sandbox, user);
      tokens.set(user.objectId, token);
    }
    return graphAs(sandbox, token, method, path, body);
  }

  const clientCredentials = (clientId: string, clientSecret: string): Promise<SandboxResponse> =>
    requestSandboxToken(sandbox.authorityHost, sandbox.graphEndpoint, {
      tenant: SCENARIO_TENANT.tenantId,
      clientId,
      clientSecret,
    });

  const ga = SCENARIO_USERS.globalAdministrator;

  beforeEach(() => {
    at = Date.parse('2031-03-01T12:00:00Z');
    tokens.clear();
  });
  afterEach(() => sandbox.stop());

  describe('POST /applications', () => {
    beforeEach(() => start(loadScenarioFixture()));

    it('creates an app as Global Administrator: 201 with the object, readable by appId and object id', async () => {
      const res = await graph(ga, 'POST', '/applications', {
        displayName: 'Rotated connector',
        requiredResourceAccess: [
          { resourceAppId: GRAPH_APP_ID, resourceAccess: [{ id: USER_READ?.id, type: 'Scope' }] },
        ],
      });
      expect(res.status).toBe(201);
      const app = json(res);
      expect(app).toMatchObject({
        displayName: 'Rotated connector',
        signInAudience: 'AzureADMyOrg',
        passwordCredentials: [],
        requiredResourceAccess: [
          { resourceAppId: GRAPH_APP_ID, resourceAccess: [{ id: USER_READ?.id, type: 'Scope' }] },
        ],
        createdDateTime: '2031-03-01T12:00:00.000Z',
      });
      expect(app.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(app.appId).toMatch(/^[0-9a-f-]{36}$/);
      expect(app.id).not.toBe(app.appId);
      expect(res.headers.location).toContain(`/directoryObjects/${String(app.id)}/`);

      const byAppId = await graph(ga, 'GET', `/applications(appId='${String(app.appId)}')`);
      expect(byAppId.status).toBe(200);
      expect(json(byAppId)).toMatchObject({ id: app.id, displayName: 'Rotated connector' });
      const byId = await graph(ga, 'GET', `/applications/${String(app.id)}?$select=appId`);
      expect(json(byId).appId).toBe(app.appId);
      const sp = await graph(ga, 'POST', '/servicePrincipals', { appId: app.appId });
      expect(sp.status).toBe(201);
      expect(json(sp).appId).toBe(app.appId);
    });

    it('lets an Application Administrator create a multi-tenant app and refuses a plain user with 403', async () => {
      const res = await graph(SCENARIO_USERS.applicationAdministrator, 'POST', '/applications', {
        displayName: 'Made by the app admin',
        signInAudience: 'AzureADMultipleOrgs',
      });
      expect(res.status).toBe(201);
      expect(json(res).signInAudience).toBe('AzureADMultipleOrgs');
      const denied = await graph(SCENARIO_USERS.plainUser, 'POST', '/applications', { displayName: 'Nope' });
      expect(denied.status).toBe(403);
      expect(errorOf(denied).code).toBe('Authorization_RequestDenied');
    });

    it('answers a missing displayName, a bad audience and an unknown permission with 400 Request_BadRequest', async () => {
      const missing = await graph(ga, 'POST', '/applications', { signInAudience: 'AzureADMyOrg' });
      expect(missing.status).toBe(400);
      expect(errorOf(missing)).toMatchObject({
        code: 'Request_BadRequest',
        message: "A value is required for property 'displayName' of resource 'Application'.",
      });
      const tooLong = await graph(ga, 'POST', '/applications', { displayName: 'x'.repeat(121) });
      expect(errorOf(tooLong).message).toBe(
        "Invalid value specified for property 'displayName' of resource 'Application'.",
      );
      const audience = await graph(ga, 'POST', '/applications', { displayName: 'A', signInAudience: 'Everyone' });
      expect(audience.status).toBe(400);
      expect(errorOf(audience).message).toContain("'signInAudience'");
      const scope = await graph(ga, 'POST', '/applications', {
        displayName: 'A',
        requiredResourceAccess: [
          {
            resourceAppId: GRAPH_APP_ID,
            resourceAccess: [{ id: '11111111-1111-1111-1111-111111111111', type: 'Role' }],
          },
        ],
      });
      expect(scope.status).toBe(400);
      expect(errorOf(scope).message).toContain('does not exist on resource');
    });
  });

  describe('addPassword and removePassword', () => {
    beforeEach(() => start(loadScenarioFixture()));

    it('gives a new app a working secret, shown once, and removing it stops client credentials at once', async () => {
      const app = json(await graph(ga, 'POST', '/applications', { displayName: 'Fresh connector' }));
      const appId = String(app.appId);
      expect((await graph(ga, 'POST', '/servicePrincipals', { appId })).status).toBe(201);

      const added = await graph(ga, 'POST', `/applications/${String(app.id)}/addPassword`, {
        passwordCredential: { displayName: 'bot' },
      });
      expect(added.status).toBe(200);
      const credential = json(added);
      const secret = String(credential.secretText);
      expect(secret).toMatch(ENTRA_SECRET);
      expect(credential).toMatchObject({
        displayName: 'bot',
        hint: secret.slice(0, 3),
        startDateTime: '2031-03-01T12:00:00.000Z',
        endDateTime: '2033-03-01T12:00:00.000Z',
      });
      expect(credential.keyId).toMatch(/^[0-9a-f-]{36}$/);

      const listed = json(await graph(ga, 'GET', `/applications(appId='${appId}')`)).passwordCredentials as Json[];
      expect(listed).toEqual([
        expect.objectContaining({ keyId: credential.keyId, hint: secret.slice(0, 3), secretText: null }),
      ]);

      const token = await clientCredentials(appId, secret);
      expect(token.status).toBe(200);
      expect(typeof json(token).access_token).toBe('string');

      const removed = await graph(ga, 'POST', `/applications(appId='${appId}')/removePassword`, {
        keyId: credential.keyId,
      });
      expect(removed.status).toBe(204);
      const refused = await clientCredentials(appId, secret);
      expect(refused.status).toBe(401);
      expect(json(refused).error_codes).toEqual([7000215]);
      expect(String(json(refused).error_description)).toMatch(/^AADSTS7000215:/);
    });

    it('rotates an existing app: the new secret works, the removed old one fails with AADSTS7000215', async () => {
      const s = SCENARIOS.allGranted;
      const added = json(await graph(ga, 'POST', `/applications(appId='${s.clientId}')/addPassword`, {}));
      expect(added.displayName).toBeNull();
      expect((await clientCredentials(s.clientId, s.clientSecret)).status).toBe(200);
      const removed = await graph(ga, 'POST', `/applications(appId='${s.clientId}')/removePassword`, {
        keyId: s.secretKeyId,
      });
      expect(removed.status).toBe(204);
      expect(json(await clientCredentials(s.clientId, s.clientSecret)).error_codes).toEqual([7000215]);
      expect((await clientCredentials(s.clientId, String(added.secretText))).status).toBe(200);
    });

    it('answers an unknown keyId with 400, a plain user with 403, an unknown app with 404', async () => {
      const s = SCENARIOS.allGranted;
      const unknown = await graph(ga, 'POST', `/applications(appId='${s.clientId}')/removePassword`, {
        keyId: '3f1d6b8e-0000-4000-8000-000000000000',
      });
      expect(unknown.status).toBe(400);
      expect(errorOf(unknown)).toMatchObject({ code: 'Request_BadRequest' });
      expect(String(errorOf(unknown).message)).toContain('No password credential found with keyId');
      const notGuid = await graph(ga, 'POST', `/applications(appId='${s.clientId}')/removePassword`, { keyId: 'x' });
      expect(notGuid.status).toBe(400);

      const plain = SCENARIO_USERS.plainUser;
      const add = await graph(plain, 'POST', `/applications(appId='${s.clientId}')/addPassword`, {});
      expect(add.status).toBe(403);
      expect(errorOf(add).code).toBe('Authorization_RequestDenied');
      const remove = await graph(plain, 'POST', `/applications(appId='${s.clientId}')/removePassword`, {
        keyId: s.secretKeyId,
      });
      expect(remove.status).toBe(403);
      expect((await clientCredentials(s.clientId, s.clientSecret)).status).toBe(200);

      const missing = await graph(ga, 'POST', '/applications/3f1d6b8e-0000-4000-8000-000000000001/addPassword', {});
      expect(missing.status).toBe(404);
      expect(errorOf(missing).code).toBe('Request_ResourceNotFound');
    });

    it('refuses an endDateTime that is not after the start', async () => {
      const res = await graph(ga, 'POST', `/applications(appId='${SCENARIOS.allGranted.clientId}')/addPassword`, {
        passwordCredential: { endDateTime: '2031-02-01T00:00:00Z' },
      });
      expect(res.status).toBe(400);
      expect(errorOf(res).message).toBe(
        "Invalid value specified for property 'endDateTime' of resource 'PasswordCredential'.",
      );
    });
  });

  describe('default app management policy', () => {
    it('is disabled with no restrictions by default; a plain member may not read it', async () => {
      await start(loadScenarioFixture());
      const res = await graph(ga, 'GET', '/policies/defaultAppManagementPolicy');
      expect(res.status).toBe(200);
      expect(json(res)).toMatchObject({
        id: '00000000-0000-0000-0000-000000000000',
        isEnabled: false,
        applicationRestrictions: { passwordCredentials: [], keyCredentials: [] },
      });
      const appAdmin = await graph(
        SCENARIO_USERS.applicationAdministrator,
        'GET',
        '/policies/defaultAppManagementPolicy',
      );
      expect(appAdmin.status).toBe(200);
      const plain = await graph(SCENARIO_USERS.plainUser, 'GET', '/policies/defaultAppManagementPolicy');
      expect(plain.status).toBe(403);
      expect(errorOf(plain).code).toBe('Authorization_RequestDenied');
      const ok = await graph(ga, 'POST', `/applications(appId='${SCENARIOS.allGranted.clientId}')/addPassword`, {
        passwordCredential: { endDateTime: new Date(at + 700 * DAY_MS).toISOString() },
      });
      expect(ok.status).toBe(200);
    });

    it('caps secret lifetime when the fixture sets it: beyond the cap (or the 2-year default) 400, within 200', async () => {
      await start(fixtureWithCap(180));
      const policy = json(await graph(ga, 'GET', '/policies/defaultAppManagementPolicy'));
      expect(policy).toMatchObject({
        isEnabled: true,
        applicationRestrictions: {
          passwordCredentials: [{ restrictionType: 'passwordLifetime', maxLifetime: 'P180D' }],
        },
      });
      const path = `/applications(appId='${SCENARIOS.allGranted.clientId}')/addPassword`;
      const beyond = await graph(ga, 'POST', path, {
        passwordCredential: { endDateTime: new Date(at + 181 * DAY_MS).toISOString() },
      });
      expect(beyond.status).toBe(400);
      expect(errorOf(beyond)).toMatchObject({
        code: 'CredentialInvalidLifetimeAsPerAppPolicy',
        message:
          "Credential lifetime exceeds the max value allowed as per assigned policy '00000000-0000-0000-0000-000000000000'.",
      });
      const byDefault = await graph(ga, 'POST', path, {});
      expect(errorOf(byDefault).code).toBe('CredentialInvalidLifetimeAsPerAppPolicy');
      const within = await graph(ga, 'POST', path, {
        passwordCredential: { endDateTime: new Date(at + 180 * DAY_MS).toISOString() },
      });
      expect(within.status).toBe(200);
      const secret = String(json(within).secretText);
      expect((await clientCredentials(SCENARIOS.allGranted.clientId, secret)).status).toBe(200);
    });
  });

  describe('$batch', () => {
    beforeEach(() => start(fixtureWithCap(30)));

    it('creates an app, adds a password and reads the policy in one batch', async () => {
      let token = tokens.get(ga.objectId);
      if (!token) token = await delegatedTokenFor(sandbox, ga);
      const s = SCENARIOS.allGranted;
      const requests = [
        {
          id: '1',
          method: 'POST',
          url: '/applications',
          body: { displayName: 'Batched' },
          headers: { 'Content-Type': 'application/json' },
        },
        {
          id: '2',
          method: 'POST',
          url: `/applications(appId='${s.clientId}')/addPassword`,
          body: { passwordCredential: { endDateTime: new Date(at + 10 * DAY_MS).toISOString() } },
          headers: { 'Content-Type': 'application/json' },
          dependsOn: ['1'],
        },
        { id: '3', method: 'GET', url: '/policies/defaultAppManagementPolicy' },
        {
          id: '4',
          method: 'POST',
          url: `/applications(appId='${s.clientId}')/removePassword`,
          body: { keyId: '3f1d6b8e-0000-4000-8000-000000000000' },
          headers: { 'Content-Type': 'application/json' },
        },
      ];
      const res = await sandboxRequest(`${sandbox.graphEndpoint}/v1.0/$batch`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ requests }),
      });
      expect(res.status).toBe(200);
      const byId = new Map((json(res).responses as Json[]).map((r) => [String(r.id), r]));
      expect(byId.get('1')).toMatchObject({ status: 201, body: { displayName: 'Batched', passwordCredentials: [] } });
      expect(byId.get('2')?.status).toBe(200);
      expect(String((byId.get('2')?.body as Json).secretText)).toMatch(ENTRA_SECRET);
      expect(byId.get('3')).toMatchObject({ status: 200, body: { isEnabled: true } });
      expect(byId.get('4')?.status).toBe(400);
    });
  });
});
