import { ConfidentialClientApplication, CryptoProvider } from '@azure/msal-node';
import { realpathSync } from 'fs';
import { sandboxRequest, tokenForm } from '../../tools/sandbox-tenant/sandboxClient';
import { signInThroughSandbox } from '../../tools/sandbox-tenant/sandboxSignIn';
import { startSandboxTenant, SandboxTenant } from '../../tools/sandbox-tenant/sandboxTenant';
import {
  loadScenarioFixture,
  SCENARIO_TENANT,
  SCENARIO_USERS,
  SCENARIOS,
  SIGN_IN_APP,
} from '../../tools/sandbox-tenant/scenarios';

type Json = Record<string, unknown>;

const BOT_CALLBACK = 'http://localhost:41999/api/fix/callback';
const SCOPES = [...SIGN_IN_APP.scopes];

function claims(jwt: string): Json {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Json;
}

/**
 * The admin sign-in the bot will do, with the real @azure/msal-node against the sandbox: auth
 * code + PKCE (S256), the sign-in page, code redemption, and Entra ID's errors on the way.
 * Needs NODE_EXTRA_CA_CERTS set to the sandbox CA (npm test does this).
 */
describe('sandbox tenant: admin sign-in (authorization code + PKCE) with msal-node', () => {
  let sandbox: SandboxTenant;
  const crypto = new CryptoProvider();

  /** The msal-node configuration that works against the sandbox without Microsoft's instance discovery. */
  const msal = (tenant = 'organizations', secret: string = SIGN_IN_APP.clientSecret): ConfidentialClientApplication =>
    new ConfidentialClientApplication({
      auth: {
        clientId: SIGN_IN_APP.clientId,
        clientSecret: secret,
        authority: `${sandbox.authorityHost}/${tenant}`,
        knownAuthorities: [new URL(sandbox.authorityHost).host],
      },
    });

  async function start(
    app = msal(),
    extra: { state?: string; nonce?: string; loginHint?: string } = {},
  ): Promise<{ url: string; verifier: string }> {
    const { verifier, challenge } = await crypto.generatePkceCodes();
    const url = await app.getAuthCodeUrl({
      scopes: SCOPES,
      redirectUri: BOT_CALLBACK,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state: extra.state ?? 'state-123',
      ...(extra.nonce ? { nonce: extra.nonce } : {}),
      ...(extra.loginHint ? { loginHint: extra.loginHint } : {}),
    });
    return { url, verifier };
  }

  async function codeFor(button: string, app = msal()): Promise<{ code: string; verifier: string; location: URL }> {
    const { url, verifier } = await start(app);
    const { location } = await signInThroughSandbox(url, button);
    const code = location?.searchParams.get('code');
    if (!location || !code) throw new Error('no code in the redirect');
    return { code, verifier, location };
  }

  async function errorOf(promise: Promise<unknown>): Promise<Json> {
    const error: unknown = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (typeof error !== 'object' || error === null) throw new Error('expected a rejection');
    return error as Json;
  }

  beforeAll(async () => {
    sandbox = await startSandboxTenant({ fixture: loadScenarioFixture() });
    const trusted = process.env.NODE_EXTRA_CA_CERTS;
    if (!trusted || realpathSync(trusted) !== realpathSync(sandbox.caPath)) {
      throw new Error(`Run with NODE_EXTRA_CA_CERTS=${sandbox.caPath} (got ${trusted ?? 'nothing'})`);
    }
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.controls.clearRequestLog());

  it('signs the Global Administrator in: page → redirect → acquireTokenByCode → delegated Graph token', async () => {
    const app = msal();
    const { url, verifier } = await start(app, { nonce: 'nonce-42' });
    const page = await sandboxRequest(url);
    expect(page.status).toBe(200);
    for (const u of Object.values(SCENARIO_USERS)) expect(page.text).toContain(`>${u.signInButton}</button>`);
    expect(page.text).toContain('>Cancel</button>');

    const { location } = await signInThroughSandbox(url, SCENARIO_USERS.globalAdministrator.signInButton);
    expect(`${location?.origin}${location?.pathname}`).toBe(BOT_CALLBACK);
    expect(location?.searchParams.get('state')).toBe('state-123');
    expect(location?.searchParams.get('session_state')).toMatch(/^[0-9a-f-]{36}$/);
    const clientInfo = JSON.parse(
      Buffer.from(location?.searchParams.get('client_info') ?? '', 'base64url').toString('utf8'),
    ) as Json;
    expect(clientInfo).toEqual({ uid: SCENARIO_USERS.globalAdministrator.objectId, utid: SCENARIO_TENANT.tenantId });

    const result = await app.acquireTokenByCode({
      code: location?.searchParams.get('code') ?? '',
      scopes: SCOPES,
      redirectUri: BOT_CALLBACK,
      codeVerifier: verifier,
      nonce: 'nonce-42',
    });
    expect(result.tenantId).toBe(SCENARIO_TENANT.tenantId);
    expect(result.uniqueId).toBe(SCENARIO_USERS.globalAdministrator.objectId);
    expect(result.account?.username).toBe(SCENARIO_USERS.globalAdministrator.userPrincipalName);
    expect(result.scopes).toEqual(expect.arrayContaining(SCOPES));
    const access = claims(result.accessToken);
    expect(access).toEqual(
      expect.objectContaining({
        aud: 'https://graph.microsoft.com',
        iss: `https://sts.windows.net/${SCENARIO_TENANT.tenantId}/`,
        tid: SCENARIO_TENANT.tenantId,
        oid: SCENARIO_USERS.globalAdministrator.objectId,
        upn: SCENARIO_USERS.globalAdministrator.userPrincipalName,
        name: 'Adele Vance',
        appid: SIGN_IN_APP.clientId,
        azp: SIGN_IN_APP.clientId,
        idtyp: 'user',
        ver: '1.0',
      }),
    );
    expect(String(access.scp).split(' ')).toEqual(
      expect.arrayContaining(['Application.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All', 'openid', 'profile']),
    );
    expect(access.wids).toContain('62e90394-69f5-4237-9190-012177145e10');
    expect(access.roles).toBeUndefined();
    const id = claims(result.idToken);
    expect(id).toEqual(
      expect.objectContaining({
        aud: SIGN_IN_APP.clientId,
        tid: SCENARIO_TENANT.tenantId,
        oid: SCENARIO_USERS.globalAdministrator.objectId,
        preferred_username: SCENARIO_USERS.globalAdministrator.userPrincipalName,
        nonce: 'nonce-42',
        ver: '2.0',
      }),
    );
    const paths = sandbox.controls.requestLog().map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(paths).toEqual([
      'GET /organizations/v2.0/.well-known/openid-configuration 200',
      'GET /organizations/oauth2/v2.0/authorize 200',
      'GET /organizations/oauth2/v2.0/authorize 200',
      'POST /organizations/oauth2/v2.0/authorize 302',
      'POST /organizations/oauth2/v2.0/token 200',
    ]);
  });

  it('also works on a tenant authority, and the token belongs to the user who was picked', async () => {
    const app = msal(SCENARIO_TENANT.domain);
    const { code, verifier } = await codeFor(SCENARIO_USERS.applicationAdministrator.signInButton, app);
    const result = await app.acquireTokenByCode({
      code,
      scopes: SCOPES,
      redirectUri: BOT_CALLBACK,
      codeVerifier: verifier,
    });
    const access = claims(result.accessToken);
    expect(access.upn).toBe(SCENARIO_USERS.applicationAdministrator.userPrincipalName);
    expect(access.wids).toContain('9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3');
    expect(access.wids).not.toContain('62e90394-69f5-4237-9190-012177145e10');
  });

  it('refuses a wrong code_verifier with AADSTS501481 (invalid_grant)', async () => {
    const app = msal();
    const { code } = await codeFor(SCENARIO_USERS.globalAdministrator.signInButton, app);
    const other = await crypto.generatePkceCodes();
    const error = await errorOf(
      app.acquireTokenByCode({ code, scopes: SCOPES, redirectUri: BOT_CALLBACK, codeVerifier: other.verifier }),
    );
    expect(error.errorCode).toBe('invalid_grant');
    expect(String(error.errorMessage)).toContain('AADSTS501481');
  });

  it('refuses a replayed code with AADSTS54005', async () => {
    const app = msal();
    const { code, verifier } = await codeFor(SCENARIO_USERS.globalAdministrator.signInButton, app);
    await app.acquireTokenByCode({ code, scopes: SCOPES, redirectUri: BOT_CALLBACK, codeVerifier: verifier });
    const error = await errorOf(
      app.acquireTokenByCode({ code, scopes: SCOPES, redirectUri: BOT_CALLBACK, codeVerifier: verifier }),
    );
    expect(error.errorCode).toBe('invalid_grant');
    expect(String(error.errorMessage)).toContain('AADSTS54005');
  });

  it('refuses a code redeemed with another redirect URI, a wrong secret, or a forged code', async () => {
    const token = (fields: Record<string, string>): ReturnType<typeof sandboxRequest> =>
      sandboxRequest(`${sandbox.authorityHost}/organizations/oauth2/v2.0/token`, {
        method: 'POST',
        ...tokenForm({
          grant_type: 'authorization_code',
          client_id: SIGN_IN_APP.clientId,
          client_secret: SIGN_IN_APP.clientSecret,
          scope: SCOPES.join(' '),
          ...fields,
        }),
      });
    const first = await codeFor(SCENARIO_USERS.globalAdministrator.signInButton);
    const moved = await token({
      code: first.code,
      code_verifier: first.verifier,
      redirect_uri: 'http://localhost:1/x',
    });
    expect((moved.json() as Json).error_codes).toEqual([70000]);

    const second = await codeFor(SCENARIO_USERS.globalAdministrator.signInButton);
    const wrongSecret = await token({
      code: second.code,
      code_verifier: second.verifier,
      redirect_uri: BOT_CALLBACK,
      client_secret: SCENARIOS.allGranted.clientSecret,
    });
    expect(wrongSecret.status).toBe(401);
    expect((wrongSecret.json() as Json).error_codes).toEqual([7000215]);
    const forged = await token({ code: '1.Aforged', code_verifier: second.verifier, redirect_uri: BOT_CALLBACK });
    expect((forged.json() as Json).error).toBe('invalid_grant');
  });

  it('lets a code expire after ten minutes (AADSTS70008)', async () => {
    let at = Date.parse('2031-03-01T12:00:00Z');
    const clocked = await startSandboxTenant({ fixture: loadScenarioFixture(), now: () => new Date(at) });
    try {
      const app = new ConfidentialClientApplication({
        auth: {
          clientId: SIGN_IN_APP.clientId,
          clientSecret: SIGN_IN_APP.clientSecret,
          authority: `${clocked.authorityHost}/organizations`,
          knownAuthorities: [new URL(clocked.authorityHost).host],
        },
      });
      const { code, verifier } = await codeFor(SCENARIO_USERS.globalAdministrator.signInButton, app);
      at += 10 * 60_000 + 1;
      const late = await sandboxRequest(`${clocked.authorityHost}/organizations/oauth2/v2.0/token`, {
        method: 'POST',
        ...tokenForm({
          grant_type: 'authorization_code',
          client_id: SIGN_IN_APP.clientId,
          client_secret: SIGN_IN_APP.clientSecret,
          code,
          code_verifier: verifier,
          redirect_uri: BOT_CALLBACK,
        }),
      });
      expect((late.json() as Json).error_codes).toEqual([70008]);
    } finally {
      await clocked.stop();
    }
  });

  it('sends Cancel back as access_denied with AADSTS65004 and the state', async () => {
    const { url } = await start();
    const { location } = await signInThroughSandbox(url, 'Cancel');
    expect(location?.searchParams.get('error')).toBe('access_denied');
    expect(location?.searchParams.get('error_description')).toBe(
      'AADSTS65004: User declined to consent to access the app.',
    );
    expect(location?.searchParams.get('state')).toBe('state-123');
    expect(location?.searchParams.get('code')).toBeNull();
  });

  it('shows AADSTS50011 for an unregistered redirect URI (a localhost port is not a difference)', async () => {
    const { url } = await start();
    const wrong = new URL(url);
    wrong.searchParams.set('redirect_uri', 'http://localhost:41999/api/other/callback');
    const page = await sandboxRequest(wrong.toString());
    expect(page.status).toBe(400);
    expect(page.text).toContain('AADSTS50011');
    const elsewhere = new URL(url);
    elsewhere.searchParams.set('redirect_uri', 'https://evil.example/api/fix/callback');
    expect((await sandboxRequest(elsewhere.toString())).text).toContain('AADSTS50011');
    const otherPort = new URL(url);
    otherPort.searchParams.set('redirect_uri', 'http://localhost:5555/api/fix/callback');
    expect((await sandboxRequest(otherPort.toString())).status).toBe(200);
  });

  it('requires PKCE with S256 and a known Graph scope, answering at the redirect URI', async () => {
    const { url } = await start();
    const answer = async (change: (u: URL) => void): Promise<URL> => {
      const u = new URL(url);
      change(u);
      const res = await sandboxRequest(u.toString());
      expect(res.status).toBe(302);
      return new URL(String(res.headers.location));
    };
    const plain = await answer((u) => u.searchParams.set('code_challenge_method', 'plain'));
    expect(plain.searchParams.get('error')).toBe('invalid_request');
    expect(plain.searchParams.get('error_description')).toContain('AADSTS50149');
    expect(plain.searchParams.get('state')).toBe('state-123');
    const missing = await answer((u) => u.searchParams.delete('code_challenge'));
    expect(missing.searchParams.get('error_description')).toContain("'code_challenge'");
    const scope = await answer((u) => u.searchParams.set('scope', 'openid https://graph.microsoft.com/Nope.All'));
    expect(scope.searchParams.get('error_description')).toContain('AADSTS650053');
    const token = await answer((u) => u.searchParams.set('response_type', 'token'));
    expect(token.searchParams.get('error')).toBe('unsupported_response_type');
  });

  it('refuses a single-tenant app on /organizations (AADSTS50194) and an unknown client (AADSTS700016)', async () => {
    const { url } = await start();
    const single = new URL(url);
    single.searchParams.set('client_id', SCENARIOS.allGranted.clientId);
    expect((await sandboxRequest(single.toString())).text).toContain('AADSTS50194');
    const unknown = new URL(url);
    unknown.searchParams.set('client_id', '6a087a9c-477f-478c-8787-324a2a0f3b1e');
    expect((await sandboxRequest(unknown.toString())).text).toContain('AADSTS700016');
  });

  it('answers form_post with an auto-submitting form, and puts the login_hint account first', async () => {
    const { url } = await start(msal(), { loginHint: SCENARIO_USERS.plainUser.userPrincipalName });
    const page = await sandboxRequest(url);
    const first = /class="account">([^<]+)</.exec(page.text)?.[1];
    expect(first).toBe(SCENARIO_USERS.plainUser.signInButton);
    const posted = new URL(url);
    posted.searchParams.set('response_mode', 'form_post');
    const result = await signInThroughSandbox(posted.toString(), SCENARIO_USERS.plainUser.signInButton);
    expect(result.location).toBeUndefined();
    expect(result.page?.text).toContain(`action="${BOT_CALLBACK}"`);
    expect(result.page?.text).toMatch(/name="code" value="1\.A[\w-]+"/);
    expect(result.page?.text).toContain('name="state" value="state-123"');
  });
});
