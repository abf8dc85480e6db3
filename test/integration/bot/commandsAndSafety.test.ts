import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Verbs } from '../../../src/cards/verbs';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { DEMO, SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, cardsIn, invokeCard, startBotHarness, textsIn, type BotHarness } from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation, messageActivity, type TestConversation } from '../../helpers/teamsActivities';

let sandbox: SandboxTenant;
let bot: BotHarness;

beforeAll(async () => {
  sandbox = await startSandboxTenant({ fixture: demoAndScenarios() });
  bot = await startBotHarness({ sandbox, env: { PUBLIC_URL: 'http://localhost:3978' } });
});
afterAll(async () => {
  await bot.stop();
  await sandbox.stop();
});

type Scenario = { tenantId: string; clientId: string; clientSecret: string };
async function register(conv: TestConversation, s: Scenario) {
  const turn = await bot.click(conv, Verbs.submitSetup, {
    tenant: s.tenantId,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
  });
  return invokeCard(turn);
}
function findAction(card: unknown, title: string): string | undefined {
  let found: string | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.OpenUrl' && n.title === title && typeof n.url === 'string') found = n.url;
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return found;
}
function registrationIdOf(card: unknown): string {
  const match = /"registrationId":"([^"]+)"/.exec(JSON.stringify(card));
  if (!match?.[1]) throw new Error('no registrationId in card');
  return match[1];
}

describe('commands', () => {
  it('help lists the commands', async () => {
    const turn = await bot.send(conversation(), 'help');
    const text = cardText(cardsIn(turn.sent));
    for (const c of ['setup', 'check', 'status', 'forget', 'help']) expect(text).toContain(c);
  });

  it('status shows the last report without a new check; check runs a new one', async () => {
    const conv = conversation();
    await register(conv, SCENARIOS.partlyConsented);
    sandbox.controls.clearRequestLog();
    const status = await bot.send(conv, 'status');
    expect(cardText(cardsIn(status.sent))).toContain('Action needed');
    expect(sandbox.controls.requestLog().length).toBe(0);
    const check = await bot.send(conv, 'check');
    expect(sandbox.controls.requestLog().length).toBeGreaterThan(0);
    const update = check.sent.find((c) => c.kind === 'update');
    expect(cardText(cardsIn([update!]))).toContain('Action needed');
  });

  it('with several registrations, status offers a picker and the pick shows that one', async () => {
    const conv = conversation();
    await register(conv, SCENARIOS.allGranted);
    await register(conv, SCENARIOS.extraPermissions);
    const status = await bot.send(conv, 'status');
    const picker = cardsIn(status.sent)[0];
    expect(cardText(picker)).toContain(SCENARIOS.allGranted.displayName);
    expect(cardText(picker)).toContain(SCENARIOS.extraPermissions.displayName);
    const byName = await bot.send(conv, 'status extra permissions');
    const card = cardsIn(byName.sent)[0];
    expect(cardText(card)).toContain('Mail.Read');
    const pick = await bot.click(conv, Verbs.pickRegistration, {
      registrationId: registrationIdOf(card),
      purpose: 'status',
    });
    expect(cardText(invokeCard(pick))).toContain(SCENARIOS.extraPermissions.displayName);
  });

  it('Retest updates the card in place: after consent in the sandbox it turns Ready', async () => {
    const conv = conversation();
    const before = await register(conv, SCENARIOS.noRedirectUri);
    expect(cardText(before)).toContain('Action needed');
    sandbox.controls.grantAdminConsent(SCENARIOS.noRedirectUri.tenantId, SCENARIOS.noRedirectUri.clientId);
    const retest = await bot.click(conv, Verbs.retest, { registrationId: registrationIdOf(before) });
    expect(cardText(invokeCard(retest))).toContain('Ready');
  });

  it('forget asks to confirm, then deletes the registration and its sealed secret', async () => {
    const conv = conversation();
    const card = await register(conv, SCENARIOS.secretExpiringSoon);
    const id = registrationIdOf(card);
    const ask = await bot.send(conv, 'forget');
    expect(cardText(cardsIn(ask.sent))).toMatch(/forget|delete/i);
    const done = await bot.click(conv, Verbs.forgetConfirm, { registrationId: id });
    expect(cardText(invokeCard(done))).toMatch(/Forgotten/);
    expect(await bot.runtime.store.getRegistration(id)).toBeUndefined();
    const status = await bot.send(conv, 'status');
    expect(cardText(cardsIn(status.sent))).toMatch(/No registration yet/);
  });

  it('another user cannot act on my registration', async () => {
    const mine = conversation();
    const card = await register(mine, SCENARIOS.allGranted);
    const other = conversation();
    const turn = await bot.click(other, Verbs.forgetConfirm, { registrationId: registrationIdOf(card) });
    expect(cardText(invokeCard(turn))).toMatch(/not found/i);
    expect(await bot.runtime.store.getRegistration(registrationIdOf(card))).toBeDefined();
  });
});

