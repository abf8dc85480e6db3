import { requestSandboxToken, sandboxRequest, SandboxResponse } from '../../tools/sandbox-tenant/sandboxClient';
import { startSandboxTenant, SandboxTenant } from '../../tools/sandbox-tenant/sandboxTenant';
import { loadScenarioFixture, SandboxScenario, SCENARIOS } from '../../tools/sandbox-tenant/scenarios';

const CALLBACK = 'http://localhost:3978/api/consent/callback';
type Json = Record<string, unknown>;

/** A sandbox on a hand-driven clock, so replication delays pass without waiting. */
async function startWithClock(
  replicationDelayMs: number,
): Promise<{ sandbox: SandboxTenant; advance(ms: number): void }> {
  let at = Date.parse('2031-03-01T12:00:00Z');
  const sandbox = await startSandboxTenant({
    fixture: loadScenarioFixture(),
    replicationDelayMs,
    now: () => new Date(at),
  });
  return {
    sandbox,
    advance: (ms) => {
      at += ms;
    },
  };
}

function consentToken(page: SandboxResponse): string {
  const match = /name="consent_token" value="([^"]+)"/.exec(page.text);
  if (!match) throw new Error(`no consent form in page: ${page.text.slice(0, 200)}`);
  return match[1];
}

function answer(
  sandbox: SandboxTenant,
  s: SandboxScenario,
  token: string,
  action: 'accept' | 'cancel',
): Promise<SandboxResponse> {
  return sandboxRequest(`${sandbox.authorityHost}/${s.tenantId}/adminconsent`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ consent_token: token, action }).toString(),
  });
}

async function roles(sandbox: SandboxTenant, s: SandboxScenario): Promise<unknown> {
  const res = await requestSandboxToken(sandbox.authorityHost, sandbox.graphEndpoint, {
    tenant: s.tenantId,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
  });
  const token = String((res.json() as Json).access_token);
  return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Json).roles;
}

