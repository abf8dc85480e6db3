import { GRAPH_APP_ID, findGraphPermission } from '../../tools/sandbox-tenant/graphPermissions';
import { requestSandboxToken, sandboxRequest, SandboxResponse } from '../../tools/sandbox-tenant/sandboxClient';
import { startSandboxTenant, SandboxTenant } from '../../tools/sandbox-tenant/sandboxTenant';
import {
  loadScenarioFixture,
  SandboxScenario,
  SandboxUser,
  SCENARIO_TENANT,
  SCENARIO_USERS,
  SCENARIOS,
} from '../../tools/sandbox-tenant/scenarios';
import { delegatedTokenFor, graphAs } from '../helpers/delegatedToken';

type Json = Record<string, unknown>;

const GRAPH_SP = SCENARIO_TENANT.graphServicePrincipalId;
const REPLICATION_MS = 5000;

const id = (name: string, kind: 'Delegated' | 'Application'): string => {
  const p = findGraphPermission(name, kind);
  if (!p) throw new Error(`no ${kind} ${name}`);
  return p.id;
};
const json = (res: SandboxResponse): Json => res.json() as Json;
const errorOf = (res: SandboxResponse): Json => json(res).error as Json;

/**
 * The Graph writes of "Fix it for me" against the sandbox, with delegated tokens from the real
 * msal-node sign-in: who may do what (Entra ID's roles), Graph's answers to duplicates, replication,
 * $batch with dependsOn, and the connector's own token seeing the result.
 */
