import { Verbs } from '../../../src/cards/verbs';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { DEMO, SCENARIOS, WRONG_SECRET } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, cardsIn, invokeCard, startBotHarness, textsIn, type BotHarness } from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation } from '../../helpers/teamsActivities';

let sandbox: SandboxTenant;
let bot: BotHarness;

beforeAll(async () => {
  sandbox = await startSandboxTenant({ fixture: demoAndScenarios() });
  bot = await startBotHarness({ sandbox });
});
afterAll(async () => {
  await bot.stop();
  await sandbox.stop();
});

const values = (s: { tenantId: string; clientId: string; clientSecret: string }) => ({
  tenant: s.tenantId,
  clientId: s.clientId,
  clientSecret: s.clientSecret,
});

describe('guided setup in personal chat', () => {
  it('greets on install with the two steps and a Start setup button', async () => {
    const conv = conversation();
    const turn = await bot.install(conv);
    expect(turn.status).toBeLessThan(300);
    const [welcome] = cardsIn(turn.sent);
    const text = cardText(welcome);
    expect(text).toMatch(/Start setup/);
    expect(text).toMatch(/Directory\.Read\.All/);
    expect(text).toMatch(/admin consent/i);
  });

  it('form: a submit with the demo values answers with a status card listing each permission', async () => {
    const conv = conversation();
    const turn = await bot.click(conv, Verbs.submitSetup, values(DEMO));
    const card = invokeCard(turn);
    expect(card).toBeDefined();
    const text = cardText(card);
    // Before any directory-read consent Graph hides the app's name: the card names the client id.
    expect(text).toContain(DEMO.clientId);
    expect(text).toContain('Action needed');
    expect(text).toContain('Not granted');
    expect(text).toContain('Granted');
    expect(text).toContain('Retest');
    expect(text).toContain('Grant admin consent');
    expect(JSON.stringify(card)).not.toContain(DEMO.clientSecret);
  });

  it('form: invalid values come back on the form with a message per field, secret never echoed', async () => {
    const conv = conversation();
    const turn = await bot.click(conv, Verbs.submitSetup, {
      tenant: 'not a tenant!',
      clientId: '123',
      clientSecret: SCENARIOS.allGranted.secretKeyId,
    });
    const card = invokeCard(turn);
    const json = JSON.stringify(card);
    expect(json).toContain('not a tenant!');
    expect(json).not.toContain(SCENARIOS.allGranted.secretKeyId);
    expect(cardText(card)).toMatch(/Secret ID/);
  });

  it('step by step: asks each value, re-asks a bad one, then checks with a progress card updated in place', async () => {
    const conv = conversation();
    const start = await bot.send(conv, 'setup');
    expect(cardsIn(start.sent)).toHaveLength(1);
    expect(textsIn(start.sent)).toEqual([]);
    expect(cardText(cardsIn(start.sent)[0])).toMatch(/Reply here with the Directory \(tenant\) ID/);
    const step2 = await bot.send(conv, SCENARIOS.allGranted.tenantId);
    expect(textsIn(step2.sent).join('\n')).toMatch(/Step 2 of 3/);
    const bad = await bot.send(conv, 'my-app');
    const badText = textsIn(bad.sent).join('\n');
    expect(badText).toMatch(/Application \(client\) ID/);
    expect(badText).toMatch(/Step 2 of 3/);
    const step3 = await bot.send(conv, SCENARIOS.allGranted.clientId);
    expect(textsIn(step3.sent).join('\n')).toMatch(/Step 3 of 3/);
    expect(cardsIn(step3.sent).length).toBe(1);
    const done = await bot.send(conv, SCENARIOS.allGranted.clientSecret);
    const progress = done.sent.find((c) => c.kind !== 'update' && cardText(cardsIn([c])[0]).match(/Checking/));
    expect(progress).toBeDefined();
    const update = done.sent.find((c) => c.kind === 'update');
    expect(update).toBeDefined();
    expect(cardText(cardsIn([update!])[0])).toContain('Ready');
    expect(JSON.stringify(done.sent)).not.toContain(SCENARIOS.allGranted.clientSecret);
  });

  it('accepts all three values pasted in one message', async () => {
    const conv = conversation();
    const s = SCENARIOS.partlyConsented;
    const turn = await bot.send(conv, `Tenant: ${s.tenantId}\nClient ID: ${s.clientId}\nSecret: ${s.clientSecret}`);
    const update = turn.sent.find((c) => c.kind === 'update');
    expect(cardText(cardsIn([update!])[0])).toContain('Action needed');
  });

  it('cancel leaves the flow and nothing is stored', async () => {
    const conv = conversation();
    await bot.send(conv, 'setup');
    await bot.send(conv, SCENARIOS.allGranted.tenantId);
    const cancel = await bot.send(conv, 'cancel');
    expect(textsIn(cancel.sent).join('\n')).toMatch(/cancelled/i);
    const status = await bot.send(conv, 'status');
    expect(cardText(cardsIn(status.sent)[0])).toMatch(/No registration yet/);
  });

  it('a wrong secret is explained, not stored, and the secret step is asked again', async () => {
    const conv = conversation();
    const s = SCENARIOS.allGranted;
    const turn = await bot.send(conv, `tenant ${s.tenantId} client ${s.clientId} secret ${WRONG_SECRET}`);
    const all = cardText(cardsIn(turn.sent)) + textsIn(turn.sent).join('\n');
    expect(all).toMatch(/secret/i);
    expect(all).toMatch(/7000215/);
    expect(textsIn(turn.sent).join('\n')).toMatch(/client secret Value/);
    const status = await bot.send(conv, 'status');
    expect(cardText(cardsIn(status.sent)[0])).toMatch(/No registration yet/);
    const retry = await bot.send(conv, s.clientSecret);
    const update = retry.sent.find((c) => c.kind === 'update');
    expect(cardText(cardsIn([update!])[0])).toContain('Ready');
  });

  it('the Secret ID pasted instead of the value is recognised before any network call', async () => {
    const conv = conversation();
    sandbox.controls.clearRequestLog();
    await bot.send(conv, 'setup');
    await bot.send(conv, SCENARIOS.allGranted.tenantId);
    await bot.send(conv, SCENARIOS.allGranted.clientId);
    const turn = await bot.send(conv, SCENARIOS.allGranted.secretKeyId);
    expect(textsIn(turn.sent).join('\n')).toMatch(/Secret ID/);
    expect(sandbox.controls.requestLog().length).toBe(0);
  });

  it.each([
    [
      'unknown tenant',
      {
        tenant: '0235407c-1424-4808-9998-beb63babd4eb',
        clientId: SCENARIOS.allGranted.clientId,
        clientSecret: SCENARIOS.allGranted.clientSecret,
      },
      /tenant/i,
    ],
    [
      'app not found',
      {
        tenant: SCENARIOS.allGranted.tenantId,
        clientId: '6a087a9c-477f-478c-8787-324a2a0f3b1e',
        clientSecret: SCENARIOS.allGranted.clientSecret,
      },
      /700016|not found/i,
    ],
    ['expired secret', values(SCENARIOS.expiredSecret), /expired/i],
  ])('explains %s in plain words, without a stack trace', async (_name, input, pattern) => {
    const conv = conversation();
    const turn = await bot.click(conv, Verbs.submitSetup, input);
    const text = cardText(invokeCard(turn));
    expect(text).toMatch(pattern);
    expect(text).not.toMatch(/at .*\.js:\d+/);
  });
});
