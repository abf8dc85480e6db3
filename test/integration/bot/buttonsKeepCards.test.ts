import { Verbs } from '../../../src/cards/verbs';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { DEMO } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, cardsIn, invokeCard, startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation } from '../../helpers/teamsActivities';

/** A button that answers with information posts a new message and leaves its card as it was. */
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

describe('buttons keep the card they sit on', () => {
  it('"Remind a channel" posts how-to as a new message and the status card stays a status card', async () => {
    const conv = conversation();
    await bot.click(conv, Verbs.submitSetup, {
      tenant: DEMO.tenantId,
      clientId: DEMO.clientId,
      clientSecret: DEMO.clientSecret,
    });
    const [registration] = await bot.runtime.store.listRegistrations(conv.userAadId);
    expect(registration).toBeDefined();

    const turn = await bot.click(conv, Verbs.remindChannel, { registrationId: registration?.id });
    const answer = cardText(invokeCard(turn));
    expect(answer).toContain('Retest');
    expect(answer).toContain(DEMO.clientId);
    expect(answer).not.toMatch(/remind here/);

    const posted = cardsIn(turn.sent).map(cardText);
    expect(posted.some((t) => /remind here/.test(t))).toBe(true);
  });

  it('the help card in a channel offers no "Start setup" button (setup works only in personal chat)', async () => {
    const turn = await bot.send(conversation({ scope: 'channel' }), 'help');
    const [help] = cardsIn(turn.sent);
    expect(cardText(help)).toMatch(/What I can do/);
    expect(JSON.stringify(help)).not.toContain(Verbs.startSetup);
  });

  it('the help card in personal chat still offers "Start setup"', async () => {
    const turn = await bot.send(conversation(), 'help');
    const [help] = cardsIn(turn.sent);
    expect(JSON.stringify(help)).toContain(Verbs.startSetup);
  });
});
