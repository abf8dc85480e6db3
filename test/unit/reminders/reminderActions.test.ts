import type { ConsentBaseline } from '../../../src/reminders/consentBaseline';
import { knownSecretOf } from '../../../src/reminders/knownSecret';
import { applyReminderAction, type ReminderActionInput } from '../../../src/reminders/reminderActions';
import { DAY, failure, registration, report, subscription as sub } from './reminderFixtures';

const now = new Date('2025-03-27T12:00:00.000Z');
const reg = registration('r1', report({ checkedAt: '2025-03-20T00:00:00.000Z', end: '2025-03-30T00:00:00.000Z' }));
const secret = knownSecretOf(reg.lastResult)!;
const input = (extra: Partial<ReminderActionInput> = {}): ReminderActionInput => ({
  action: 'snooze',
  subscription: sub(),
  registration: reg,
  baseline: undefined,
  now,
  ...extra,
});
const applied = (extra: Partial<ReminderActionInput> = {}) => {
  const outcome = applyReminderAction(input(extra));
  if (outcome.kind !== 'applied') throw new Error(`expected applied, got ${outcome.kind}`);
  return outcome;
};

describe('reminder card actions as state changes', () => {
  it('snooze lasts one day on the current secret and brings the next look forward to its end', () => {
    const out = applied({ registration: { ...reg, nextDueAt: '2025-03-29T00:00:00.000Z' } });
    const end = new Date(now.getTime() + DAY).toISOString();
    expect(out.state).toBe('snoozed');
    expect(out.changed).toBe(true);
    expect(out.subscription.series).toEqual({ seriesId: secret.seriesId, snoozedUntil: end });
    expect(out.nextDueAtMs).toBe(Date.parse(end));
    expect(out.secret).toEqual(secret);
  });

  it('snooze leaves the next look alone when the sweep already looks sooner', () => {
    const out = applied({ registration: { ...reg, nextDueAt: '2025-03-27T13:00:00.000Z' } });
    expect(out.state).toBe('snoozed');
    expect(out.nextDueAtMs).toBeUndefined();
  });

  it('choices made for an older secret do not carry over; those for this secret do', () => {
    const older = applied({
      action: 'snooze',
      subscription: sub({ series: { seriesId: 'key:old', rotatedAt: '2025-03-01T00:00:00.000Z' } }),
    });
    expect(older.subscription.series?.seriesId).toBe(secret.seriesId);
    expect(older.subscription.series?.rotatedAt).toBeUndefined();
    const same = applied({
      action: 'rotated',
      actedBy: 'Ada',
      subscription: sub({ series: { seriesId: secret.seriesId, snoozedUntil: '2025-03-28T00:00:00.000Z' } }),
    });
    expect(same.state).toBe('rotated');
    expect(same.subscription.series).toEqual({
      seriesId: secret.seriesId,
      snoozedUntil: '2025-03-28T00:00:00.000Z',
      rotatedAt: now.toISOString(),
      rotatedBy: 'Ada',
    });
    expect(same.nextDueAtMs).toBeUndefined();
  });

  it('stop ends the subscription and says who stopped it', () => {
    const byAda = applied({ action: 'stop', actedBy: 'Ada' });
    expect(byAda.state).toBe('stopped');
    expect(byAda.subscription).toMatchObject({
      status: 'stopped',
      statusReason: 'by Ada',
      statusChangedAt: now.toISOString(),
    });
    expect(applied({ action: 'stop' }).subscription.statusReason).toBe('from a reminder card');
  });

  it('a stopped subscription stays stopped whatever is pressed, and nothing is written', () => {
    const stopped = sub({ status: 'stopped', statusReason: 'by Grace' });
    for (const action of ['snooze', 'rotated', 'stop'] as const) {
      const out = applied({ action, subscription: stopped });
      expect(out.state).toBe('stopped');
      expect(out.changed).toBe(false);
      expect(out.subscription).toBe(stopped);
      expect(out.nextDueAtMs).toBeUndefined();
    }
  });

  it('an inactive subscription, or a registration without a known secret, has nothing to act on', () => {
    expect(applyReminderAction(input({ subscription: sub({ status: 'inactive' }) })).kind).toBe('gone');
    const unknown = registration('r2', failure('invalid-secret', '2025-03-20T00:00:00.000Z'));
    expect(applyReminderAction(input({ registration: unknown })).kind).toBe('gone');
  });

  it("the baseline's secret counts even when the last check failed", () => {
    const failed = registration('r1', failure('invalid-secret', '2025-03-26T00:00:00.000Z'));
    const baseline: ConsentBaseline = {
      resultAt: '2025-03-26T00:00:00.000Z',
      granted: [],
      secretWorking: false,
      secret,
    };
    const out = applied({ registration: failed, baseline });
    expect(out.secret).toEqual(secret);
    expect(out.subscription.series?.seriesId).toBe(secret.seriesId);
  });
});
