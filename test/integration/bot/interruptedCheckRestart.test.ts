import { Verbs } from '../../../src/cards/verbs';
import type { Clock } from '../../../src/time/clock';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { cardsIn, cardText, invokeCard, startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation, messageActivity } from '../../helpers/teamsActivities';

/**
 * Issue 9 item 12 in process: the first check of a form setup hangs (Graph never answers), the
 * runtime is stopped without the check ending (as a crash would leave it) and a new runtime on the
 * same SQLite DATA_DIR starts later than any check could last. The registration is still listed,
 * the chat is told once that the check was interrupted, and Retest checks it.
 * (crashMidCheck.test.ts does the same with a real process and SIGKILL.)
 */
let sandbox: SandboxTenant;
let bot: BotHarness;

/** The wall clock moved on by `ms`: the second runtime starts "after" the first check's time limit. */
const later = (ms: number): Clock => ({ now: () => new Date(Date.now() + ms) });
/** Each restart starts 2 minutes (60 s limit + 10 s grace, and more) after the previous runtime's time. */
let offset = 0;
const restartLater = (): Promise<void> => {
  offset += 120_000;
  return bot.restart({ clock: later(offset) });
};
const interruptedNotices = (conversationId: string): number =>
  bot.connector.activities(conversationId).filter((c) => JSON.stringify(c.activity).includes('was interrupted')).length;

beforeAll(async () => {
  sandbox = await startSandboxTenant({ fixture: demoAndScenarios() });
  bot = await startBotHarness({ sandbox, env: { CHECK_TIMEOUT: '60s' }, overrides: { invokeBudgetMs: 300 } });
});
afterAll(async () => {
  await bot.stop();
  await sandbox.stop();
});

it('keeps the registration through a restart mid first check, says so in the chat once, and Retest checks it', async () => {
  const s = SCENARIOS.allGranted;
  const conv = conversation();
  sandbox.controls.setMode('graph', 'hang');
  const submitted = await bot.click(conv, Verbs.submitSetup, {
    tenant: s.tenantId,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
  });
  expect(submitted.status).toBe(200);
  expect(cardText(invokeCard(submitted))).not.toContain('Ready');

  // Saved and sealed before the check answered, with a marker naming this chat.
  const [saved, ...others] = await bot.runtime.store.listRegistrations(conv.userAadId);
  expect(others).toEqual([]);
  expect(saved).toMatchObject({ clientId: s.clientId, tenantInput: s.tenantId });
  expect(saved?.lastResult).toBeUndefined();
  expect(JSON.stringify(saved)).not.toContain(s.clientSecret);
  const registrationId = saved?.id ?? '';
  expect(await bot.runtime.store.getKv('checking', registrationId)).toMatchObject({ ownerId: conv.userAadId });

  bot.connector.clear();
  await restartLater();
  sandbox.controls.setMode('graph', 'ok');
  await bot.connector.waitFor((calls) =>
    calls.some((c) => c.conversationId === conv.id && JSON.stringify(c.activity).includes('was interrupted')),
  );
  const told = cardsIn(bot.connector.activities(conv.id));
  expect(told).toHaveLength(1);
  const text = cardText(told[0]);
  expect(text).toContain(`The check of ${s.clientId} was interrupted`);
  expect(text).toContain('Nothing you typed was lost');
  expect(text).toContain('Retest');
  expect(JSON.stringify(told[0])).toContain(`"registrationId":"${registrationId}"`);
  expect(JSON.stringify(told[0])).not.toContain(s.clientSecret);
  expect(await bot.runtime.store.getKv('checking', registrationId)).toBeUndefined();

  // Still listed after the restart.
  const status = await bot.send(conv, 'status');
  expect(cardText(cardsIn(status.sent))).toContain(s.clientId);

  const retest = cardText(invokeCard(await bot.click(conv, Verbs.retest, { registrationId })));
  expect(retest).toContain('Ready');
  expect((await bot.runtime.store.getRegistration(registrationId))?.lastResult?.kind).toBe('report');

  // Told once: another restart finds no marker and says nothing more.
  bot.connector.clear();
  await restartLater();
  await bot.send(conv, 'help'); // a turn, so the restart's resume has had its chance
  expect(interruptedNotices(conv.id)).toBe(0);
}, 60_000);

