import { validateCard } from '../../helpers/validateCard';
import { DAY, failure, registration, report } from './reminderFixtures';
import { sweepSetup, textOf } from './sweepSetup';

const START = new Date('2025-06-01T00:00:00.000Z');
const at = (days: number): string => new Date(START.getTime() + days * DAY).toISOString();

async function withRegistration(
  s: ReturnType<typeof sweepSetup>,
  id: string,
  endInDays: number,
  extra: Parameters<typeof registration>[2] = {},
) {
  const reg = registration(
    id,
    report({
      checkedAt: START.toISOString(),
      end: at(endInDays),
      keyId: `key-${id}`,
      clientId: `c1c1c1c1-0000-4000-8000-00000000000${id.length}`,
    }),
    extra,
  );
  await s.store.saveRegistration(reg);
  return reg;
}

describe('reminder sweep (memory store, fake notifier)', () => {
  it('sends the due reminder to each subscribed conversation once, and indexes the next look', async () => {
    const s = sweepSetup();
    await withRegistration(s, 'r1', 5);
    await s.subscribe('r1', 'chan-A');
    await s.subscribe('r1', 'chat-B', { scope: 'groupChat' });
    const summary = await s.makeSweep().runOnce();
    expect(summary).toMatchObject({ selected: 1, processed: 1, sent: 2, failed: 0 });
    expect(s.delivered.map((d) => d.conversationKey).sort()).toEqual(['chan-A', 'chat-B']);
    for (const d of s.delivered) {
      expect(validateCard(d.card)).toEqual([]);
      expect(textOf(d.card)).toContain('expires in 5 days');
    }
    expect((await s.store.getRegistration('r1'))?.nextDueAt).toBe(at(1)); // the daily re-check comes before d3 (1 day + 1 ms)
    expect((await s.makeSweep().runOnce()).selected).toBe(0);
    s.clock.set(at(1));
    await s.makeSweep().runOnce();
    expect(s.rechecks()).toBe(1);
    expect(s.delivered).toHaveLength(2);
  });

  it('picks the right card for each registration and leaves unsubscribed ones alone', async () => {
    const s = sweepSetup();
    await withRegistration(s, 'soon', 5);
    await withRegistration(s, 'month', 20);
    await withRegistration(s, 'far', 100);
    await withRegistration(s, 'nobody', 2, { nextDueAt: START.toISOString() });
    await s.subscribe('soon', 'c-soon');
    await s.subscribe('month', 'c-month');
    await s.subscribe('far', 'c-far');
    await s.makeSweep().runOnce();
    expect(s.delivered.map((d) => [d.conversationKey, /expires in (\d+) days/.exec(textOf(d.card))?.[1]])).toEqual(
      [
        ['c-month', '20'],
        ['c-soon', '5'],
      ].sort(),
    );
    expect((await s.store.getRegistration('far'))?.nextDueAt).toBe(at(1));
    expect((await s.store.getRegistration('nobody'))?.nextDueAt).toBeUndefined();
  });

  it('after a week of downtime sends only the most urgent pending reminder', async () => {
    const s = sweepSetup();
    await withRegistration(s, 'r1', 20);
    await s.subscribe('r1', 'chan');
    await s.makeSweep().runOnce();
    expect(textOf(s.delivered[0]?.card)).toContain('expires in 20 days');
    s.clock.set(at(18.5)); // down from day 0 to day 18.5: d14, d7 and d3 all passed
    await s.makeSweep().runOnce();
    expect(s.delivered).toHaveLength(2);
    // The d1 threshold (under two whole days left): the card says the threshold's own figure.
    expect(textOf(s.delivered[1]?.card)).toContain('expires in 1 day');
  });

  it('a rotated secret starts a new series; the old one stops', async () => {
    const s = sweepSetup();
    const reg = await withRegistration(s, 'r1', 6);
    await s.subscribe('r1', 'chan');
    await s.makeSweep().runOnce();
    expect(s.delivered).toHaveLength(1);
    s.clock.set(at(0.5));
    const rotated = report({ checkedAt: at(0.5), end: at(200), keyId: 'key-new', hint: 'new', clientId: reg.clientId });
    await s.store.saveRegistration({
      ...reg,
      lastResult: rotated,
      lastCheckedAt: at(0.5),
      secretHint: 'new',
      nextDueAt: at(0.5),
    });
    await s.makeSweep().runOnce();
    s.clock.set(at(5));
    await s.makeSweep().runOnce();
    expect(s.delivered).toHaveLength(1); // nothing for the old secret's d3, nothing yet for the new one
    s.clock.set(at(170));
    await s.makeSweep().runOnce();
    expect(s.delivered).toHaveLength(2);
    expect(textOf(s.delivered[1]?.card)).toContain('expires in 30 days');
  });

  it('snooze holds reminders for a day, then shows the current one again once', async () => {
    const s = sweepSetup();
    await withRegistration(s, 'r1', 6);
    const sub = await s.subscribe('r1', 'chan');
    await s.makeSweep().runOnce();
    await s.subscriptions.save({ ...sub, series: { seriesId: 'key:key-r1', snoozedUntil: at(1) } });
    s.clock.set(at(0.5));
    await s.makeSweep().runOnce();
    expect(s.delivered).toHaveLength(1);
    s.clock.set(at(1));
    await s.makeSweep().runOnce();
    expect(s.delivered).toHaveLength(2);
    expect(textOf(s.delivered[1]?.card)).toContain('expires in 5 days');
    expect((await s.subscriptions.get('r1', sub.id))?.series?.snoozedUntil).toBeUndefined();
    s.clock.set(at(1.5));
    await s.makeSweep().runOnce();
    expect(s.delivered).toHaveLength(2);
  });

  it('stopped or rotated-marked subscriptions get nothing', async () => {
    const s = sweepSetup();
    await withRegistration(s, 'r1', 6);
    await withRegistration(s, 'r2', 6);
    const stopped = await s.subscribe('r1', 'chan-1');
    const rotated = await s.subscribe('r2', 'chan-2');
    await s.subscriptions.save({ ...stopped, status: 'stopped' });
    await s.subscriptions.save({ ...rotated, series: { seriesId: 'key:key-r2', rotatedAt: START.toISOString() } });
    await s.makeSweep().runOnce();
    expect(s.delivered).toEqual([]);
    expect((await s.store.getRegistration('r1'))?.nextDueAt).toBeUndefined();
  });

  it('consent drift found by the daily re-check: one drift card per subscription, once', async () => {
    const s = sweepSetup();
    const reg = await withRegistration(s, 'r1', 120);
    await s.subscribe('r1', 'chan-1');
    await s.subscribe('r1', 'chan-2');
    await s.makeSweep().runOnce();
    expect(s.delivered).toEqual([]);
    s.nextResults.set('r1', (now) =>
      report({
        checkedAt: now.toISOString(),
        end: at(120),
        keyId: 'key-r1',
        clientId: reg.clientId,
        statuses: { 'Directory.Read.All|Application': 'Not granted' },
      }),
    );
    s.clock.set(at(1));
    await s.makeSweep().runOnce();
    expect(s.delivered.map((d) => d.conversationKey).sort()).toEqual(['chan-1', 'chan-2']);
    expect(textOf(s.delivered[0]?.card)).toContain('Directory.Read.All');
    expect(validateCard(s.delivered[0]?.card)).toEqual([]);
    s.clock.set(at(2));
    await s.makeSweep().runOnce();
    expect(s.rechecks()).toBe(2);
    expect(s.delivered).toHaveLength(2);
  });

  it('an expired secret failing its re-check gets the "expired" reminder, not a drift card', async () => {
    const s = sweepSetup();
    await withRegistration(s, 'r1', 0.5);
    await s.subscribe('r1', 'chan');
    await s.makeSweep().runOnce();
    expect(textOf(s.delivered[0]?.card)).toContain('expires in less than a day');
    s.nextResults.set('r1', (now) => failure('secret-expired', now.toISOString()));
    s.clock.set(at(1.2));
    await s.makeSweep().runOnce();
    expect(s.delivered).toHaveLength(2);
    expect(textOf(s.delivered[1]?.card)).toMatch(/Expired: client secret expired/);
  });

  it('a crash between claim and send is recovered after the lease; nothing is sent twice', async () => {
    const s = sweepSetup();
    await withRegistration(s, 'r1', 5);
    await s.subscribe('r1', 'chan');
    let crash = true;
    const crashing = s.makeSweep({
      hooks: {
        afterClaim: async () => {
          if (crash) {
            crash = false;
            throw new Error('process died');
          }
        },
      },
    });
    expect((await crashing.runOnce()).failed).toBe(1);
    expect(s.delivered).toEqual([]);
    s.clock.advance(60_000);
    await s.makeSweep().runOnce(); // "restarted" process: the claim's lease still holds
    expect(s.delivered).toEqual([]);
    s.clock.advance(10 * 60_000);
    await s.makeSweep().runOnce();
    expect(s.delivered).toHaveLength(1);
    s.clock.advance(60 * 60_000);
    await s.makeSweep().runOnce();
    expect(s.delivered).toHaveLength(1);
  });

  it('two sweeps running at once send each reminder once', async () => {
    const s = sweepSetup();
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      await withRegistration(s, id, 3);
      await s.subscribe(id, `chan-${id}`);
      await s.subscribe(id, 'chan-shared');
    }
    await Promise.all([s.makeSweep({ concurrency: 2 }).runOnce(), s.makeSweep({ concurrency: 3 }).runOnce()]);
    expect(s.delivered).toHaveLength(10);
    expect(
      new Set(
        s.delivered.map((d) => `${d.conversationKey}|${JSON.stringify(d.card).match(/"registrationId":"(\w+)"/)?.[1]}`),
      ).size,
    ).toBe(10);
  });

  it('403 ends the subscription and tells the subscriber in personal chat; later sweeps skip it', async () => {
    const s = sweepSetup();
    await withRegistration(s, 'r1', 5, { statusCard: { conversationKey: 'a:personal', activityId: 'x' } });
    const sub = await s.subscribe('r1', 'chan-gone');
    s.failures.set('chan-gone', [{ ok: false, status: 403, reason: 'HTTP 403' }]);
    const summary = await s.makeSweep().runOnce();
    expect(summary.deactivated).toBe(1);
    expect((await s.subscriptions.get('r1', sub.id))?.status).toBe('inactive');
    expect(s.personal.map((p) => p.conversationKey)).toEqual(['a:personal']);
    expect(textOf(s.personal[0]?.card)).toContain('HTTP 403');
    s.clock.set(at(2));
    await s.makeSweep().runOnce();
    expect(s.delivered).toEqual([]);
  });

  it('throttling beyond the retries defers the reminder to a later sweep', async () => {
    const s = sweepSetup();
    await withRegistration(s, 'r1', 5);
    await s.subscribe('r1', 'chan');
    const throttled = { ok: false as const, status: 429, retryAfterMs: 30_000, reason: 'HTTP 429' };
    s.failures.set('chan', [throttled, throttled, throttled, throttled]);
    expect((await s.makeSweep().runOnce()).deferred).toBe(1);
    expect(s.delivered).toEqual([]);
    const due = Date.parse((await s.store.getRegistration('r1'))?.nextDueAt ?? '');
    expect(due).toBeGreaterThanOrEqual(s.clock.now().getTime() + 30_000);
    s.clock.set(due);
    await s.makeSweep().runOnce();
    expect(s.delivered).toHaveLength(1);
  });
});
