import { Verbs } from '../../../src/cards/verbs';
import { requireFullStore } from '../../../src/store/store';
import { createSubscriptions } from '../../../src/reminders/subscriptions';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import {
  cardText,
  cardsIn,
  invokeCard,
  startBotHarness,
  type BotHarness,
  type CardLike,
} from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { BOT_ACCOUNT, conversation, messageActivity, type TestConversation } from '../../helpers/teamsActivities';
import { validateCard } from '../../helpers/validateCard';

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

type Scenario = { tenantId: string; clientId: string; clientSecret: string };
async function register(conv: TestConversation, s: Scenario): Promise<void> {
  const turn = await bot.click(conv, Verbs.submitSetup, {
    tenant: s.tenantId,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
  });
  expect(invokeCard(turn)).toBeDefined();
}

/** A personal chat with registrations, and a channel where the same person talks. */
async function adminWith(scenarios: Scenario[], channelOptions: Partial<TestConversation> = {}) {
  const personal = conversation();
  for (const s of scenarios) await register(personal, s);
  const channel = conversation({
    scope: 'channel',
    userAadId: personal.userAadId,
    userName: personal.userName,
    ...channelOptions,
  });
  return { personal, channel, channelId: channel.id.split(';')[0] ?? channel.id };
}

function dataOf(card: CardLike | undefined, verb: string): Record<string, string> {
  const json = JSON.stringify(card);
  const match = new RegExp(`"data":(\\{[^}]*"verb":"${verb.replace('.', '\\.')}"[^}]*\\})`).exec(json);
  if (!match?.[1]) throw new Error(`no ${verb} action in card`);
  const { verb: _verb, ...data } = JSON.parse(match[1]) as Record<string, string>;
  return data;
}

describe('reminders in a channel, end to end through the bot', () => {
  it('"remind here" subscribes the channel, then a sweep posts the reminder card there as a new post', async () => {
    const { channel, channelId } = await adminWith([SCENARIOS.secretExpiringSoon], { timeZone: 'Europe/Berlin' });
    const turn = await bot.send(channel, 'remind here');
    const confirmation = cardText(cardsIn(turn.sent));
    expect(confirmation).toContain('Reminders on for Scenario: secret expiring soon');
    expect(confirmation).toContain('(Europe/Berlin)');

    bot.connector.clear();
    const summary = await bot.runtime.reminderSweep.runOnce();
    expect(summary.sent).toBe(1);
    const posts = bot.connector.activities(channelId);
    expect(posts.map((p) => p.kind)).toEqual(['send']);
    const card = cardsIn(posts)[0];
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toMatch(/expires in [45] days/);
    expect(text).toContain('Scenario: secret expiring soon');
    expect(text).toContain('(Europe/Berlin)');
    expect(text).toContain('Open Certificates & secrets');
    expect(JSON.stringify(card)).not.toContain(SCENARIOS.secretExpiringSoon.clientSecret);

    await bot.runtime.reminderSweep.runOnce();
    expect(bot.connector.activities(channelId)).toHaveLength(1);
  });

  it('reminder card buttons update the card in place for everyone', async () => {
    const { channel, channelId } = await adminWith([SCENARIOS.secretExpiringSoon]);
    await bot.send(channel, 'remind here');
    bot.connector.clear();
    await bot.runtime.reminderSweep.runOnce();
    const reminder = cardsIn(bot.connector.activities(channelId))[0];
    const data = dataOf(reminder, Verbs.reminderSnooze);

    const elsewhere = conversation({ scope: 'channel' });
    const forged = await bot.click(elsewhere, Verbs.reminderStop, data, '1:copied-card');
    expect(cardText(invokeCard(forged))).toContain('no longer active');
    expect(forged.sent.filter((c) => c.kind === 'update')).toHaveLength(0);

    const otherMember = { ...channel, userAadId: '0f0f0f0f-1111-4222-8333-444444444444', userName: 'Grace Ops' };
    const snooze = await bot.click(otherMember, Verbs.reminderSnooze, data, '1:reminder-post');
    expect(cardText(invokeCard(snooze))).toMatch(/Snoozed until .* by Grace Ops/);
    const update = snooze.sent.find((c) => c.kind === 'update');
    expect(update?.activityId).toBe('1:reminder-post');
    expect(cardText(cardsIn([update!]))).toContain('Snoozed');

    const rotated = await bot.click(channel, Verbs.reminderRotated, data, '1:reminder-post');
    expect(cardText(invokeCard(rotated))).toContain('Marked as rotated');
    const stop = await bot.click(channel, Verbs.reminderStop, data, '1:reminder-post');
    expect(cardText(invokeCard(stop))).toContain('Reminders stopped');
    const list = await bot.send(channel, 'reminders');
    expect(cardText(cardsIn(list.sent))).toMatch(/Scenario: secret expiring soon: stopped/);
  });

  it('"reminders" lists this conversation\'s subscriptions and "reminders off" removes one', async () => {
    const { channel } = await adminWith([SCENARIOS.secretExpiringSoon]);
    expect(cardText(cardsIn((await bot.send(channel, 'reminders')).sent))).toContain('No reminders here');
    await bot.send(channel, 'remind here');
    expect(cardText(cardsIn((await bot.send(channel, 'reminders')).sent))).toContain(
      'Scenario: secret expiring soon: on',
    );
    expect(cardText(cardsIn((await bot.send(channel, 'reminders off nothing-like-it')).sent))).toContain('Which one?');
    expect(cardText(cardsIn((await bot.send(channel, 'reminders off expiring')).sent))).toContain(
      'Reminders off for Scenario: secret expiring soon',
    );
    expect(cardText(cardsIn((await bot.send(channel, 'reminders')).sent))).toContain('No reminders here');
  });

  it('with several registrations, "remind here" offers a picker, and a pick subscribes that one (group chat too)', async () => {
    const { personal } = await adminWith([SCENARIOS.allGranted, SCENARIOS.secretExpiringSoon]);
    const chat = conversation({ scope: 'groupChat', userAadId: personal.userAadId, userName: personal.userName });
    const picker = cardsIn((await bot.send(chat, 'remind here')).sent)[0];
    expect(validateCard(picker)).toEqual([]);
    expect(JSON.stringify(picker)).not.toContain(Verbs.pickRegistration);
    const pick = await bot.click(chat, Verbs.reminderSubscribe, dataOf(picker, Verbs.reminderSubscribe));
    expect(cardText(invokeCard(pick))).toContain('Reminders on for Scenario: all granted'); // the first button
    expect(cardText(cardsIn((await bot.send(chat, 'remind here expiring soon')).sent))).toContain(
      'Reminders on for Scenario: secret expiring soon',
    );
    expect(cardText(cardsIn((await bot.send(chat, 'reminders')).sent))).toContain('(2)');
  });

  it('someone without registrations is told to set one up in personal chat; no secret is asked here', async () => {
    const channel = conversation({ scope: 'channel' });
    const text = cardText(cardsIn((await bot.send(channel, 'remind here')).sent));
    expect(text).toContain('No registration of yours yet');
    expect(text).toMatch(/personal chat/);
  });

  it("removing the bot from the team drops the team's subscriptions", async () => {
    const { channel } = await adminWith([SCENARIOS.secretExpiringSoon]);
    await bot.send(channel, 'remind here');
    const teamId = '19:team@thread.tacv2'; // teamsActivities puts every test channel in this team
    const removal = {
      ...messageActivity({ ...channel, id: teamId }, bot.connector.serviceUrl, ''),
      type: 'installationUpdate',
      action: 'remove',
      text: undefined,
      entities: undefined,
      recipient: BOT_ACCOUNT,
    };
    expect((await bot.post(removal)).status).toBeLessThan(300);
    expect(cardText(cardsIn((await bot.send(channel, 'reminders')).sent))).toContain('No reminders here');
  });
});