describe('safety', () => {
  it('a secret pasted in a channel is not stored and the user is told to rotate it, without quoting it', async () => {
    const conv = conversation({ scope: 'channel' });
    const turn = await bot.send(conv, `here is the secret ${SCENARIOS.allGranted.clientSecret}`);
    const text = cardText(cardsIn(turn.sent));
    expect(text).toMatch(/rotate/i);
    expect(JSON.stringify(turn.sent)).not.toContain(SCENARIOS.allGranted.clientSecret);
    expect(JSON.stringify(turn.sent)).not.toContain(SCENARIOS.allGranted.clientSecret.slice(0, 12));
  });

  it('"setup" in a group chat points to the personal chat; in local mode it says where that is in the playground', async () => {
    const turn = await bot.send(conversation({ scope: 'groupChat' }), 'setup');
    const text = cardText(cardsIn(turn.sent));
    expect(text).toMatch(/Let's do that in private/);
    expect(text).toMatch(/Personal Chat.*Microsoft 365 Agents Playground/);
    // No link that only opens the Teams home page.
    expect(JSON.stringify(turn.sent)).not.toContain('https://teams.microsoft.com');
  });

  it('a setup form submitted in a group chat is refused and nothing is stored', async () => {
    const conv = conversation({ scope: 'groupChat' });
    const turn = await bot.click(conv, Verbs.submitSetup, {
      tenant: DEMO.tenantId,
      clientId: DEMO.clientId,
      clientSecret: DEMO.clientSecret,
    });
    expect(cardText(invokeCard(turn))).toMatch(/personal chat/i);
    expect(await bot.runtime.deps.registrations.list(conv.userAadId)).toHaveLength(0);
  });

  it('card submits with unknown verbs, extra fields, wrong types or huge strings get a clear answer', async () => {
    const conv = conversation();
    const unknown = await bot.click(conv, 'do.something.else', {});
    expect(cardText(invokeCard(unknown))).toMatch(/not one I know|Unknown/i);
    const extra = await bot.click(conv, Verbs.retest, { registrationId: 'x', admin: 'true' });
    expect(cardText(invokeCard(extra))).toMatch(/unexpected field "admin"/);
    const wrongType = await bot.click(conv, Verbs.retest, { registrationId: 42 });
    expect(cardText(invokeCard(wrongType))).toMatch(/must be text/);
    const huge = await bot.click(conv, Verbs.submitSetup, {
      tenant: 'a'.repeat(100_000),
      clientId: DEMO.clientId,
      clientSecret: DEMO.clientSecret,
    });
    expect(cardText(invokeCard(huge))).toMatch(/too long/);
  });

  it.each(['__proto__', 'constructor', 'toString'])(
    'a verb named like an object built-in (%s) is an unknown button, not a crash',
    async (verb) => {
      const turn = await bot.click(conversation(), verb, {});
      expect(turn.status).toBe(200);
      const card = invokeCard(turn);
      expect(cardText(card)).toMatch(/Unknown button/);
      expect(cardText(card)).not.toMatch(/went wrong/);
    },
  );

  it('an activity Teams re-sends (same id, unacknowledged after 15 s) is handled once', async () => {
    const conv = conversation();
    const activity = messageActivity(conv, bot.connector.serviceUrl, 'help');
    const first = await bot.post(activity);
    const again = await bot.post(activity);
    expect(cardsIn(first.sent)).toHaveLength(1);
    expect(again.sent).toHaveLength(0);
  });

  it('a body that is not an activity is rejected at the edge', async () => {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '[1,2]',
    });
    expect(response.status).toBe(400);
  });

  it('the sealed secret is not readable in the data directory', async () => {
    const conv = conversation();
    await register(conv, SCENARIOS.longLivedSecret);
    const files = readdirSync(bot.dataDir).map((f) => readFileSync(path.join(bot.dataDir, f)).toString('latin1'));
    for (const content of files) expect(content).not.toContain(SCENARIOS.longLivedSecret.clientSecret);
  });
});

