import { Verbs } from '../../../src/cards/verbs';
import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, cardsIn } from '../../helpers/botHarness';
import { botWithSandbox } from '../../helpers/botWithSandbox';
import { conversation } from '../../helpers/teamsActivities';
import { validateCard } from '../../helpers/validateCard';

/**
 * `remind here digest` through the real bot: one weekly card in the channel listing all of the
 * admin's connectors, most urgent first, posted once per week however many sweeps run.
 */
const harness = botWithSandbox();

describe('the weekly digest', () => {
  it('posts one card with every connector, once, and can be listed and turned off', async () => {
    const personal = conversation();
    for (const s of [SCENARIOS.allGranted, SCENARIOS.partlyConsented, SCENARIOS.secretExpiringSoon]) {
      await harness().click(personal, Verbs.submitSetup, {
        tenant: s.tenantId,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
      });
    }
    const channel = conversation({ scope: 'channel', userAadId: personal.userAadId, userName: personal.userName });
    const on = cardText(cardsIn((await harness().send(channel, 'remind here digest')).sent));
    expect(on).toContain('Weekly digest on');
    expect(on).toContain('all 3 of your connectors');

    harness().connector.clear();
    await harness().runtime.reminderSweep.runOnce();
    const channelId = channel.id.split(';')[0] ?? channel.id;
    const digests = harness()
      .connector.activities()
      .filter(
        (c) => (c.conversationId ?? '').startsWith(channelId) && JSON.stringify(c.activity).includes('Weekly digest'),
      );
    expect(digests).toHaveLength(1);
    const [card] = cardsIn(digests);
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain(`Weekly digest: ${personal.userName}'s connectors (3)`);
    // Most urgent first: the secret ending soon before the consent to fix before the ready one.
    expect(text.indexOf('Scenario: secret expiring soon')).toBeLessThan(text.indexOf('Action needed'));
    expect(text.indexOf('Action needed')).toBeLessThan(text.lastIndexOf('✅ Ready'));
    expect(JSON.stringify(card)).not.toContain('overview.retest'); // no buttons in a channel

    await harness().runtime.reminderSweep.runOnce(); // the same week: nothing more
    const again = harness()
      .connector.activities()
      .filter((c) => JSON.stringify(c.activity).includes('Weekly digest'));
    expect(again).toHaveLength(1);

    const listed = cardText(cardsIn((await harness().send(channel, 'reminders')).sent));
    expect(listed).toMatch(/Weekly digest of .*: on, next/);
    const off = cardText(cardsIn((await harness().send(channel, 'reminders off digest')).sent));
    expect(off).toContain('Weekly digest off');
    expect(cardText(cardsIn((await harness().send(channel, 'reminders')).sent))).not.toContain('Weekly digest');
  });

  it('says how to start when the person has no registration, and is refused in personal chat', async () => {
    const channel = conversation({ scope: 'channel' });
    expect(cardText(cardsIn((await harness().send(channel, 'remind here digest')).sent))).toContain(
      'No registration of yours yet',
    );
    const personal = conversation();
    const answer = await harness().send(personal, 'remind here digest');
    expect(JSON.stringify(answer.sent)).not.toContain('Weekly digest on');
  });
});
