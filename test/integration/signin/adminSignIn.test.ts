import { randomBytes } from 'node:crypto';
import { createLogger } from '../../../src/log/logger';
import type { FixHandlers, FixRequest } from '../../../src/repair/fixRequest';
import type { SignedInAdmin } from '../../../src/repair/repairOutcome';
import { createAdminSignIn, type AdminSignIn } from '../../../src/signin/adminSignIn';
import { createFixRoutes, type FixRouteAnswer } from '../../../src/signin/fixRoutes';
import { createFixStates } from '../../../src/signin/fixStates';
import { createMemoryStore } from '../../../src/store/memoryStore';
import { createSealer } from '../../../src/store/sealing';
import { createFakeClock } from '../../../src/time/clock';
import { signInThroughSandbox } from '../../../tools/sandbox-tenant/sandboxSignIn';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import {
  DEMO,
  DEMO_USERS,
  SCENARIO_TENANT,
  SCENARIO_USERS,
  SIGN_IN_APP,
} from '../../../tools/sandbox-tenant/scenarios';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';

/**
 * The admin sign-in modules (fix states, the msal-node boundary and the two routes) with the REAL
 * @azure/msal-node against the sandbox tenant; the fix flow is replaced by a recording FixHandlers.
 * The bot's HTTP layer around these routes is covered by fixSignIn.test.ts.
 */
const PUBLIC_URL = 'http://localhost:3978';
const GA = SCENARIO_USERS.globalAdministrator;

let sandbox: SandboxTenant;
beforeAll(async () => {
  sandbox = await startSandboxTenant({ fixture: demoAndScenarios(), replicationDelayMs: 0 });
});
afterAll(async () => {
  await sandbox.stop();
});

type Call =
  | { kind: 'signedIn'; request: FixRequest; admin: SignedInAdmin; token: string }
  | { kind: 'notApplied'; request: FixRequest; reason: string };

function request(requestedBy: FixRequest['requestedBy'] = { teamsUserId: '29:adele' }): FixRequest {
  return {
    registrationId: `reg-${randomBytes(4).toString('hex')}`,
    tenantId: SCENARIO_TENANT.tenantId,
    requestedBy,
    planHash: 'plan-hash',
    conversationKey: 'a:chat',
  };
}

/** The modules wired as in runtime.ts, over a memory store, a fake clock and a collected log. */
function world(wrapSignIn: (real: AdminSignIn) => AdminSignIn = (real) => real) {
  const clock = createFakeClock('2026-12-03T10:00:00.000Z');
  const logs: string[] = [];
  const calls: Call[] = [];
  const handlers: FixHandlers = {
    onSignedIn: async (req, admin, token) => {
      calls.push({ kind: 'signedIn', request: req, admin, token });
      return { status: 200, title: 'Done', message: 'Done: go back to Teams.' };
    },
    onNotApplied: async (req, reason) => {
      calls.push({ kind: 'notApplied', request: req, reason });
      return { status: 200, title: 'Nothing was changed', message: reason };
    },
  };
  const signIn = wrapSignIn(
    createAdminSignIn({
      clientId: SIGN_IN_APP.clientId,
      clientSecret: SIGN_IN_APP.clientSecret,
      authorityHost: sandbox.authorityHost,
      graphEndpoint: sandbox.graphEndpoint,
      redirectUri: SIGN_IN_APP.redirectUri,
    }),
  );
  const routes = createFixRoutes({
    states: createFixStates({
      store: createMemoryStore({ clock }),
      signingKey: randomBytes(32),
      sealer: createSealer(randomBytes(32)),
      clock,
    }),
    signIn,
    handlers,
    logger: createLogger({ level: 'debug', sink: (line) => logs.push(line), clock }),
    publicUrl: PUBLIC_URL,
  });
  return { clock, logs, calls, routes };
}

type World = ReturnType<typeof world>;

