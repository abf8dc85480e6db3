import { Verbs } from '../../../src/cards/verbs';
import { signInThroughSandbox } from '../../../tools/sandbox-tenant/sandboxSignIn';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { SCENARIO_USERS, SCENARIOS, SIGN_IN_APP } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, invokeCard, startBotHarness, type BotHarness, type CardLike } from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation, type TestConversation } from '../../helpers/teamsActivities';

/**
 * Fix it for me end to end through the real bot and the real msal-node: the preview card's
 * Sign in and apply link → /api/fix/start → the sandbox's sign-in page → /api/fix/callback with
 * the code → Graph writes → the status card updated in place. The bot's PUBLIC_URL is the sign-in
 * app's registered one (http://localhost:3978); the test plays the browser and sends those
 * addresses to the bot's real port.
 */
const PUBLIC_URL = 'http://localhost:3978';
let sandbox: SandboxTenant;
let bot: BotHarness;
const logs: string[] = [];

beforeAll(async () => {
  sandbox = await startSandboxTenant({ fixture: demoAndScenarios(), replicationDelayMs: 0 });
  bot = await startBotHarness({
    sandbox,
    env: {
      ADMIN_SIGNIN_CLIENT_ID: SIGN_IN_APP.clientId,
      ADMIN_SIGNIN_CLIENT_SECRET: SIGN_IN_APP.clientSecret,
      PUBLIC_URL,
      LOG_LEVEL: 'info',
    },
    overrides: { logSink: (line) => logs.push(line) },
  });
});
afterAll(async () => {
  await bot.stop();
  await sandbox.stop();
});

/** The bot's own address for a link made with PUBLIC_URL. */
const toBot = (url: string | URL): string => {
  const u = new URL(url);
  return `${bot.url}${u.pathname}${u.search}`;
};

function signInLink(card: CardLike | undefined): string {
  const link = /"url":"(http:\/\/localhost:3978\/api\/fix\/start\?state=[^"]+)"/.exec(JSON.stringify(card))?.[1];
  if (!link) throw new Error(`no Sign in and apply link in ${cardText(card)}`);
  return link;
}

async function statusCardOf(conv: TestConversation, s: (typeof SCENARIOS)[keyof typeof SCENARIOS]) {
  const setup = await bot.click(conv, Verbs.submitSetup, {
    tenant: s.tenantId,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
  });
  const card = invokeCard(setup);
  const registrationId = /"registrationId":"([^"]+)"/.exec(JSON.stringify(card))?.[1] ?? '';
  return { card, registrationId };
}

async function preview(conv: TestConversation, registrationId: string): Promise<string> {
  const answer = await bot.click(conv, Verbs.fix, { registrationId }, 'status-card-1');
  return signInLink(invokeCard(answer));
}

/** Opens the start link like a browser: the bot redirects to the sign-in page. */
async function start(link: string): Promise<string> {
  const res = await fetch(toBot(link), { redirect: 'manual' });
  expect(res.status).toBe(302);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return res.headers.get('location') ?? '';
}

async function page(url: string | URL): Promise<{ status: number; text: string }> {
  const res = await fetch(toBot(url));
  return { status: res.status, text: await res.text() };
}

