import { resolveCloud } from '../../../src/consent/cloud';
import { deriveSecretInfo } from '../../../src/consent/secretInfo';
import { statusCard } from '../../../src/cards/statusCard';
import { renderResult } from '../../../src/cli/renderTable';
import { knownSecretOf } from '../../../src/reminders/knownSecret';
import { buildReminderCard } from '../../../src/reminders/subscriptionCards';
import { reminderDecision } from '../../../src/reminders/schedule';
import { daysLeft, daysLeftInWords, expiryInWords } from '../../../src/time/daysLeft';
import { registration, report } from '../reminders/reminderFixtures';
import { textOf } from '../reminders/sweepSetup';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('daysLeft: whole 24-hour periods between now and the expiry instant', () => {
  const end = new Date('2025-11-26T14:31:00.000Z');

  it('counts whole days before expiry, and whole days since it (negative) after', () => {
    expect(daysLeft(end, new Date(end.getTime() - 200 * DAY))).toBe(200);
    expect(daysLeft(end, new Date(end.getTime() - 200 * DAY + 1))).toBe(199);
    expect(daysLeft(end, new Date(end.getTime() - DAY))).toBe(1);
    expect(daysLeft(end, new Date(end.getTime() - 1))).toBe(0);
    expect(daysLeft(end, end)).toBe(0);
    expect(Object.is(daysLeft(end, new Date(end.getTime() + 1)), 0)).toBe(true); // never -0
    expect(daysLeft(end, new Date(end.getTime() + DAY - 1))).toBe(0);
    expect(daysLeft(end, new Date(end.getTime() + DAY))).toBe(-1);
    expect(daysLeft(end.getTime(), end.getTime() + 3.5 * DAY)).toBe(-3);
  });

  it("does not move at anyone's midnight: the figure changes only at the time of day the secret expires", () => {
    // 23:59 and 00:01 UTC either side of midnight, same figure; it steps at 14:31 UTC.
    expect(daysLeft(end, new Date('2025-11-23T23:59:00Z'))).toBe(2);
    expect(daysLeft(end, new Date('2025-11-24T00:01:00Z'))).toBe(2);
    expect(daysLeft(end, new Date('2025-11-24T14:30:59Z'))).toBe(2);
    expect(daysLeft(end, new Date('2025-11-24T14:31:00Z'))).toBe(2);
    expect(daysLeft(end, new Date('2025-11-24T14:31:00.001Z'))).toBe(1);
  });

  it('is not thrown off by a DST change or a leap day (it never looks at a zone)', () => {
    // Berlin springs forward on 30 March 2025: still 48 hours are 2 days.
    expect(daysLeft(new Date('2025-03-31T12:00:00Z'), new Date('2025-03-29T12:00:00Z'))).toBe(2);
    expect(daysLeft(new Date('2024-03-01T12:00:00Z'), new Date('2024-02-28T12:00:00Z'))).toBe(2);
    expect(daysLeft(new Date('2023-03-01T12:00:00Z'), new Date('2023-02-28T12:00:00Z'))).toBe(1);
  });

  it.each([
    [30, false, 'expires in 30 days'],
    [1, false, 'expires in 1 day'],
    [0, false, 'expires in less than a day'],
    [0, true, 'expired less than a day ago'],
    [-1, true, 'expired 1 day ago'],
    [-3, true, 'expired 3 days ago'],
  ])('%i days (expired: %s) reads "%s"', (days, expired, words) => {
    expect(daysLeftInWords(days, expired)).toBe(words);
  });

  it('words an end time from now, and says so when the date is unreadable', () => {
    const now = new Date('2025-03-10T09:30:00Z');
    expect(expiryInWords('2025-03-10T18:00:00Z', now)).toBe('expires in less than a day');
    expect(expiryInWords('2025-03-13T12:00:00Z', now)).toBe('expires in 3 days');
    expect(expiryInWords('2025-03-10T08:00:00Z', now)).toBe('expired less than a day ago');
    expect(expiryInWords('2025-03-08T08:00:00Z', now)).toBe('expired 2 days ago');
    expect(expiryInWords('garbage', now)).toBe('expiry unknown');
  });
});

