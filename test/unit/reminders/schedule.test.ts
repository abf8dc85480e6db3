import { knownSecretOf } from '../../../src/reminders/knownSecret';
import { reminderDecision, stepId, type ScheduleInput } from '../../../src/reminders/schedule';
import { daysLeft as daysLeftAt } from '../../../src/time/daysLeft';
import { DAY, report } from './reminderFixtures';

const THRESHOLDS = [30, 14, 7, 3, 1, 0];
const HOUR = 3_600_000;

function decide(overrides: Partial<ScheduleInput> & Pick<ScheduleInput, 'now' | 'expiresAt'>) {
  return reminderDecision({ thresholdDays: THRESHOLDS, sentStepIds: [], ...overrides });
}

/** Runs the schedule hour by hour from `from` to `to`, "sending" every due step; returns what went out and when. */
function simulate(
  expiresAt: Date,
  from: Date,
  to: Date,
  stepMs = HOUR,
): Array<{ id: string; at: Date; daysLeft: number }> {
  const sent: Array<{ id: string; at: Date; daysLeft: number }> = [];
  for (let t = from.getTime(); t <= to.getTime(); t += stepMs) {
    const now = new Date(t);
    const d = decide({ now, expiresAt, sentStepIds: sent.map((s) => s.id) });
    if (d.due) sent.push({ id: stepId(d.due), at: now, daysLeft: d.daysLeft });
  }
  return sent;
}

describe('reminderDecision: thresholds', () => {
  const end = new Date('2025-06-30T12:00:00.000Z');

  it('fires every threshold once, in order, at the days left it names, then "expired"', () => {
    const sent = simulate(end, new Date(end.getTime() - 40 * DAY), new Date(end.getTime() + 5 * DAY));
    expect(sent.map((s) => s.id)).toEqual(['d30', 'd14', 'd7', 'd3', 'd1', 'd0', 'expired']);
    expect(sent.slice(0, 6).map((s) => s.daysLeft)).toEqual([30, 14, 7, 3, 1, 0]);
  });

  it('threshold d is reached the first millisecond fewer than d+1 whole days are left', () => {
    const d7At = end.getTime() - 8 * DAY + 1;
    expect(decide({ now: new Date(d7At - 1), expiresAt: end, sentStepIds: ['d30', 'd14'] }).due).toBeUndefined();
    expect(decide({ now: new Date(d7At - 1), expiresAt: end, sentStepIds: ['d30', 'd14'] }).nextAt?.getTime()).toBe(
      d7At,
    );
    expect(decide({ now: new Date(d7At), expiresAt: end, sentStepIds: ['d30', 'd14'] }).due).toEqual({
      kind: 'threshold',
      days: 7,
    });
  });

  it('nothing is due long before the first threshold, and the next look is that threshold', () => {
    const d = decide({ now: new Date(end.getTime() - 100 * DAY), expiresAt: end });
    expect(d.due).toBeUndefined();
    expect(d.nextAt?.toISOString()).toBe(new Date(end.getTime() - 31 * DAY + 1).toISOString());
  });

  it('a subscription made with 5 days left gets the 7-day reminder at once (it is the most urgent reached)', () => {
    const d = decide({ now: new Date(end.getTime() - 5 * DAY), expiresAt: end });
    expect(d.due).toEqual({ kind: 'threshold', days: 7 });
    expect(d.daysLeft).toBe(5);
  });

  it('accepts thresholds in any order and with duplicates', () => {
    const sent = reminderDecision({
      thresholdDays: [1, 7, 7, 30],
      now: new Date(end.getTime() - 6 * DAY),
      expiresAt: end,
      sentStepIds: ['d30'],
    });
    expect(sent.due).toEqual({ kind: 'threshold', days: 7 });
  });
});