describe('sandbox tenant: admin consent page and replication', () => {
  let sandbox: SandboxTenant;
  let advance: (ms: number) => void;
  const page = (s: SandboxScenario, query: Record<string, string>): Promise<SandboxResponse> =>
    sandboxRequest(
      `${sandbox.authorityHost}/${s.tenantId}/adminconsent?${new URLSearchParams({ client_id: s.clientId, ...query }).toString()}`,
    );

  beforeAll(async () => {
    ({ sandbox, advance } = await startWithClock(60_000));
  });
  afterAll(() => sandbox.stop());

  it('shows the app and its configured permissions, marked as not Microsoft', async () => {
    const res = await page(SCENARIOS.nothingConsented, { redirect_uri: CALLBACK, state: 's1' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Sandbox tenant — not Microsoft');
    expect(res.text).toContain(SCENARIOS.nothingConsented.displayName);
    expect(res.text.match(/class="perm"/g)).toHaveLength(7);
    expect(res.text).toContain('Directory.AccessAsUser.All');
  });

  it('rejects an unregistered redirect URI with AADSTS50011', async () => {
    const res = await page(SCENARIOS.nothingConsented, { redirect_uri: 'https://evil.example/cb' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('AADSTS50011');
  });

  it('rejects any redirect URI for an app with none registered (AADSTS500113)', async () => {
    const res = await page(SCENARIOS.noRedirectUri, { redirect_uri: CALLBACK });
    expect(res.text).toContain('AADSTS500113');
  });

  it('grants on Accept, redirects with admin_consent=True, and replicates after the delay', async () => {
    const s = SCENARIOS.nothingConsented;
    const res = await answer(
      sandbox,
      s,
      consentToken(await page(s, { redirect_uri: CALLBACK, state: 'abc 123' })),
      'accept',
    );
    expect(res.status).toBe(302);
    const location = new URL(String(res.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      admin_consent: 'True',
      tenant: s.tenantId,
      state: 'abc 123',
    });
    expect(await roles(sandbox, s)).toBeUndefined();
    advance(60_001);
    expect(await roles(sandbox, s)).toEqual(['User.Read.All', 'Directory.Read.All']);
  });

  it('accepts each consent form once', async () => {
    const s = SCENARIOS.partlyConsented;
    const token = consentToken(await page(s, {}));
    expect((await answer(sandbox, s, token, 'cancel')).status).toBe(302);
    expect((await answer(sandbox, s, token, 'accept')).status).toBe(400);
  });

  it('redirects Cancel with error=access_denied and keeps the state', async () => {
    const s = SCENARIOS.partlyConsented;
    const res = await answer(
      sandbox,
      s,
      consentToken(await page(s, { redirect_uri: CALLBACK, state: 'xyz' })),
      'cancel',
    );
    const location = new URL(String(res.headers.location));
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toMatch(/^AADSTS65004/);
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(await roles(sandbox, s)).toEqual(['Directory.Read.All']);
  });

  it('without redirect URI anywhere, ends on a "return to Teams" page', async () => {
    const s = SCENARIOS.noRedirectUri;
    const res = await answer(sandbox, s, consentToken(await page(s, {})), 'accept');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Consent granted — return to Teams and click Retest');
  });

  it('creates the missing service principal on consent, so tokens work again', async () => {
    const s = SCENARIOS.noServicePrincipal;
    const before = await requestSandboxToken(sandbox.authorityHost, sandbox.graphEndpoint, {
      tenant: s.tenantId,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
    });
    expect((before.json() as Json).error_codes).toEqual([7000229]);
    sandbox.controls.grantAdminConsent(s.tenantId, s.clientId);
    expect(await roles(sandbox, s)).toBeUndefined();
    advance(60_001);
    expect(await roles(sandbox, s)).toEqual(['User.Read.All', 'Directory.Read.All']);
  });

  it('supports the v2.0 admin consent endpoint, which needs a scope', async () => {
    const s = SCENARIOS.extraPermissions;
    const base = `${sandbox.authorityHost}/${s.tenantDomain}/v2.0/adminconsent?client_id=${s.clientId}`;
    expect((await sandboxRequest(base)).text).toContain('AADSTS900144');
    const scope = 'https://graph.microsoft.com/.default';
    const shown = await sandboxRequest(`${base}&scope=${encodeURIComponent(scope)}&state=v2`);
    const token = consentToken(shown);
    const res = await sandboxRequest(`${sandbox.authorityHost}/${s.tenantDomain}/v2.0/adminconsent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ consent_token: token, action: 'accept' }).toString(),
    });
    const location = new URL(String(res.headers.location));
    expect(Object.fromEntries(location.searchParams)).toEqual({
      admin_consent: 'True',
      tenant: s.tenantId,
      scope,
      state: 'v2',
    });
  });

  it('revokes one permission through the controls', async () => {
    const s = SCENARIOS.allGranted;
    sandbox.controls.revokePermission(s.tenantDomain, s.clientId, 'User.Read.All', 'Application');
    expect(await roles(sandbox, s)).toEqual(['Directory.Read.All']);
    expect(() =>
      sandbox.controls.revokePermission(s.tenantId, s.clientId, 'No.Such.Permission', 'Application'),
    ).toThrow(/Unknown/);
  });
});

describe('sandbox tenant: HTTP controls, latency and connection modes', () => {
  let sandbox: SandboxTenant;
  const control = (path: string, body: unknown, contentType = 'application/json'): Promise<SandboxResponse> =>
    sandboxRequest(`${sandbox.authorityHost}/_sandbox/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body: JSON.stringify(body),
    });
  const discovery = (): Promise<SandboxResponse> =>
    sandboxRequest(`${sandbox.authorityHost}/${SCENARIOS.allGranted.tenantId}/v2.0/.well-known/openid-configuration`, {
      timeoutMs: 2000,
    });

  beforeAll(async () => {
    sandbox = await startSandboxTenant({ fixture: loadScenarioFixture() });
  });
  afterAll(() => sandbox.stop());

  it('takes faults and grants over HTTP, JSON only', async () => {
    expect((await control('fault', { target: 'discovery', status: 503 }, 'text/plain')).status).toBe(415);
    expect((await control('fault', { target: 'nowhere', status: 503 })).status).toBe(400);
    expect((await control('fault', { target: 'discovery', status: 503 })).status).toBe(200);
    expect((await discovery()).status).toBe(503);
    const s = SCENARIOS.nothingConsented;
    expect((await control('grant', { tenantId: s.tenantId, appId: s.clientId })).status).toBe(200);
    expect(
      (await control('grant', { tenantId: s.tenantId, appId: '00000000-0000-0000-0000-000000000000' })).status,
    ).toBe(400);
    const log = (await sandboxRequest(`${sandbox.authorityHost}/_sandbox/requests`)).json() as { requests: Json[] };
    expect(log.requests.map((r) => r.status)).toEqual([503]);
  });

  it('adds the configured latency to every request', async () => {
    sandbox.controls.setLatency(120);
    const started = performance.now();
    expect((await discovery()).status).toBe(200);
    // A lower bound only: the answer cannot come before the injected delay.
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    sandbox.controls.setLatency(0);
  });

  it('refuses connections, hangs, and recovers', async () => {
    sandbox.controls.setMode('login', 'refuse');
    await expect(discovery()).rejects.toThrow(/socket hang up|ECONNRESET/);
    sandbox.controls.setMode('login', 'hang');
    await expect(
      sandboxRequest(
        `${sandbox.authorityHost}/${SCENARIOS.allGranted.tenantId}/v2.0/.well-known/openid-configuration`,
        { timeoutMs: 300 },
      ),
    ).rejects.toThrow(/timed out/);
    sandbox.controls.setMode('login', 'ok');
    expect((await discovery()).status).toBe(200);
  });
});