describe('one days-left figure on the status card, the reminder card, the schedule, the CLI table and its JSON', () => {
  const links = { cloud: resolveCloud('public'), personalChatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:b' };
  const end = '2025-11-26T14:31:00.000Z';
  const zones = [undefined, 'UTC', 'Europe/Berlin', 'Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Kiritimati'];
  const moments = [
    '2025-05-10T23:59:59.000Z', // just before midnight UTC: 200 whole days and more
    '2025-05-11T00:00:01.000Z', // just after midnight UTC: still 199 (the figure changed at 14:31)
    '2025-05-10T22:30:00.000Z', // 00:30 in Berlin (summer time), 07:30 in Tokyo
    '2025-10-26T00:30:00.000Z', // Berlin's autumn DST change night
    '2025-11-26T14:30:00.000Z', // one minute before expiry
    '2025-11-29T03:00:00.000Z', // expired
  ];

  it.each(moments)('at %s every place shows the same number', (at) => {
    const now = new Date(at);
    const expected = daysLeft(new Date(end), now);
    const words = daysLeftInWords(expected, Date.parse(end) <= now.getTime());

    const checked = report({ checkedAt: at, end });
    const info = deriveSecretInfo({
      secret: 'abc-the-secret',
      valid: true,
      passwordCredentials: { ok: true, value: [{ keyId: 'k-1', hint: 'abc', endDateTime: end }] },
      now,
    });
    // JSON: the report's figure.
    expect(info.daysLeft).toBe(expected);
    const withInfo = { ...checked, secret: info };
    // CLI table.
    const table = renderResult(withInfo);
    expect(table).toContain(words);
    // Reminder schedule.
    expect(
      reminderDecision({ thresholdDays: [30, 7, 1, 0], expiresAt: new Date(end), now, sentStepIds: [] }).daysLeft,
    ).toBe(expected);
    const reg = registration('r1', withInfo);
    const secret = knownSecretOf(withInfo);
    if (!secret) throw new Error('the fixture secret should be known');
    for (const timeZone of zones) {
      // Status card and reminder card, whatever the viewer's zone.
      expect(
        textOf(
          statusCard(withInfo, {
            registrationId: 'r1',
            label: 'L',
            consentMode: 'callback',
            consentUrl: 'https://x',
            timeZone,
            now,
          }),
        ),
      ).toContain(words);
      const subscription = {
        id: 's1',
        registrationId: 'r1',
        conversationKey: 'c',
        scope: 'channel' as const,
        subscriberId: 'o',
        createdAt: at,
        status: 'active' as const,
        ...(timeZone ? { timeZone } : {}),
      };
      expect(textOf(buildReminderCard({ links, registration: reg, secret, subscription, now }))).toContain(words);
    }
  });

  it('the reminder for "7 days" says 7 days, in every zone', () => {
    const d7At = new Date(Date.parse(end) - 8 * DAY + 1);
    const decision = reminderDecision({ thresholdDays: [7], expiresAt: new Date(end), now: d7At, sentStepIds: [] });
    expect(decision.due).toEqual({ kind: 'threshold', days: 7 });
    const checked = report({ checkedAt: d7At.toISOString(), end });
    const secret = knownSecretOf(checked);
    if (!secret) throw new Error('the fixture secret should be known');
    for (const timeZone of ['Asia/Tokyo', 'America/Los_Angeles', undefined]) {
      const card = buildReminderCard({
        links,
        registration: registration('r1', checked),
        secret,
        subscription: {
          id: 's1',
          registrationId: 'r1',
          conversationKey: 'c',
          scope: 'channel',
          subscriberId: 'o',
          createdAt: d7At.toISOString(),
          status: 'active',
          ...(timeZone ? { timeZone } : {}),
        },
        now: d7At,
        step: decision.due,
      });
      expect(textOf(card)).toContain('expires in 7 days');
    }
  });
});
