import { Verbs } from '../../../src/cards/verbs';
import type { Clock } from '../../../src/time/clock';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { cardsIn, cardText, invokeCard, startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation } from '../../helpers/teamsActivities';

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
  await bot.restart({ clock: later(120_000) }); // 60 s limit + 10 s grace are over
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
  await bot.restart({ clock: later(240_000) });
  await bot.send(conv, 'help'); // a turn, so the restart's resume has had its chance
  expect(JSON.stringify(bot.connector.activities(conv.id))).not.toContain('was interrupted');
}, 60_000);
