import { Verbs } from '../../../src/cards/verbs';
import { createFakeClock } from '../../../src/time/clock';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, cardsIn, invokeCard, startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation } from '../../helpers/teamsActivities';
import { validateCard } from '../../helpers/validateCard';

const DAY = 86_400_000;
const clock = createFakeClock(Date.now());
let sandbox: SandboxTenant;
let bot: BotHarness;

beforeAll(async () => {
  sandbox = await startSandboxTenant({ fixture: demoAndScenarios() });
  bot = await startBotHarness({ sandbox, overrides: { clock } });
});
afterAll(async () => {
  await bot.stop();
  await sandbox.stop();
});

describe('consent drift through the sandbox tenant', () => {
  it('a revoked grant found by the daily re-check posts exactly one drift card to the subscribed channel', async () => {
    const app = SCENARIOS.allGranted;
    const personal = conversation();
    const status = await bot.click(personal, Verbs.submitSetup, {
      tenant: app.tenantId,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
    });
    expect(cardText(invokeCard(status))).toContain('Ready');
    const channel = conversation({ scope: 'channel', userAadId: personal.userAadId });
    const channelId = channel.id.split(';')[0] ?? channel.id;
    await bot.send(channel, 'remind here');

    bot.connector.clear();
    await bot.runtime.reminderSweep.runOnce();
    expect(bot.connector.activities(channelId)).toHaveLength(0); // about 170 days left: nothing to say yet

    sandbox.controls.revokePermission(app.tenantId, app.clientId, 'User.Read.All', 'Application');
    clock.advance(DAY + 60_000);
    sandbox.controls.clearRequestLog();
    const summary = await bot.runtime.reminderSweep.runOnce();
    expect(summary.rechecked).toBe(1);
    expect(sandbox.controls.requestLog().length).toBeGreaterThan(0);
    const posts = bot.connector.activities(channelId);
    expect(posts).toHaveLength(1);
    const card = cardsIn(posts)[0];
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('access changed');
    expect(text).toMatch(/User\.Read\.All.*Application.*Granted → .*Not granted/s);

    clock.advance(DAY + 60_000);
    expect((await bot.runtime.reminderSweep.runOnce()).rechecked).toBe(1);
    expect(bot.connector.activities(channelId)).toHaveLength(1);
  });
});