describe('sandbox tenant: Graph writes with a delegated admin token', () => {
  let sandbox: SandboxTenant;
  let at: number;
  const tokens = new Map<string, string>();

  async function tokenFor(user: SandboxUser): Promise<string> {
    const cached = tokens.get(user.objectId);
    if (cached) return cached;
    const token = await delegatedTokenFor(sandbox, user, ['https://graph.microsoft.com/User.Read']);
    tokens.set(user.objectId, token);
    return token;
  }

  async function graph(
    user: SandboxUser | string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<SandboxResponse> {
    return graphAs(sandbox, typeof user === 'string' ? user : await tokenFor(user), method, path, body);
  }

  async function appOf(s: SandboxScenario): Promise<Json> {
    return json(await graph(SCENARIO_USERS.globalAdministrator, 'GET', `/applications(appId='${s.clientId}')`));
  }

  async function spIdOf(s: SandboxScenario): Promise<string> {
    const res = await graph(
      SCENARIO_USERS.globalAdministrator,
      'GET',
      `/servicePrincipals(appId='${s.clientId}')?$select=id`,
    );
    return String(json(res).id);
  }

  async function connectorRoles(s: SandboxScenario): Promise<unknown> {
    const res = await requestSandboxToken(sandbox.authorityHost, sandbox.graphEndpoint, {
      tenant: s.tenantId,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
    });
    const token = String(json(res).access_token);
    return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Json).roles;
  }

  beforeEach(async () => {
    at = Date.parse('2031-03-01T12:00:00Z');
    tokens.clear();
    sandbox = await startSandboxTenant({
      fixture: loadScenarioFixture(),
      replicationDelayMs: REPLICATION_MS,
      now: () => new Date(at),
    });
  });
  afterEach(() => sandbox.stop());

  it('lets a Global Administrator repair an app; the connector sees the new roles after replication', async () => {
    const ga = SCENARIO_USERS.globalAdministrator;
    const s = SCENARIOS.needsRepair;
    const app = await appOf(s);
    const current = app.requiredResourceAccess as { resourceAppId: string; resourceAccess: Json[] }[];
    const merged = current.map((r) =>
      r.resourceAppId === GRAPH_APP_ID
        ? {
            ...r,
            resourceAccess: [...r.resourceAccess, { id: id('Directory.AccessAsUser.All', 'Delegated'), type: 'Scope' }],
          }
        : r,
    );
    const patched = await graph(ga, 'PATCH', `/applications/${String(app.id)}`, { requiredResourceAccess: merged });
    expect(patched.status).toBe(204);
    expect(patched.text).toBe('');
    const after = (await appOf(s)).requiredResourceAccess as { resourceAccess: Json[] }[];
    expect(after[0].resourceAccess).toContainEqual({
      id: id('Directory.AccessAsUser.All', 'Delegated'),
      type: 'Scope',
    });

    const sp = await spIdOf(s);
    const assignment = { principalId: sp, resourceId: GRAPH_SP, appRoleId: id('User.Read.All', 'Application') };
    const assigned = await graph(ga, 'POST', `/servicePrincipals/${GRAPH_SP}/appRoleAssignedTo`, assignment);
    expect(assigned.status).toBe(201);
    expect(json(assigned)).toEqual(expect.objectContaining({ ...assignment, principalType: 'ServicePrincipal' }));

    const filter = `$filter=${encodeURIComponent(`clientId eq '${sp}' and resourceId eq '${GRAPH_SP}'`)}`;
    const grants = (json(await graph(ga, 'GET', `/oauth2PermissionGrants?${filter}`)).value as Json[]) ?? [];
    expect(grants.map((g) => g.scope)).toEqual(['User.Read']);
    const scope = 'User.Read User.Read.All User.ReadBasic.All Directory.AccessAsUser.All Directory.Read.All';
    expect((await graph(ga, 'PATCH', `/oauth2PermissionGrants/${String(grants[0].id)}`, { scope })).status).toBe(204);

    expect(await connectorRoles(s)).toEqual(['Directory.Read.All']);
    at += REPLICATION_MS;
    expect(await connectorRoles(s)).toEqual(['Directory.Read.All', 'User.Read.All']);
    const regranted = (json(await graph(ga, 'GET', `/oauth2PermissionGrants?${filter}`)).value as Json[])[0];
    expect(String(regranted.scope).split(' ').sort()).toEqual(scope.split(' ').sort());
    const fromConnector = await requestSandboxToken(sandbox.authorityHost, sandbox.graphEndpoint, {
      tenant: s.tenantId,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
    });
    const ownRead = await graph(
      String(json(fromConnector).access_token),
      'GET',
      `/servicePrincipals(appId='${s.clientId}')/appRoleAssignments`,
    );
    expect((json(ownRead).value as Json[]).map((a) => a.appRoleId).sort()).toEqual(
      [id('Directory.Read.All', 'Application'), id('User.Read.All', 'Application')].sort(),
    );
  });

  it('answers duplicates as Graph does and changes nothing (idempotent re-runs)', async () => {
    const ga = SCENARIO_USERS.globalAdministrator;
    const s = SCENARIOS.needsRepair;
    const sp = await spIdOf(s);
    const existing = { principalId: sp, resourceId: GRAPH_SP, appRoleId: id('Directory.Read.All', 'Application') };
    const again = await graph(ga, 'POST', `/servicePrincipals/${GRAPH_SP}/appRoleAssignedTo`, existing);
    expect(again.status).toBe(400);
    expect(errorOf(again)).toEqual(
      expect.objectContaining({
        code: 'Request_BadRequest',
        message: 'Permission being assigned already exists on the object',
      }),
    );
    const grant = await graph(ga, 'POST', '/oauth2PermissionGrants', {
      clientId: sp,
      consentType: 'AllPrincipals',
      resourceId: GRAPH_SP,
      scope: 'User.Read.All',
    });
    expect(grant.status).toBe(409);
    expect(errorOf(grant)).toEqual(
      expect.objectContaining({
        code: 'Request_MultipleObjectsWithSameKeyValue',
        message: 'Permission entry already exists.',
      }),
    );
    const spAgain = await graph(ga, 'POST', '/servicePrincipals', { appId: s.clientId });
    expect(spAgain.status).toBe(409);
    expect(errorOf(spAgain).code).toBe('Request_MultipleObjectsWithSameKeyValue');
    at += REPLICATION_MS;
    expect(await connectorRoles(s)).toEqual(['Directory.Read.All']);
  });

  it('creates a service principal that reads 404 until it replicates', async () => {
    const ga = SCENARIO_USERS.globalAdministrator;
    const s = SCENARIOS.nothingConfigured;
    const created = await graph(ga, 'POST', '/servicePrincipals', { appId: s.clientId });
    expect(created.status).toBe(201);
    expect(json(created)).toEqual(expect.objectContaining({ appId: s.clientId, displayName: s.displayName }));
    const sp = String(json(created).id);
    expect((await graph(ga, 'GET', `/servicePrincipals(appId='${s.clientId}')`)).status).toBe(404);
    const early = await graph(ga, 'POST', '/oauth2PermissionGrants', {
      clientId: sp,
      consentType: 'AllPrincipals',
      resourceId: GRAPH_SP,
      scope: 'User.Read',
    });
    expect(early.status).toBe(404);
    at += REPLICATION_MS;
    expect((await graph(ga, 'GET', `/servicePrincipals/${sp}`)).status).toBe(200);
    const late = await graph(ga, 'POST', '/oauth2PermissionGrants', {
      clientId: sp,
      consentType: 'AllPrincipals',
      resourceId: GRAPH_SP,
      scope: 'User.Read',
    });
    expect(late.status).toBe(201);
    expect(json(late)).toEqual(
      expect.objectContaining({ clientId: sp, consentType: 'AllPrincipals', scope: 'User.Read' }),
    );
    const unknown = await graph(ga, 'POST', '/servicePrincipals', { appId: '6a087a9c-477f-478c-8787-324a2a0f3b1e' });
    expect(unknown.status).toBe(400);
  });

  it('lets an Application Administrator add permissions and grant delegated ones, not Graph app roles', async () => {
    const admin = SCENARIO_USERS.applicationAdministrator;
    const s = SCENARIOS.needsRepair;
    const app = await graph(admin, 'GET', `/applications(appId='${s.clientId}')`);
    expect(app.status).toBe(200);
    const rra = json(app).requiredResourceAccess;
    expect(
      (await graph(admin, 'PATCH', `/applications/${String(json(app).id)}`, { requiredResourceAccess: rra })).status,
    ).toBe(204);
    const sp = await spIdOf(s);
    const filter = `$filter=${encodeURIComponent(`clientId eq '${sp}' and resourceId eq '${GRAPH_SP}'`)}`;
    const grant = (json(await graph(admin, 'GET', `/oauth2PermissionGrants?${filter}`)).value as Json[])[0];
    const patched = await graph(admin, 'PATCH', `/oauth2PermissionGrants/${String(grant.id)}`, {
      scope: 'User.Read User.Read.All',
    });
    expect(patched.status).toBe(204);
    const role = await graph(admin, 'POST', `/servicePrincipals/${GRAPH_SP}/appRoleAssignedTo`, {
      principalId: sp,
      resourceId: GRAPH_SP,
      appRoleId: id('User.Read.All', 'Application'),
    });
    expect(role.status).toBe(403);
    expect(errorOf(role)).toEqual(
      expect.objectContaining({
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      }),
    );
    const pra = await graph(
      SCENARIO_USERS.privilegedRoleAdministrator,
      'POST',
      `/servicePrincipals/${GRAPH_SP}/appRoleAssignedTo`,
      {
        principalId: sp,
        resourceId: GRAPH_SP,
        appRoleId: id('User.Read.All', 'Application'),
      },
    );
    expect(pra.status).toBe(201);
  });

  it('refuses every write to a plain user (403) but lets them read, and /me is them', async () => {
    const user = SCENARIO_USERS.plainUser;
    const s = SCENARIOS.needsRepair;
    const app = await graph(user, 'GET', `/applications(appId='${s.clientId}')`);
    expect(app.status).toBe(200);
    const sp = await spIdOf(s);
    const writes = [
      await graph(user, 'PATCH', `/applications/${String(json(app).id)}`, { requiredResourceAccess: [] }),
      await graph(user, 'POST', '/servicePrincipals', { appId: SCENARIOS.nothingConfigured.clientId }),
      await graph(user, 'POST', `/servicePrincipals/${GRAPH_SP}/appRoleAssignedTo`, {
        principalId: sp,
        resourceId: GRAPH_SP,
        appRoleId: id('User.Read.All', 'Application'),
      }),
      await graph(user, 'POST', '/oauth2PermissionGrants', {
        clientId: await spIdOf(SCENARIOS.nothingConsented),
        consentType: 'AllPrincipals',
        resourceId: GRAPH_SP,
        scope: 'User.Read',
      }),
    ];
    expect(writes.map((w) => [w.status, errorOf(w).code])).toEqual(
      Array.from({ length: 4 }, () => [403, 'Authorization_RequestDenied']),
    );
    expect((await appOf(s)).requiredResourceAccess).toEqual(json(app).requiredResourceAccess);
    const me = json(await graph(user, 'GET', '/me'));
    expect(me).toEqual(expect.objectContaining({ id: user.objectId, userPrincipalName: user.userPrincipalName }));
  });

  it('validates requiredResourceAccess and the grant filter like Graph', async () => {
    const ga = SCENARIO_USERS.globalAdministrator;
    const app = await appOf(SCENARIOS.needsRepair);
    const patch = (rra: unknown): Promise<SandboxResponse> =>
      graph(ga, 'PATCH', `/applications/${String(app.id)}`, { requiredResourceAccess: rra });
    const unknownId = await patch([
      { resourceAppId: GRAPH_APP_ID, resourceAccess: [{ id: '6a087a9c-477f-478c-8787-324a2a0f3b1e', type: 'Role' }] },
    ]);
    expect(unknownId.status).toBe(400);
    const scopeAsRole = await patch([
      { resourceAppId: GRAPH_APP_ID, resourceAccess: [{ id: id('User.Read', 'Delegated'), type: 'Role' }] },
    ]);
    expect(scopeAsRole.status).toBe(400);
    expect((await patch([{ resourceAppId: 'graph', resourceAccess: [] }])).status).toBe(400);
    expect((await patch({})).status).toBe(400);
    const unsupported = await graph(ga, 'GET', `/oauth2PermissionGrants?$filter=${encodeURIComponent("scope eq 'x'")}`);
    expect(errorOf(unsupported).code).toBe('Request_UnsupportedQuery');
    const connector = await requestSandboxToken(sandbox.authorityHost, sandbox.graphEndpoint, {
      tenant: SCENARIOS.allGranted.tenantId,
      clientId: SCENARIOS.allGranted.clientId,
      clientSecret: SCENARIOS.allGranted.clientSecret,
    });
    const appOnly = await graph(String(json(connector).access_token), 'PATCH', `/applications/${String(app.id)}`, {
      requiredResourceAccess: [],
    });
    expect(appOnly.status).toBe(403);
  });

  describe('$batch with writes and dependsOn', () => {
    const batch = async (user: SandboxUser, requests: unknown[]): Promise<SandboxResponse> =>
      sandboxRequest(`${sandbox.graphEndpoint}/v1.0/$batch`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await tokenFor(user)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ requests }),
      });
    const byId = (res: SandboxResponse): Map<string, Json> =>
      new Map((json(res).responses as Json[]).map((r) => [String(r.id), r]));
    const write = (reqId: string, method: string, url: string, body: unknown, dependsOn?: string[]): Json => ({
      id: reqId,
      method,
      url,
      body,
      headers: { 'Content-Type': 'application/json' },
      ...(dependsOn ? { dependsOn } : {}),
    });

    it('runs a whole repair in one batch: dependents after their dependency, answers in reverse order', async () => {
      const s = SCENARIOS.needsRepair;
      const ga = SCENARIO_USERS.globalAdministrator;
      const app = await appOf(s);
      const sp = await spIdOf(s);
      const grant = (
        json(await graph(ga, 'GET', `/servicePrincipals/${sp}/oauth2PermissionGrants`)).value as Json[]
      )[0];
      sandbox.controls.clearRequestLog();
      const res = await batch(ga, [
        write('grant', 'PATCH', `/oauth2PermissionGrants/${String(grant.id)}`, { scope: 'User.Read User.Read.All' }, [
          'app',
        ]),
        write('app', 'PATCH', `/applications/${String(app.id)}`, {
          requiredResourceAccess: app.requiredResourceAccess,
        }),
        write(
          'role',
          'POST',
          `/servicePrincipals/${GRAPH_SP}/appRoleAssignedTo`,
          { principalId: sp, resourceId: GRAPH_SP, appRoleId: id('User.Read.All', 'Application') },
          ['app'],
        ),
      ]);
      expect(res.status).toBe(200);
      expect((json(res).responses as Json[]).map((r) => r.id)).toEqual(['role', 'app', 'grant']);
      const items = byId(res);
      expect([items.get('app')?.status, items.get('grant')?.status, items.get('role')?.status]).toEqual([
        204, 204, 201,
      ]);
      expect(items.get('app')).not.toHaveProperty('body');
      expect(sandbox.controls.requestLog()[0]?.batchItemStatuses).toEqual([204, 204, 201]);
      at += REPLICATION_MS;
      expect(await connectorRoles(s)).toEqual(['Directory.Read.All', 'User.Read.All']);
    });

    it('answers 424 for everything after a failed link in a dependsOn chain, and runs nothing of it', async () => {
      const s = SCENARIOS.needsRepair;
      const ga = SCENARIO_USERS.globalAdministrator;
      const app = await appOf(s);
      const sp = await spIdOf(s);
      const res = await batch(ga, [
        write('sp', 'POST', '/servicePrincipals', { appId: s.clientId }),
        write('app', 'PATCH', `/applications/${String(app.id)}`, { requiredResourceAccess: [] }, ['sp']),
        write(
          'role',
          'POST',
          `/servicePrincipals/${GRAPH_SP}/appRoleAssignedTo`,
          { principalId: sp, resourceId: GRAPH_SP, appRoleId: id('User.Read.All', 'Application') },
          ['app'],
        ),
      ]);
      const items = byId(res);
      expect([items.get('sp')?.status, items.get('app')?.status, items.get('role')?.status]).toEqual([409, 424, 424]);
      expect(((items.get('role')?.body as Json).error as Json).code).toBe('FailedDependency');
      expect((await appOf(s)).requiredResourceAccess).toEqual(app.requiredResourceAccess);
      at += REPLICATION_MS;
      expect(await connectorRoles(s)).toEqual(['Directory.Read.All']);
    });

    it('refuses dependency shapes Graph cannot run, bodies without a JSON Content-Type, and more than 20', async () => {
      const ga = SCENARIO_USERS.globalAdministrator;
      const get = (reqId: string, dependsOn?: string[]): Json => ({
        id: reqId,
        method: 'GET',
        url: '/me',
        ...(dependsOn ? { dependsOn } : {}),
      });
      const tree = await batch(ga, [get('a'), get('b'), get('c', ['a']), get('d', ['b'])]);
      expect(tree.status).toBe(400);
      expect(errorOf(tree).message).toContain('dependsOn');
      expect((await batch(ga, [get('a', ['zz'])])).status).toBe(400);
      expect((await batch(ga, [get('a'), get('b', ['a', 'a'])])).status).toBe(400);
      const chain = await batch(ga, [get('a'), get('b', ['a']), get('c', ['b'])]);
      expect([...byId(chain).values()].map((r) => r.status)).toEqual([200, 200, 200]);
      const noType = await batch(ga, [{ id: '1', method: 'POST', url: '/servicePrincipals', body: { appId: 'x' } }]);
      expect(noType.status).toBe(400);
      expect(errorOf(noType).message).toContain('Content-Type');
      const many = await batch(
        ga,
        Array.from({ length: 21 }, (_, i) => get(String(i))),
      );
      expect(many.status).toBe(400);
    });

    it('lets an Application Administrator batch what it may do and answers 403 for the app role only', async () => {
      const s = SCENARIOS.needsRepair;
      const admin = SCENARIO_USERS.applicationAdministrator;
      const sp = await spIdOf(s);
      const grant = (
        json(await graph(admin, 'GET', `/servicePrincipals/${sp}/oauth2PermissionGrants`)).value as Json[]
      )[0];
      const res = await batch(admin, [
        write('role', 'POST', `/servicePrincipals/${GRAPH_SP}/appRoleAssignedTo`, {
          principalId: sp,
          resourceId: GRAPH_SP,
          appRoleId: id('User.Read.All', 'Application'),
        }),
        write('grant', 'PATCH', `/oauth2PermissionGrants/${String(grant.id)}`, {
          scope: 'User.Read Directory.Read.All',
        }),
      ]);
      const items = byId(res);
      expect(items.get('role')?.status).toBe(403);
      expect(items.get('grant')?.status).toBe(204);
    });
  });
});