describe('reminderDecision: expired', () => {
  const end = new Date('2025-06-30T12:00:00.000Z');

  it('sends "expired" at the expiry instant, once, then never again', () => {
    const sent = ['d30', 'd14', 'd7', 'd3', 'd1', 'd0'];
    expect(decide({ now: new Date(end.getTime() - 1), expiresAt: end, sentStepIds: sent }).due).toBeUndefined();
    expect(decide({ now: end, expiresAt: end, sentStepIds: sent }).due).toEqual({ kind: 'expired' });
    const after = decide({
      now: new Date(end.getTime() + 10 * DAY),
      expiresAt: end,
      sentStepIds: [...sent, 'expired'],
    });
    expect(after.due).toBeUndefined();
    expect(after.nextAt).toBeUndefined();
  });

  it('a secret found already expired gets only the "expired" reminder', () => {
    const d = decide({ now: new Date(end.getTime() + 3 * DAY), expiresAt: end });
    expect(d.due).toEqual({ kind: 'expired' });
    expect(d.daysLeft).toBe(-3);
  });

  it('daysLeft follows the report: whole days either side of expiry, 0 within a day of it', () => {
    expect(daysLeftAt(end, new Date(end.getTime() - 1))).toBe(0);
    expect(daysLeftAt(end, end)).toBe(0);
    expect(daysLeftAt(end, new Date(end.getTime() + 1))).toBe(0);
    expect(daysLeftAt(end, new Date(end.getTime() + DAY))).toBe(-1);
  });
});

describe('reminderDecision: downtime and clock skew', () => {
  const end = new Date('2025-06-30T12:00:00.000Z');

  it('after a week of downtime only the most urgent pending reminder is sent, and the skipped ones never follow', () => {
    // d14 went out, then the sweep was down from 13 to 1.5 days before expiry (d7 and d3 both passed).
    const now = new Date(end.getTime() - 1.5 * DAY);
    const d = decide({ now, expiresAt: end, sentStepIds: ['d30', 'd14'] });
    expect(d.due).toEqual({ kind: 'threshold', days: 1 });
    const sent = ['d30', 'd14', 'd1'];
    const rest = simulate(end, now, new Date(end.getTime() + DAY)).map((s) => s.id);
    expect(rest[0]).toBe('d1');
    for (let t = now.getTime(); t < end.getTime() - DAY; t += HOUR) {
      expect(decide({ now: new Date(t), expiresAt: end, sentStepIds: sent }).due).toBeUndefined();
    }
  });

  it('a clock that steps back after a reminder does not repeat or send a less urgent one', () => {
    const sent = ['d30', 'd14', 'd7', 'd3', 'd1'];
    const back = new Date(end.getTime() - 4 * DAY); // the clock jumped back 3 days
    const d = decide({ now: back, expiresAt: end, sentStepIds: sent });
    expect(d.due).toBeUndefined();
    expect(d.nextAt?.getTime()).toBe(end.getTime() - DAY + 1); // d0 is next
  });

  it('a sweep a moment early sends nothing and a moment late sends the step', () => {
    const d3At = end.getTime() - 4 * DAY + 1;
    expect(decide({ now: new Date(d3At - 5), expiresAt: end, sentStepIds: ['d30', 'd14', 'd7'] }).due).toBeUndefined();
    expect(decide({ now: new Date(d3At + 5), expiresAt: end, sentStepIds: ['d30', 'd14', 'd7'] }).due).toEqual({
      kind: 'threshold',
      days: 3,
    });
  });

  it('an unreadable date or a muted series sends nothing', () => {
    expect(decide({ now: new Date(), expiresAt: new Date('nonsense') }).due).toBeUndefined();
    const muted = decide({ now: new Date(end.getTime() - DAY / 2), expiresAt: end, muted: true });
    expect(muted.due).toBeUndefined();
    expect(muted.nextAt).toBeUndefined();
  });
});

describe('reminderDecision: snooze', () => {
  const end = new Date('2025-06-30T12:00:00.000Z');
  const sevenSentAt = new Date(end.getTime() - 7 * DAY);
  const until = new Date(sevenSentAt.getTime() + DAY);

  it('holds everything until the snooze ends, then shows the current reminder again once', () => {
    const during = decide({
      now: new Date(until.getTime() - 1),
      expiresAt: end,
      sentStepIds: ['d30', 'd14', 'd7'],
      snoozedUntil: until,
    });
    expect(during.due).toBeUndefined();
    expect(during.nextAt?.getTime()).toBe(until.getTime());
    const at = decide({ now: until, expiresAt: end, sentStepIds: ['d30', 'd14', 'd7'], snoozedUntil: until });
    expect(at.due).toEqual({ kind: 'snooze', until: until.toISOString() });
    const again = decide({
      now: new Date(until.getTime() + HOUR),
      expiresAt: end,
      sentStepIds: ['d30', 'd14', 'd7', `snooze:${until.toISOString()}`],
      snoozedUntil: until,
    });
    expect(again.due).toBeUndefined();
  });

  it('a threshold reached during the snooze waits for its end and goes out instead of the snooze re-send', () => {
    const sent = ['d30', 'd14', 'd7', 'd3'];
    const snoozeEnd = new Date(end.getTime() - 1.5 * DAY); // d1 is reached 2 days before expiry, inside the snooze
    expect(
      decide({ now: new Date(end.getTime() - 1.8 * DAY), expiresAt: end, sentStepIds: sent, snoozedUntil: snoozeEnd })
        .due,
    ).toBeUndefined();
    expect(decide({ now: snoozeEnd, expiresAt: end, sentStepIds: sent, snoozedUntil: snoozeEnd }).due).toEqual({
      kind: 'threshold',
      days: 1,
    });
  });

  it('no snooze re-send when nothing had been sent for the secret', () => {
    expect(
      decide({
        now: new Date(end.getTime() - 50 * DAY),
        expiresAt: end,
        snoozedUntil: new Date(end.getTime() - 51 * DAY),
      }).due,
    ).toBeUndefined();
  });
});