describe('Fix it for me: the admin sign-in through the bot', () => {
  it('a Global Administrator signs in once and the registration is repaired; the link cannot be replayed', async () => {
    const conv = conversation();
    const { card, registrationId } = await statusCardOf(conv, SCENARIOS.needsRepair);
    expect(cardText(card)).toContain('Fix it for me');
    const authorize = await start(await preview(conv, registrationId));
    const authorizeUrl = new URL(authorize);
    expect(authorizeUrl.origin).toBe(sandbox.authorityHost);
    expect(authorizeUrl.pathname).toBe(`/${SCENARIOS.needsRepair.tenantId}/oauth2/v2.0/authorize`);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/fix/callback`);

    const before = bot.connector.calls().length;
    const { location } = await signInThroughSandbox(authorize, SCENARIO_USERS.globalAdministrator.signInButton);
    if (!location) throw new Error('the sandbox did not redirect back');
    const done = await page(location);
    expect(done.status).toBe(200);
    expect(done.text).toContain('Done: go back to Teams');

    // The status card in the chat was updated in place with the proof.
    const updates = bot.connector
      .calls()
      .slice(before)
      .filter((c) => c.kind === 'update');
    const last = JSON.stringify(updates.at(-1)?.activity ?? {});
    expect(last).toContain('Fixed by admin@fabrikam-scenarios.onmicrosoft.com');
    expect(last).toContain('Ready');

    const replay = await page(location);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('expired or was already used');

    // Nothing the admin or Entra ID handed over reaches the log.
    const code = location.searchParams.get('code') ?? '';
    expect(code.length).toBeGreaterThan(10);
    expect(logs.join('\n')).not.toContain(code);
    expect(logs.join('\n')).not.toContain(location.searchParams.get('state') ?? 'no state');
    expect(logs.join('\n')).not.toMatch(/eyJ[\w-]{10,}\.eyJ/); // no token (a JWT) either
    expect(logs.join('\n')).toMatch(/"repair\.audit"/);
  });

  it('a cancelled sign-in changes nothing and says so in Teams', async () => {
    const conv = conversation();
    const { registrationId } = await statusCardOf(conv, SCENARIOS.nothingConsented);
    const authorize = await start(await preview(conv, registrationId));
    const before = bot.connector.calls().length;
    const { location } = await signInThroughSandbox(authorize, 'Cancel');
    if (!location) throw new Error('the sandbox did not redirect back');
    expect(location.searchParams.get('error')).toBe('access_denied');
    const answer = await page(location);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('Nothing was changed');
    const told = JSON.stringify(bot.connector.calls().slice(before));
    expect(told).toContain('Nothing was changed');
  });

  it('an Application Administrator gets what their role allows, and the rest explained by role', async () => {
    const conv = conversation();
    const { registrationId } = await statusCardOf(conv, SCENARIOS.partlyConsented);
    const authorize = await start(await preview(conv, registrationId));
    const { location } = await signInThroughSandbox(authorize, SCENARIO_USERS.applicationAdministrator.signInButton);
    if (!location) throw new Error('the sandbox did not redirect back');
    const answer = await page(location);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('Not everything could be done');
    expect(answer.text).toContain('Privileged Role Administrator or Global Administrator');
  });

  it('a plan that changed after the preview is not applied: a new preview is posted instead', async () => {
    const conv = conversation();
    const s = SCENARIOS.partlyConsented;
    const { registrationId } = await statusCardOf(conv, s);
    const authorize = await start(await preview(conv, registrationId));
    // Someone revokes a grant in the meantime: the plan the admin saw is no longer the plan.
    sandbox.controls.revokePermission(s.tenantId, s.clientId, 'User.Read', 'Delegated');
    const before = bot.connector.calls().length;
    const { location } = await signInThroughSandbox(authorize, SCENARIO_USERS.globalAdministrator.signInButton);
    if (!location) throw new Error('the sandbox did not redirect back');
    const answer = await page(location);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('The registration changed: nothing was applied');
    const told = JSON.stringify(bot.connector.calls().slice(before));
    expect(told).toContain('The registration changed since you saw the plan');
    expect(told).toContain('Grant admin consent: User.Read (Delegated)');
    expect(logs.join('\n')).toContain('"repair.plan_changed"');
  });

  it('refuses forged, missing and oversized states with a 400 page and no change', async () => {
    for (const query of [
      '',
      '?state=abc',
      `?state=${'a'.repeat(43)}.${'b'.repeat(43)}`,
      `?state=${'x'.repeat(5000)}`,
    ]) {
      for (const path of ['/api/fix/start', '/api/fix/callback']) {
        const answer = await page(`${PUBLIC_URL}${path}${query}`);
        expect(answer.status).toBe(400);
        expect(answer.text).toMatch(/not valid|expired or was already used/);
      }
    }
    const doubled = await page(`${PUBLIC_URL}/api/fix/callback?state=a&state=b&code=c`);
    expect(doubled.status).toBe(400);
  });

  it('is not there when no sign-in app is configured', async () => {
    const plain = await startBotHarness({ sandbox });
    try {
      const res = await fetch(`${plain.url}/api/fix/start?state=x`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Fix it for me is not set up here');
    } finally {
      await plain.stop();
    }
  });
});