describe('the running bot sweeps on its own timer', () => {
  it('a short REMINDER_SWEEP_INTERVAL delivers the reminder without anyone calling the sweep', async () => {
    const own = await startBotHarness({ sandbox, env: { REMINDER_SWEEP_INTERVAL: '1s' } });
    try {
      const personal = conversation();
      await own.click(personal, Verbs.submitSetup, {
        tenant: SCENARIOS.secretExpiringSoon.tenantId,
        clientId: SCENARIOS.secretExpiringSoon.clientId,
        clientSecret: SCENARIOS.secretExpiringSoon.clientSecret,
      });
      const channel = conversation({ scope: 'channel', userAadId: personal.userAadId });
      await own.send(channel, 'remind here');
      const channelId = channel.id.split(';')[0];
      await own.connector.waitFor(
        (calls) =>
          calls.some(
            (c) => c.conversationId === channelId && c.kind === 'send' && /expires in/.test(JSON.stringify(c.activity)),
          ),
        15_000,
      );
      expect(cardText(cardsIn(own.connector.activities(channelId)))).toMatch(/expires in [45] days/);
    } finally {
      await own.stop();
    }
  }, 30_000);
});

describe('reminders and the rest of the bot', () => {
  it('channel help lists the reminder commands', async () => {
    const turn = await bot.send(conversation({ scope: 'channel' }), 'help');
    const text = cardText(cardsIn(turn.sent));
    expect(text).toContain('remind here');
    expect(text).toContain('reminders off');
  });

  it('forgetting a registration also stops its channel reminders', async () => {
    const { personal, channel, channelId } = await adminWith([SCENARIOS.secretExpiringSoon]);
    await bot.send(channel, 'remind here');
    const registrations = await bot.runtime.deps.registrations.list(personal.userAadId);
    const id = registrations[0]!.id;
    const done = await bot.click(personal, Verbs.forgetConfirm, { registrationId: id });
    expect(cardText(invokeCard(done))).toMatch(/channel reminders/);
    expect(await createSubscriptions(requireFullStore(bot.runtime.store)).listForRegistration(id)).toEqual([]);
    const listed = await bot.send(channel, 'reminders');
    expect(cardText(cardsIn(listed.sent))).not.toContain('Scenario: secret expiring soon');
    bot.connector.clear();
    await bot.runtime.reminderSweep.runOnce();
    expect(bot.connector.activities(channelId)).toHaveLength(0);
  });
});