describe('reminderDecision: calendars and zones', () => {
  it('counts 29 February in a leap year', () => {
    const leap = new Date('2024-03-01T00:00:00.000Z');
    const plain = new Date('2023-03-01T00:00:00.000Z');
    expect(decide({ now: new Date('2024-01-30T00:00:00.001Z'), expiresAt: leap }).due).toEqual({
      kind: 'threshold',
      days: 30,
    });
    expect(decide({ now: new Date('2024-01-30T00:00:00.000Z'), expiresAt: leap }).due).toBeUndefined();
    expect(decide({ now: new Date('2023-01-29T00:00:00.001Z'), expiresAt: plain }).due).toEqual({
      kind: 'threshold',
      days: 30,
    });
    expect(daysLeftAt(leap, new Date('2024-02-28T00:00:00.000Z'))).toBe(2);
    expect(daysLeftAt(plain, new Date('2023-02-28T00:00:00.000Z'))).toBe(1);
  });

  it('daylight-saving changes do not move reminders: steps stay whole 24-hour multiples of UTC time', () => {
    // Europe/Berlin springs forward at 01:00 UTC on 30 March 2025; New York on 9 March 2025.
    const end = new Date('2025-03-30T01:30:00.000Z');
    const sent = simulate(end, new Date('2025-02-20T00:00:00.000Z'), new Date('2025-04-01T00:00:00.000Z'), 60_000);
    const dueTimes = sent.map((s) => s.at.getTime());
    // Each step is due 1 ms after a whole number of days before 01:30 UTC; the minute-by-minute walk sees it at 01:31.
    expect(dueTimes).toEqual([
      ...[30, 14, 7, 3, 1, 0].map((d) => end.getTime() - (d + 1) * DAY + 60_000),
      end.getTime(),
    ]);
    expect(sent.map((s) => s.at.toISOString().slice(11, 16))).toEqual([
      '01:31',
      '01:31',
      '01:31',
      '01:31',
      '01:31',
      '01:31',
      '01:30',
    ]);
  });
});

describe('knownSecretOf: one series per secret', () => {
  it('a rotated secret (another keyId) is another series; the same secret is the same series', () => {
    const a = knownSecretOf(report({ checkedAt: '2025-01-01T00:00:00Z', keyId: 'K-A', end: '2025-06-01T00:00:00Z' }));
    const a2 = knownSecretOf(report({ checkedAt: '2025-02-01T00:00:00Z', keyId: 'k-a', end: '2025-06-01T00:00:00Z' }));
    const b = knownSecretOf(report({ checkedAt: '2025-03-01T00:00:00Z', keyId: 'K-B', end: '2026-06-01T00:00:00Z' }));
    expect(a?.seriesId).toBe(a2?.seriesId);
    expect(b?.seriesId).not.toBe(a?.seriesId);
  });

  it('without a keyId the hint and end date tell secrets apart; an unidentified secret has no series', () => {
    const base = report({ checkedAt: '2025-01-01T00:00:00Z', end: '2025-06-01T00:00:00Z' });
    const noKey = { ...base, secret: { ...base.secret, keyId: undefined } };
    const later = { ...noKey, secret: { ...noKey.secret, endDateTime: '2026-06-01T00:00:00Z' } };
    expect(knownSecretOf(noKey)?.seriesId).toBe('hint:abc:2025-06-01T00:00:00.000Z');
    expect(knownSecretOf(later)?.seriesId).not.toBe(knownSecretOf(noKey)?.seriesId);
    expect(knownSecretOf(report({ checkedAt: '2025-01-01T00:00:00Z', identified: false }))).toBeUndefined();
  });
});