it('values typed in one chat message are kept through a restart mid check, and the chat is told', async () => {
  const s = SCENARIOS.partlyConsented;
  const conv = conversation();
  sandbox.controls.setMode('graph', 'hang');
  // The typed path answers the turn only after the check: the "crash" cuts the turn short.
  const abort = new AbortController();
  const turn = fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(
      messageActivity(
        conv,
        bot.connector.serviceUrl,
        `Tenant: ${s.tenantId}\nClient ID: ${s.clientId}\nSecret: ${s.clientSecret}`,
      ),
    ),
    signal: abort.signal,
  }).catch(() => undefined);
  let [saved] = await bot.runtime.store.listRegistrations(conv.userAadId);
  for (let i = 0; i < 100 && !saved; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    [saved] = await bot.runtime.store.listRegistrations(conv.userAadId);
  }
  abort.abort();
  await turn;
  expect(saved).toMatchObject({ clientId: s.clientId });

  bot.connector.clear();
  await restartLater();
  sandbox.controls.setMode('graph', 'ok');
  await bot.connector.waitFor((calls) =>
    calls.some((c) => c.conversationId === conv.id && JSON.stringify(c.activity).includes('was interrupted')),
  );
  expect(interruptedNotices(conv.id)).toBe(1);
  expect(JSON.stringify(bot.connector.activities(conv.id))).not.toContain(s.clientSecret);
  const retest = cardText(invokeCard(await bot.click(conv, Verbs.retest, { registrationId: saved?.id })));
  expect(retest).toContain('Action needed');
}, 60_000);

it('says nothing after a restart about a registration forgotten while its first check ran', async () => {
  const s = SCENARIOS.allGranted;
  const conv = conversation();
  sandbox.controls.setMode('graph', 'hang');
  await bot.click(conv, Verbs.submitSetup, { tenant: s.tenantId, clientId: s.clientId, clientSecret: s.clientSecret });
  const [saved] = await bot.runtime.store.listRegistrations(conv.userAadId);
  const registrationId = saved?.id ?? '';
  expect(await bot.runtime.store.getKv('checking', registrationId)).toBeDefined();
  await bot.runtime.store.deleteRegistration(registrationId, conv.userAadId); // what forget does

  bot.connector.clear();
  await restartLater();
  sandbox.controls.setMode('graph', 'ok');
  await bot.send(conv, 'help');
  // The marker was taken (so no later instance tells either), but nothing was posted.
  for (let i = 0; i < 50 && (await bot.runtime.store.getKv('checking', registrationId)); i += 1)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await bot.runtime.store.getKv('checking', registrationId)).toBeUndefined();
  expect(interruptedNotices(conv.id)).toBe(0);
}, 60_000);

describe('a first check cut short by another instance', () => {
  it('is told by an instance that kept running, at its next sweep round', async () => {
    const sandbox = await startSandboxTenant({ fixture: demoAndScenarios() });
    const bot = await startBotHarness({ sandbox, env: { REMINDER_SWEEP_INTERVAL: '1s' } });
    try {
      const conv = conversation();
      await bot.send(conv, 'help'); // the personal chat's reference is stored
      const startedAt = new Date(Date.now() - 60 * 60_000).toISOString();
      // What an instance that died mid-check left behind: the early copy and its marker.
      await bot.runtime.store.saveRegistration({
        id: 'reg-from-the-dead',
        ownerId: conv.userAadId,
        ownerTenantId: conv.tenantId,
        label: SCENARIOS.allGranted.clientId,
        tenantInput: SCENARIOS.allGranted.tenantId,
        tenantId: SCENARIOS.allGranted.tenantId,
        clientId: SCENARIOS.allGranted.clientId,
        sealedSecret: 'v1.not-needed-for-the-notice',
        secretHint: 'abc',
        createdAt: startedAt,
        updatedAt: startedAt,
      });
      await bot.runtime.store.putKv('checking', 'reg-from-the-dead', {
        value: {
          registrationId: 'reg-from-the-dead',
          ownerId: conv.userAadId,
          conversationKey: conv.id,
          label: SCENARIOS.allGranted.clientId,
          startedAt,
        },
      });
      await bot.connector.waitFor(
        (calls) =>
          calls.some((c) => c.conversationId === conv.id && JSON.stringify(c.activity).includes('was interrupted')),
        15_000,
      );
      expect(await bot.runtime.store.getKv('checking', 'reg-from-the-dead')).toBeUndefined();
    } finally {
      await bot.stop();
      await sandbox.stop();
    }
  });
});
