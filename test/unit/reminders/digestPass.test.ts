import { createDigests } from '../../../src/reminders/digests';
import { createMemoryStore } from '../../../src/store/memoryStore';
import { createFakeClock } from '../../../src/time/clock';
import { DAY, registration, report } from './reminderFixtures';
import { sweepSetup, textOf } from './sweepSetup';

const START = '2025-06-01T00:00:00.000Z';

async function world() {
  const clock = createFakeClock(START);
  const store = createMemoryStore({ clock });
  const digests = createDigests(store);
  await store.saveRegistration(
    registration('r1', report({ checkedAt: START, end: new Date(Date.parse(START) + 90 * DAY).toISOString() })),
  );
  for (const c of ['chan-1', 'chan-2', 'chan-3']) {
    await digests.subscribe({ conversationKey: c, subscriberId: 'owner-1', subscriberName: 'Ada' }, clock.now());
  }
  return { clock, store, digests, one: sweepSetup(START, store, clock), two: sweepSetup(START, store, clock) };
}

describe('weekly digests in the sweep', () => {
  it('two instances sweeping at once post each digest once; the next is a week later', async () => {
    const w = await world();
    await Promise.all([
      w.one.makeSweep({ digests: w.digests }).runOnce(),
      w.two.makeSweep({ digests: w.digests }).runOnce(),
    ]);
    const sent = [...w.one.delivered, ...w.two.delivered];
    expect(sent.map((d) => d.conversationKey).sort()).toEqual(['chan-1', 'chan-2', 'chan-3']);
    expect(textOf(sent[0]?.card)).toContain("Weekly digest: Ada's connectors (1)");
    expect((await w.digests.get('chan-1', 'owner-1'))?.nextAt).toBe(
      new Date(Date.parse(START) + 7 * DAY).toISOString(),
    );
    w.clock.advance(6 * DAY);
    await w.one.makeSweep({ digests: w.digests }).runOnce();
    expect(w.one.delivered.length + w.two.delivered.length).toBe(3);
    w.clock.advance(DAY);
    await w.one.makeSweep({ digests: w.digests }).runOnce();
    expect(w.one.delivered.length + w.two.delivered.length).toBe(6);
  });

  it('stops posting where the bot was removed (403), and says so in the list', async () => {
    const w = await world();
    w.one.failures.set('chan-2', [{ ok: false, status: 403, reason: 'Forbidden' }]);
    await w.one.makeSweep({ digests: w.digests }).runOnce();
    expect(w.one.delivered.map((d) => d.conversationKey).sort()).toEqual(['chan-1', 'chan-3']);
    expect(await w.digests.get('chan-2', 'owner-1')).toMatchObject({ status: 'inactive' });
    w.clock.advance(8 * DAY);
    await w.one.makeSweep({ digests: w.digests }).runOnce();
    expect(w.one.delivered.filter((d) => d.conversationKey === 'chan-2')).toEqual([]);
  });
});
