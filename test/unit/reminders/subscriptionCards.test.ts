import { channelConversationKey } from '../../../src/bot/reminders/reminderConversation';
import { remindPicker } from '../../../src/bot/reminders/reminderCommands';
import { Verbs } from '../../../src/cards/verbs';
import { resolveCloud } from '../../../src/consent/cloud';
import { knownSecretOf } from '../../../src/reminders/knownSecret';
import { buildReminderCard, deliveryStoppedCard } from '../../../src/reminders/subscriptionCards';
import { validateCard } from '../../helpers/validateCard';
import { registration, report, subscription as sub } from './reminderFixtures';
import { textOf } from './sweepSetup';

const links = { cloud: resolveCloud('public'), personalChatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:bot' };
const reg = registration('r1', report({ checkedAt: '2025-03-20T00:00:00.000Z', end: '2025-03-30T01:30:00.000Z' }));
const secret = knownSecretOf(reg.lastResult)!;

describe('reminder cards', () => {
  it("shows the expiry in the subscriber's zone across a DST change, naming the zone", () => {
    const now = new Date('2025-03-27T12:00:00.000Z'); // before Berlin's switch; expiry is after it
    const berlin = textOf(
      buildReminderCard({ links, registration: reg, secret, subscription: sub({ timeZone: 'Europe/Berlin' }), now }),
    );
    expect(berlin).toContain('30 Mar 2025, 03:30 (Europe/Berlin)');
    expect(berlin).toContain('expires in 2 days'); // 2 days 13.5 hours left: whole days, as everywhere else
    const utc = textOf(buildReminderCard({ links, registration: reg, secret, subscription: sub(), now }));
    expect(utc).toContain('30 Mar 2025, 01:30 (UTC)');
  });

  it('every state renders a valid card that carries the ids the buttons need, and never the secret', () => {
    for (const state of ['active', 'snoozed', 'stopped', 'rotated'] as const) {
      const card = buildReminderCard({
        links,
        registration: reg,
        secret,
        subscription: sub({ series: { seriesId: secret.seriesId, snoozedUntil: '2025-03-28T12:00:00.000Z' } }),
        now: new Date('2025-03-27T12:00:00.000Z'),
        state,
        actedBy: 'Ada',
      });
      expect(validateCard(card)).toEqual([]);
      expect(JSON.stringify(card)).not.toContain('sealed');
    }
    const expired = buildReminderCard({
      links,
      registration: reg,
      secret,
      subscription: sub(),
      now: new Date('2025-04-02T00:00:00.000Z'),
      step: { kind: 'expired' },
    });
    expect(textOf(expired)).toMatch(/Expired: client secret expired 2 days ago/); // 2 days 22.5 hours: whole days
  });

  it('the "delivery stopped" notice names the status and the way back', () => {
    const text = textOf(deliveryStoppedCard(reg, sub(), 403));
    expect(text).toContain('HTTP 403');
    expect(text).toContain('remind here');
  });

  it('the remind picker targets the reminder verb only', () => {
    const card = remindPicker([
      reg,
      registration(
        'r2',
        report({ checkedAt: '2025-03-20T00:00:00.000Z', clientId: 'c2c2c2c2-0000-4000-8000-000000000002' }),
      ),
    ]);
    expect(validateCard(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json.match(new RegExp(`"verb":"${Verbs.reminderSubscribe}"`, 'g'))).toHaveLength(4); // action verb + data verb, twice
    expect(json).not.toContain('registration.pick');
  });

  it("a channel post's conversation id maps to the channel itself", () => {
    expect(channelConversationKey('19:abc@thread.tacv2;messageid=1700000000000')).toBe('19:abc@thread.tacv2');
    expect(channelConversationKey('19:abc@thread.v2')).toBe('19:abc@thread.v2');
  });
});
