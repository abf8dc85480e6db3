import { randomBytes } from 'node:crypto';
import { createNullLogger } from '../../../src/log/logger';
import type { FixHandlers, FixRequest } from '../../../src/repair/fixRequest';
import type { SignedInAdmin } from '../../../src/repair/repairOutcome';
import type { AdminSignIn, Redeemed } from '../../../src/signin/adminSignIn';
import { createFixRoutes } from '../../../src/signin/fixRoutes';
import { createFixStates } from '../../../src/signin/fixStates';
import { createMemoryStore } from '../../../src/store/memoryStore';
import { createSealer } from '../../../src/store/sealing';
import { createFakeClock } from '../../../src/time/clock';

const TENANT = 'baf924e5-0594-463e-82e6-1a92919611d0';
const ADMIN: SignedInAdmin = {
  tenantId: TENANT,
  objectId: '5024471c-0000-4000-8000-000000000001',
  userPrincipalName: 'admin@contoso.example',
};
const REQUEST: FixRequest = {
  registrationId: 'reg-1',
  tenantId: TENANT,
  requestedBy: { teamsUserId: '29:ada', objectId: ADMIN.objectId, tenantId: TENANT },
  planHash: 'h',
  conversationKey: 'a:chat',
};

function world(redeem: Redeemed = { ok: true, accessToken: 'delegated-token', admin: ADMIN }) {
  const clock = createFakeClock('2026-12-03T10:00:00.000Z');
  const store = createMemoryStore({ clock });
  const states = createFixStates({ store, signingKey: randomBytes(32), sealer: createSealer(randomBytes(32)), clock });
  const calls: string[] = [];
  const handlers: FixHandlers = {
    onSignedIn: async (request, admin, token) => {
      calls.push(`signedIn ${request.registrationId} ${admin.objectId} ${token}`);
      return { status: 200, title: 'Done', message: 'ok' };
    },
    onNotApplied: async (request, reason) => {
      calls.push(`notApplied ${request.registrationId}: ${reason}`);
      return { status: 200, title: 'Nothing was changed', message: reason };
    },
  };
  const redeemed: string[] = [];
  const signIn: AdminSignIn = {
    pkce: async () => ({ verifier: 'v'.repeat(43), challenge: 'c' }),
    authUrl: async ({ state, tenantId }) => `https://login.example/${tenantId}/authorize?state=${state}`,
    redeem: async ({ code, codeVerifier }) => {
      redeemed.push(`${code} ${codeVerifier}`);
      return redeem;
    },
  };
  const routes = createFixRoutes({
    states,
    signIn,
    handlers,
    logger: createNullLogger(),
    publicUrl: 'https://bot.example/',
  });
  const stateOf = async (request = REQUEST): Promise<string> =>
    new URL(await routes.startLink(request)).searchParams.get('state') ?? '';
  return { clock, routes, calls, redeemed, stateOf };
}

describe('Fix it for me routes', () => {
  it('starts at the sign-in page of the registration tenant and hands the token over once', async () => {
    const w = world();
    const link = await w.routes.startLink(REQUEST);
    expect(link).toMatch(/^https:\/\/bot\.example\/api\/fix\/start\?state=[\w-]{43}\.\d{13}\.[\w-]{43}$/);
    const state = new URL(link).searchParams.get('state') ?? '';
    expect(await w.routes.start({ state })).toEqual({
      kind: 'redirect',
      location: `https://login.example/${TENANT}/authorize?state=${state}`,
    });
    expect(await w.routes.start({ state })).toMatchObject({ kind: 'redirect' }); // a second click still works
    expect(await w.routes.callback({ state, code: 'the-code' })).toMatchObject({
      page: { status: 200, title: 'Done' },
    });
    expect(w.redeemed).toEqual([`the-code ${'v'.repeat(43)}`]); // the verifier sealed at link time
    expect(w.calls).toEqual([`signedIn reg-1 ${ADMIN.objectId} delegated-token`]);
    expect(await w.routes.callback({ state, code: 'the-code' })).toMatchObject({
      page: { status: 400, title: 'This sign-in link has expired or was already used' },
    });
    expect(w.calls).toHaveLength(1);
  });

  it('refuses a state after 10 minutes, and forged ones before any lookup', async () => {
    const w = world();
    const state = await w.stateOf();
    const [id] = state.split('.');
    for (const forged of [`${id}.${'A'.repeat(43)}`, 'x', 42, ['a', 'b'], undefined, `${state}x`]) {
      expect(await w.routes.start({ state: forged })).toMatchObject({
        page: { status: 400, title: 'This sign-in link is not valid' },
      });
    }
    w.clock.advance(10 * 60_000 + 1);
    expect(await w.routes.callback({ state, code: 'c' })).toMatchObject({ page: { status: 400 } });
    expect(w.calls).toEqual([]);
  });

  it('passes a cancelled sign-in to the chat in plain words', async () => {
    const w = world();
    const state = await w.stateOf();
    const answer = await w.routes.callback({
      state,
      error: 'access_denied',
      error_description: 'AADSTS65004: User declined to consent to access the app.',
    });
    expect(answer).toMatchObject({ page: { status: 200 } });
    expect(w.calls).toEqual([
      'notApplied reg-1: The sign-in was cancelled: the permissions the bot asks for were declined. (AADSTS65004)',
    ]);
  });

  it('refuses another organisation, and another person of the same organisation', async () => {
    const elsewhere = world({
      ok: true,
      accessToken: 't',
      admin: { ...ADMIN, tenantId: '0235407c-1424-4808-9998-beb63babd4eb' },
    });
    await elsewhere.routes.callback({ state: await elsewhere.stateOf(), code: 'c' });
    expect(elsewhere.calls).toEqual([
      expect.stringMatching(/^notApplied reg-1: You signed in to another organisation/),
    ]);

    const someoneElse = world({
      ok: true,
      accessToken: 't',
      admin: { ...ADMIN, objectId: '11111111-0000-4000-8000-000000000009' },
    });
    await someoneElse.routes.callback({ state: await someoneElse.stateOf(), code: 'c' });
    expect(someoneElse.calls).toEqual([expect.stringMatching(/signed in as someone else/)]);

    // An admin of a customer organisation chats from the bot's tenant: object ids cannot be compared.
    const customer = world({
      ok: true,
      accessToken: 't',
      admin: { ...ADMIN, objectId: '22222222-0000-4000-8000-000000000009' },
    });
    const fromElsewhere = {
      ...REQUEST,
      requestedBy: { ...REQUEST.requestedBy, tenantId: '00000000-0000-0000-0000-000000000001' },
    };
    await customer.routes.callback({ state: await customer.stateOf(fromElsewhere), code: 'c' });
    expect(customer.calls).toEqual([expect.stringMatching(/^signedIn reg-1 22222222/)]);
  });

  it('answers a callback without a code or with an Entra ID refusal without changing anything', async () => {
    const w = world({
      ok: false,
      reason: 'This sign-in was already used. Start again from Fix it for me. (AADSTS54005)',
    });
    expect(await w.routes.callback({ state: await w.stateOf() })).toMatchObject({ page: { status: 400 } });
    await w.routes.callback({ state: await w.stateOf(), code: 'c' });
    expect(w.calls).toEqual([
      expect.stringMatching(/came back without a result/),
      expect.stringMatching(/already used.*AADSTS54005/),
    ]);
    expect(await w.routes.callback({ state: await w.stateOf(), code: 'x'.repeat(5000) })).toMatchObject({
      page: { status: 400 },
    });
  });
});
