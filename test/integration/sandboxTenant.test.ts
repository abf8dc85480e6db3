import { createPublicKey, createVerify, JsonWebKey } from 'crypto';
import { requestSandboxToken, sandboxRequest, SandboxResponse } from '../../tools/sandbox-tenant/sandboxClient';
import { startSandboxTenant, SandboxTenant } from '../../tools/sandbox-tenant/sandboxTenant';
import {
  DEMO,
  loadScenarioFixture,
  SCENARIOS,
  UNKNOWN_CLIENT_ID,
  UNKNOWN_TENANT_ID,
  WRONG_SECRET,
} from '../../tools/sandbox-tenant/scenarios';

type Json = Record<string, unknown>;
const asJson = (r: SandboxResponse): Json => r.json() as Json;
const claimsOf = (token: string): Json =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Json;

describe('sandbox tenant: the Entra ID double', () => {
  let sandbox: SandboxTenant;
  const token = (tenant: string, clientId: string, clientSecret: string, scope?: string): Promise<SandboxResponse> =>
    requestSandboxToken(sandbox.authorityHost, sandbox.graphEndpoint, { tenant, clientId, clientSecret, scope });

  beforeAll(async () => {
    sandbox = await startSandboxTenant({ fixture: loadScenarioFixture() });
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.controls.clearRequestLog());

  it('listens on localhost over https', () => {
    expect(sandbox.authorityHost).toMatch(/^https:\/\/localhost:\d+$/);
    expect(sandbox.graphEndpoint).toMatch(/^https:\/\/localhost:\d+$/);
  });

  it('serves OpenID discovery by tenant id and by domain, with the tenant id in issuer', async () => {
    const s = SCENARIOS.allGranted;
    for (const tenant of [s.tenantId, s.tenantDomain]) {
      const res = await sandboxRequest(`${sandbox.authorityHost}/${tenant}/v2.0/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      const doc = asJson(res);
      expect(doc.issuer).toBe(`${sandbox.authorityHost}/${s.tenantId}/v2.0`);
      expect(doc.token_endpoint).toBe(`${sandbox.authorityHost}/${s.tenantId}/oauth2/v2.0/token`);
      expect(doc.authorization_endpoint).toBe(`${sandbox.authorityHost}/${s.tenantId}/oauth2/v2.0/authorize`);
      expect(doc.jwks_uri).toBe(`${sandbox.authorityHost}/${s.tenantId}/discovery/v2.0/keys`);
    }
  });

  it('answers an unknown tenant with a real AADSTS90002 body', async () => {
    const res = await sandboxRequest(
      `${sandbox.authorityHost}/${UNKNOWN_TENANT_ID}/v2.0/.well-known/openid-configuration`,
    );
    expect(res.status).toBe(400);
    const body = asJson(res);
    expect(body.error).toBe('invalid_tenant');
    expect(body.error_codes).toEqual([90002]);
    expect(body.error_description).toMatch(new RegExp(`^AADSTS90002: Tenant '${UNKNOWN_TENANT_ID}' not found\\.`));
    expect(body.error_description).toMatch(
      /\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
    );
    expect(body).toEqual(
      expect.objectContaining({
        trace_id: expect.any(String),
        correlation_id: expect.any(String),
        timestamp: expect.any(String),
      }),
    );
  });

  it('answers a malformed tenant with AADSTS900023', async () => {
    const res = await sandboxRequest(`${sandbox.authorityHost}/not_a_tenant!/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(400);
    expect(asJson(res).error_codes).toEqual([900023]);
  });

  it('issues a signed RS256 token whose roles are the granted application permissions', async () => {
    const s = SCENARIOS.partlyConsented;
    const res = await token(s.tenantDomain, s.clientId, s.clientSecret);
    expect(res.status).toBe(200);
    const body = asJson(res);
    expect(body).toEqual(expect.objectContaining({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 }));
    const jwt = String(body.access_token);
    const [headerPart, payloadPart, signature] = jwt.split('.');
    const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as Json;
    expect(header.alg).toBe('RS256');
    const claims = claimsOf(jwt);
    expect(claims).toEqual(
      expect.objectContaining({
        aud: sandbox.graphEndpoint,
        iss: `https://sts.windows.net/${s.tenantId}/`,
        tid: s.tenantId,
        appid: s.clientId,
        azp: s.clientId,
        roles: ['Directory.Read.All'],
      }),
    );
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3599);
    const keys = asJson(await sandboxRequest(`${sandbox.authorityHost}/${s.tenantId}/discovery/v2.0/keys`))
      .keys as JsonWebKey[];
    const key = keys.find((k) => k.kid === header.kid);
    expect(key).toBeDefined();
    const verified = createVerify('RSA-SHA256')
      .update(`${headerPart}.${payloadPart}`)
      .verify(createPublicKey({ key: key as JsonWebKey, format: 'jwk' }), Buffer.from(signature, 'base64url'));
    expect(verified).toBe(true);
  });

  it('omits the roles claim when no application permission is granted', async () => {
    const s = SCENARIOS.nothingConsented;
    const claims = claimsOf(String(asJson(await token(s.tenantId, s.clientId, s.clientSecret)).access_token));
    expect(claims).not.toHaveProperty('roles');
  });

  it('accepts the public Graph scope and gives it the public audience', async () => {
    const s = SCENARIOS.allGranted;
    const res = await token(s.tenantId, s.clientId, s.clientSecret, 'https://graph.microsoft.com/.default');
    expect(claimsOf(String(asJson(res).access_token)).aud).toBe('https://graph.microsoft.com');
  });

  it.each([
    ['a wrong secret', SCENARIOS.allGranted.clientId, WRONG_SECRET, 401, 'invalid_client', 7000215],
    [
      'the Secret ID instead of the value',
      SCENARIOS.allGranted.clientId,
      SCENARIOS.allGranted.secretKeyId,
      401,
      'invalid_client',
      7000215,
    ],
    [
      'an expired secret',
      SCENARIOS.expiredSecret.clientId,
      SCENARIOS.expiredSecret.clientSecret,
      401,
      'invalid_client',
      7000222,
    ],
    ['an unknown app', UNKNOWN_CLIENT_ID, WRONG_SECRET, 400, 'unauthorized_client', 700016],
    [
      'a disabled app',
      SCENARIOS.disabledApp.clientId,
      SCENARIOS.disabledApp.clientSecret,
      400,
      'unauthorized_client',
      7000112,
    ],
    [
      'an app without service principal',
      SCENARIOS.noServicePrincipal.clientId,
      SCENARIOS.noServicePrincipal.clientSecret,
      400,
      'invalid_client',
      7000229,
    ],
  ])('rejects %s like Entra ID', async (_label, clientId, secret, status, error, code) => {
    const res = await token(SCENARIOS.allGranted.tenantId, clientId, secret);
    expect(res.status).toBe(status);
    const body = asJson(res);
    expect(body.error).toBe(error);
    expect(body.error_codes).toEqual([code]);
    expect(String(body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
    expect(res.text).not.toContain(secret);
  });

  it('says "secret value, not the secret ID" in the AADSTS7000215 description', async () => {
    const s = SCENARIOS.allGranted;
    const body = asJson(await token(s.tenantId, s.clientId, s.secretKeyId));
    expect(String(body.error_description)).toContain('client secret value, not the client secret ID');
  });

  it.each([
    ['a scope without /.default', 'https://graph.microsoft.com/User.Read', 'invalid_scope', 1002012],
    ['a resource that is not Graph', 'https://management.azure.com/.default', 'invalid_resource', 500011],
  ])('rejects %s', async (_label, scope, error, code) => {
    const s = SCENARIOS.allGranted;
    const body = asJson(await token(s.tenantId, s.clientId, s.clientSecret, scope));
    expect(body.error).toBe(error);
    expect(body.error_codes).toEqual([code]);
  });

  it('accepts only POSTed client_credentials', async () => {
    const url = `${sandbox.authorityHost}/${SCENARIOS.allGranted.tenantId}/oauth2/v2.0/token`;
    expect(asJson(await sandboxRequest(url)).error_codes).toEqual([900561]);
    const password = await sandboxRequest(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&client_id=x',
    });
    expect(asJson(password).error).toBe('unsupported_grant_type');
    const json = await sandboxRequest(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(asJson(json).error_codes).toEqual([900144]);
  });

  it('echoes the client-request-id as the correlation id', async () => {
    const correlation = '0c5e7a40-1111-4222-8333-944455556666';
    const res = await sandboxRequest(
      `${sandbox.authorityHost}/${UNKNOWN_TENANT_ID}/v2.0/.well-known/openid-configuration?client-request-id=${correlation}`,
    );
    expect(asJson(res).correlation_id).toBe(correlation);
    expect(String(asJson(res).error_description)).toContain(`Correlation ID: ${correlation}`);
  });

  it('injects token endpoint faults for the given number of requests, then recovers', async () => {
    const s = SCENARIOS.allGranted;
    sandbox.controls.injectFault({ target: 'token', status: 503, times: 2, retryAfterSeconds: 7 });
    const first = await token(s.tenantId, s.clientId, s.clientSecret);
    const second = await token(s.tenantId, s.clientId, s.clientSecret);
    const third = await token(s.tenantId, s.clientId, s.clientSecret);
    expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
    expect(first.headers['retry-after']).toBe('7');
    expect(asJson(first).error).toBe('temporarily_unavailable');
  });

  it('injects discovery faults', async () => {
    sandbox.controls.injectFault({ target: 'discovery', status: 500 });
    const url = `${sandbox.authorityHost}/${DEMO.tenantDomain}/v2.0/.well-known/openid-configuration`;
    expect((await sandboxRequest(url)).status).toBe(500);
    expect((await sandboxRequest(url)).status).toBe(400); // the demo tenant is not in the scenario fixture
  });

  it('logs requests without query strings', async () => {
    await sandboxRequest(
      `${sandbox.authorityHost}/${SCENARIOS.allGranted.tenantId}/v2.0/.well-known/openid-configuration?x=1`,
    );
    const log = sandbox.controls.requestLog();
    expect(log).toHaveLength(1);
    expect(log[0]).toEqual(
      expect.objectContaining({
        host: 'login',
        method: 'GET',
        status: 200,
        path: `/${SCENARIOS.allGranted.tenantId}/v2.0/.well-known/openid-configuration`,
      }),
    );
  });
});