function query(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

/** Start link → /api/fix/start → the sandbox's authorize URL. */
async function authorizeUrl(w: World, req: FixRequest): Promise<URL> {
  const link = new URL(await w.routes.startLink(req));
  expect(`${link.origin}${link.pathname}`).toBe(`${PUBLIC_URL}/api/fix/start`);
  const answer = await w.routes.start(query(link));
  if (answer.kind !== 'redirect') throw new Error(`start answered a page: ${JSON.stringify(answer)}`);
  return new URL(answer.location);
}

/** The browser's trip through the sandbox's sign-in page, back at the callback address. */
async function signIn(authorize: URL, button: string): Promise<URL> {
  const { location, page } = await signInThroughSandbox(authorize.toString(), button);
  if (!location) throw new Error(`the sandbox did not redirect back: ${page?.status} ${page?.text.slice(0, 300)}`);
  expect(`${location.origin}${location.pathname}`).toBe(SIGN_IN_APP.redirectUri);
  return location;
}

const status = (answer: FixRouteAnswer): number => (answer.kind === 'page' ? answer.page.status : 302);
const EXPIRED = 'This sign-in link has expired or was already used';

function expectNothingSecretLogged(w: World, ...values: string[]): void {
  const log = w.logs.join('\n');
  expect(w.logs.length).toBeGreaterThan(0);
  for (const value of values) {
    expect(value.length).toBeGreaterThan(8);
    expect(log).not.toContain(value);
  }
  expect(log).not.toMatch(/eyJ[\w-]{10,}\.eyJ/); // no JWT of any kind
}

describe('admin sign-in for Fix it for me, with msal-node against the sandbox', () => {
  it('a Global Administrator signs in: the handlers get the admin and a token, once', async () => {
    const w = world();
    const req = request({ teamsUserId: '29:adele', objectId: GA.objectId, tenantId: SCENARIO_TENANT.tenantId });
    const authorize = await authorizeUrl(w, req);
    expect(authorize.origin).toBe(sandbox.authorityHost);
    expect(authorize.pathname).toBe(`/${SCENARIO_TENANT.tenantId}/oauth2/v2.0/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('redirect_uri')).toBe(SIGN_IN_APP.redirectUri);
    expect(authorize.searchParams.get('scope')).toContain('Application.ReadWrite.All');
    expect(authorize.searchParams.get('scope')).toContain('AppRoleAssignment.ReadWrite.All');
    expect(authorize.searchParams.get('scope')).toContain('DelegatedPermissionGrant.ReadWrite.All');

    const back = await signIn(authorize, GA.signInButton);
    const code = back.searchParams.get('code') ?? '';
    const state = back.searchParams.get('state') ?? '';
    const answer = await w.routes.callback(query(back));
    expect(answer).toEqual({ kind: 'page', page: { status: 200, title: 'Done', message: 'Done: go back to Teams.' } });
    expect(w.calls).toHaveLength(1);
    const [call] = w.calls;
    if (call?.kind !== 'signedIn') throw new Error(`expected onSignedIn, got ${JSON.stringify(call)}`);
    expect(call.request).toEqual(req);
    expect(call.admin).toMatchObject({
      tenantId: SCENARIO_TENANT.tenantId,
      objectId: GA.objectId,
      userPrincipalName: GA.userPrincipalName,
      displayName: GA.displayName,
    });
    expect(call.token.split('.')).toHaveLength(3);

    // The same redirect again (a reload, a replay): refused, the handlers are not called again.
    const replay = await w.routes.callback(query(back));
    expect(replay).toMatchObject({ kind: 'page', page: { status: 400, title: EXPIRED } });
    expect(replay.kind === 'page' && replay.page.message).toContain('It was already used');
    expect(w.calls).toHaveLength(1);

    expectNothingSecretLogged(w, code, state, call.token);
    expect(w.logs.join('\n')).toContain('"fix.signed_in"');
  });

  it('refuses a sign-in to another organisation than the registration', async () => {
    // The sandbox offers only the authority tenant's users, as Entra ID does for a tenant
    // authority; a token of another organisation is made by pointing the sign-in there.
    const w = world((real) => ({
      ...real,
      authUrl: (args) => real.authUrl({ ...args, tenantId: DEMO.tenantId }),
      redeem: (args) => real.redeem({ ...args, tenantId: DEMO.tenantId }),
    }));
    const req = request();
    const back = await signIn(await authorizeUrl(w, req), DEMO_USERS.globalAdministrator.signInButton);
    const answer = await w.routes.callback(query(back));
    expect(status(answer)).toBe(200);
    expect(w.calls).toEqual([
      {
        kind: 'notApplied',
        request: req,
        reason: expect.stringContaining('You signed in to another organisation') as unknown as string,
      },
    ]);
    expectNothingSecretLogged(w, back.searchParams.get('code') ?? '');
  });

  it('refuses someone else of the same organisation than the Teams user who asked', async () => {
    const w = world();
    const asker = SCENARIO_USERS.plainUser;
    const req = request({ teamsUserId: '29:megan', objectId: asker.objectId, tenantId: SCENARIO_TENANT.tenantId });
    const back = await signIn(await authorizeUrl(w, req), GA.signInButton);
    expect(status(await w.routes.callback(query(back)))).toBe(200);
    expect(w.calls).toHaveLength(1);
    expect(w.calls[0]).toMatchObject({ kind: 'notApplied', reason: expect.stringContaining('someone else') });
  });

  it('accepts another object id when the Teams user is of another organisation (a guest admin)', async () => {
    const w = world();
    const req = request({
      teamsUserId: '29:guest',
      objectId: DEMO_USERS.globalAdministrator.objectId,
      tenantId: DEMO.tenantId,
    });
    const back = await signIn(await authorizeUrl(w, req), GA.signInButton);
    await w.routes.callback(query(back));
    expect(w.calls).toMatchObject([{ kind: 'signedIn', admin: { objectId: GA.objectId } }]);
  });

  it('a cancelled sign-in (access_denied) goes to onNotApplied in plain words', async () => {
    const w = world();
    const req = request();
    const back = await signIn(await authorizeUrl(w, req), 'Cancel');
    expect(back.searchParams.get('error')).toBe('access_denied');
    const answer = await w.routes.callback(query(back));
    expect(answer).toMatchObject({ kind: 'page', page: { status: 200, title: 'Nothing was changed' } });
    expect(w.calls).toHaveLength(1);
    expect(w.calls[0]).toMatchObject({ kind: 'notApplied', request: req });
    const reason = w.calls[0]?.kind === 'notApplied' ? w.calls[0].reason : '';
    expect(reason).toMatch(/cancelled/i);
    expect(reason).not.toContain(back.searchParams.get('error_description') ?? 'no description');
  });

  it('a code redeemed with another state (another PKCE verifier) is refused by Entra ID, in plain words', async () => {
    const w = world();
    const first = await signIn(await authorizeUrl(w, request()), GA.signInButton);
    const otherLink = new URL(await w.routes.startLink(request()));
    const code = first.searchParams.get('code') ?? '';
    await w.routes.callback({ code, state: otherLink.searchParams.get('state') ?? '' });
    expect(w.calls).toHaveLength(1);
    const [call] = w.calls;
    if (call?.kind !== 'notApplied') throw new Error(`expected onNotApplied, got ${call?.kind}`);
    expect(call.reason).toContain('PKCE check failed');
    expect(call.reason).toContain('AADSTS501481');
    expect(call.reason).not.toContain(code);
    expectNothingSecretLogged(w, code);
  });

  it('a link older than 10 minutes is refused at the start and at the callback, changing nothing', async () => {
    const w = world();
    const stale = new URL(await w.routes.startLink(request()));
    w.clock.advance(10 * 60_000 + 1);
    expect(await w.routes.start(query(stale))).toMatchObject({ page: { status: 400, title: EXPIRED } });

    // Signed in in time, but came back too late.
    const back = await signIn(await authorizeUrl(w, request()), GA.signInButton);
    w.clock.advance(10 * 60_000 + 1);
    const late = await w.routes.callback(query(back));
    expect(late).toMatchObject({ page: { status: 400, title: EXPIRED } });
    expect(late.kind === 'page' && late.page.message).toContain('older than 10 minutes');
    expect(w.calls).toEqual([]);
  });

  it('answers forged, missing and malformed parameters with a 400 and calls no handler', async () => {
    const w = world();
    const good = new URL(await w.routes.startLink(request())).searchParams.get('state') ?? '';
    const [id = ''] = good.split('.');
    const forged = [`${id}.${'A'.repeat(43)}`, 'abc', `${good}=`, 'x'.repeat(5000)];
    for (const state of forged) {
      expect(status(await w.routes.start({ state }))).toBe(400);
      expect(status(await w.routes.callback({ state, code: 'some-code' }))).toBe(400);
    }
    for (const q of [{}, { code: 'some-code' }, { state: [good, good] }, { state: { a: good } }, { state: 7 }]) {
      expect(status(await w.routes.start(q))).toBe(400);
      expect(status(await w.routes.callback(q))).toBe(400);
    }
    expect(w.calls).toEqual([]);
    // A valid state without a code or with an oversized one: refused (the chat is told), never redeemed.
    expect(status(await w.routes.callback({ state: good }))).toBe(400);
    const another = new URL(await w.routes.startLink(request())).searchParams.get('state') ?? '';
    expect(status(await w.routes.callback({ state: another, code: 'c'.repeat(5000) }))).toBe(400);
    expect(w.calls.map((c) => c.kind)).toEqual(['notApplied', 'notApplied']);
    expect(w.logs.join('\n')).not.toContain(good);
  });
});