describe('access policy', () => {
  it('refuses a tenant that is not allowed and stores nothing', async () => {
    const strict = await startBotHarness({ sandbox, env: { ALLOWED_TENANTS: '99999999-9999-4999-8999-999999999999' } });
    try {
      const conv = conversation();
      const turn = await strict.send(conv, 'help');
      expect(textsIn(turn.sent).join('\n')).toMatch(/not available/);
      expect(await strict.runtime.store.getConversation(conv.id)).toBeUndefined();
      const click = await strict.click(conv, Verbs.submitSetup, {
        tenant: DEMO.tenantId,
        clientId: DEMO.clientId,
        clientSecret: DEMO.clientSecret,
      });
      expect(JSON.stringify(click.body)).toMatch(/not available/);
      expect(await strict.runtime.deps.registrations.list(conv.userAadId)).toHaveLength(0);
    } finally {
      await strict.stop();
    }
  });
});

describe('consent link for an app without any redirect URI', () => {
  it('points Grant admin consent at the portal, because Entra ID would refuse the link (AADSTS500113)', async () => {
    const conv = conversation();
    // Another test grants this app everything; make sure something is missing again.
    sandbox.controls.revokePermission(
      SCENARIOS.noRedirectUri.tenantId,
      SCENARIOS.noRedirectUri.clientId,
      'User.Read.All',
      'Application',
    );
    const card = await register(conv, SCENARIOS.noRedirectUri);
    expect(cardText(card)).toContain('Action needed');
    expect(findAction(card, 'Grant admin consent')).toMatch(/portal\.azure\.com\/.*CallAnAPI/);
    const withReplyUrl = await register(conversation(), SCENARIOS.partlyConsented);
    expect(findAction(withReplyUrl, 'Grant admin consent')).toMatch(/\/adminconsent\?client_id=/);
  });
});

describe('consent callback', () => {
  it('a signed single-use state brings the admin back, and the card is re-checked and updated', async () => {
    const conv = conversation();
    const card = await register(conv, DEMO);
    const link = findAction(card, 'Grant admin consent');
    expect(link).toBeDefined();
    const url = new URL(link!);
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:3978/api/consent/callback');
    const state = url.searchParams.get('state');
    expect(state).toBeTruthy();
    sandbox.controls.grantAdminConsent(DEMO.tenantId, DEMO.clientId);
    bot.connector.clear();
    const callback = `${bot.url}/api/consent/callback?admin_consent=True&tenant=${DEMO.tenantId}&state=${encodeURIComponent(state!)}`;
    const first = await fetch(callback);
    expect(first.status).toBe(200);
    expect(await first.text()).toMatch(/consent recorded/i);
    await bot.connector.waitFor((calls) =>
      calls.some((c) => c.kind === 'update' && cardText(cardsIn([c])).includes('Ready')),
    );
    const again = await fetch(callback);
    expect(again.status).toBe(400);
    const forged = await fetch(`${bot.url}/api/consent/callback?admin_consent=True&state=abc.def`);
    expect(forged.status).toBe(400);
  });
});

describe('health', () => {
  it('/healthz answers ok while the store works, and 503 once it does not', async () => {
    const probe = await startBotHarness({ sandbox });
    try {
      const ok = await fetch(`${probe.url}/healthz`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual(expect.objectContaining({ status: 'ok', store: 'ok', localMode: true }));
      await probe.runtime.store.close();
      const down = await fetch(`${probe.url}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual(expect.objectContaining({ status: 'degraded', store: 'unreachable' }));
    } finally {
      await probe.stop().catch(() => undefined);
    }
  });
});

describe('restart', () => {
  it('a registration survives a restart: status still answers', async () => {
    const conv = conversation();
    await register(conv, SCENARIOS.allGranted);
    await bot.restart();
    const status = await bot.send(conv, 'status');
    expect(cardText(cardsIn(status.sent))).toContain('Ready');
  });
});

describe('consent follow-up across a restart', () => {
  it('a pending re-check after "I\'ve granted consent" survives a restart and still updates the card', async () => {
    const slow = await startBotHarness({ sandbox, overrides: { followUpDelaysMs: [400] } });
    try {
      const conv = conversation();
      const s = SCENARIOS.nothingConsented;
      const card = invokeCard(
        await slow.click(
          conv,
          Verbs.submitSetup,
          { tenant: s.tenantId, clientId: s.clientId, clientSecret: s.clientSecret },
          'card-1',
        ),
      );
      const id = registrationIdOf(card);
      await slow.click(conv, Verbs.consentGranted, { registrationId: id }, 'card-1');
      await slow.restart();
      slow.connector.clear();
      sandbox.controls.grantAdminConsent(s.tenantId, s.clientId);
      await slow.connector.waitFor((calls) =>
        calls.some((c) => c.kind === 'update' && c.activityId === 'card-1' && cardText(cardsIn([c])).includes('Ready')),
      );
    } finally {
      await slow.stop();
    }
  });
});
