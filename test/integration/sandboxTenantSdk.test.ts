import { ClientSecretCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { realpathSync } from 'fs';
import { GRAPH_APP_ID } from '../../tools/sandbox-tenant/graphPermissions';
import { startSandboxTenant, SandboxTenant } from '../../tools/sandbox-tenant/sandboxTenant';
import { loadScenarioFixture, SCENARIOS, UNKNOWN_TENANT_ID, WRONG_SECRET } from '../../tools/sandbox-tenant/scenarios';

/**
 * Wire compatibility with the real SDKs the consent core uses. Needs NODE_EXTRA_CA_CERTS set to
 * the sandbox CA before the process starts (npm test does this).
 */
describe('sandbox tenant: real @azure/identity and Graph client', () => {
  let sandbox: SandboxTenant;
  const credential = (tenant: string, clientId: string, secret: string): ClientSecretCredential =>
    new ClientSecretCredential(tenant, clientId, secret, {
      authorityHost: sandbox.authorityHost,
      disableInstanceDiscovery: true,
    });

  beforeAll(async () => {
    sandbox = await startSandboxTenant({ fixture: loadScenarioFixture() });
    const trusted = process.env.NODE_EXTRA_CA_CERTS;
    if (!trusted || realpathSync(trusted) !== realpathSync(sandbox.caPath)) {
      throw new Error(`Run with NODE_EXTRA_CA_CERTS=${sandbox.caPath} (got ${trusted ?? 'nothing'})`);
    }
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.controls.clearRequestLog());

  it('gets a token with a good secret in exactly discovery + token requests', async () => {
    const s = SCENARIOS.allGranted;
    const token = await credential(s.tenantDomain, s.clientId, s.clientSecret).getToken(
      `${sandbox.graphEndpoint}/.default`,
    );
    expect(token.token.split('.')).toHaveLength(3);
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now());
    expect(sandbox.controls.requestLog().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET /${s.tenantDomain}/v2.0/.well-known/openid-configuration 200`,
      `POST /${s.tenantDomain}/oauth2/v2.0/token 200`,
    ]);
  });

  it('fails with AADSTS7000215 in the message for a wrong secret, without echoing it', async () => {
    const s = SCENARIOS.allGranted;
    const error: unknown = await credential(s.tenantId, s.clientId, WRONG_SECRET)
      .getToken('https://graph.microsoft.com/.default')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('AADSTS7000215');
    expect((error as Error).message).not.toContain(WRONG_SECRET);
  });

  it('fails with AADSTS7000222 for an expired secret', async () => {
    const s = SCENARIOS.expiredSecret;
    await expect(
      credential(s.tenantId, s.clientId, s.clientSecret).getToken('https://graph.microsoft.com/.default'),
    ).rejects.toThrow(/AADSTS7000222/);
  });

  it('fails discovery for an unknown tenant', async () => {
    const s = SCENARIOS.allGranted;
    await expect(
      credential(UNKNOWN_TENANT_ID, s.clientId, s.clientSecret).getToken('https://graph.microsoft.com/.default'),
    ).rejects.toThrow(/endpoints_resolution_error/);
  });

  it('serves a JSON batch sent by @microsoft/microsoft-graph-client', async () => {
    const s = SCENARIOS.partlyConsented;
    const cred = credential(s.tenantId, s.clientId, s.clientSecret);
    const client = Client.init({
      baseUrl: sandbox.graphEndpoint,
      customHosts: new Set([new URL(sandbox.graphEndpoint).hostname]),
      authProvider: (done) => {
        cred.getToken(`${sandbox.graphEndpoint}/.default`).then(
          (t) => done(null, t.token),
          (e: Error) => done(e, null),
        );
      },
    });
    const result: unknown = await client
      .api('/$batch')
      .version('v1.0')
      .post({
        requests: [
          { id: '1', method: 'GET', url: `/servicePrincipals(appId='${s.clientId}')/appRoleAssignments` },
          { id: '2', method: 'GET', url: `/servicePrincipals(appId='${GRAPH_APP_ID}')?$select=id` },
        ],
      });
    const responses = (result as { responses: { id: string; status: number }[] }).responses;
    expect(responses.map((r) => `${r.id}:${r.status}`).sort()).toEqual(['1:200', '2:200']);
    expect(
      sandbox.controls
        .requestLog()
        .filter((r) => r.host === 'graph')
        .map((r) => r.path),
    ).toEqual(['/v1.0/$batch']);
  });
});
