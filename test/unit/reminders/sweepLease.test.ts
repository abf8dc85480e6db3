import { createSweepLease } from '../../../src/reminders/sweepLease';
import { createMemoryStore } from '../../../src/store/memoryStore';
import { createFakeClock } from '../../../src/time/clock';
import { DAY, registration, report } from './reminderFixtures';
import { sweepSetup } from './sweepSetup';

describe('the one-sweeper lease', () => {
  const setup = () => {
    const clock = createFakeClock('2025-06-01T00:00:00.000Z');
    const store = createMemoryStore({ clock });
    const lease = (owner: string) => createSweepLease({ store, clock, leaseMs: 30_000, owner });
    return { clock, store, a: lease('a'), b: lease('b') };
  };

  it('is held by one instance; the holder renews it past half its length and keeps it', async () => {
    const { clock, a, b } = setup();
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    clock.advance(20_000);
    expect(await a.keep()).toBe(true); // renewed: now held until 50 s
    clock.advance(20_000);
    expect(await b.acquire()).toBe(false); // 40 s: the first term is over, the renewed one is not
    expect(await a.keep()).toBe(true);
  });

  it('passes to another instance once the holder stops renewing, and the old holder then stops', async () => {
    const { clock, a, b } = setup();
    await a.acquire();
    clock.advance(30_001); // a crashed or stalled: nothing renewed
    expect(await b.acquire()).toBe(true);
    expect(await a.keep()).toBe(false);
  });

  it('is released at once by its holder, and never by anyone else', async () => {
    const { store, a, b } = setup();
    await a.acquire();
    await b.release(); // b holds nothing: no effect
    expect(await store.getKv('sweep-lease', 'reminders')).toEqual({ owner: 'a' });
    await a.release();
    expect(await b.acquire()).toBe(true);
    expect(await a.keep()).toBe(false);
  });
});

describe('the sweep with a lease', () => {
  const START = new Date('2025-06-01T00:00:00.000Z');

  async function twoInstances() {
    const clock = createFakeClock(START);
    const store = createMemoryStore({ clock });
    const one = sweepSetup(START.toISOString(), store, clock);
    const two = sweepSetup(START.toISOString(), store, clock);
    for (const id of ['r1', 'r2', 'r3', 'r4']) {
      await store.saveRegistration(
        registration(
          id,
          report({
            checkedAt: START.toISOString(),
            end: new Date(START.getTime() + 5 * DAY).toISOString(),
            keyId: `key-${id}`,
            clientId: `c1c1c1c1-0000-4000-8000-0000000000${id.length}${id.slice(1)}`,
          }),
        ),
      );
      await one.subscribe(id, `chan-${id}`);
    }
    return { clock, store, one, two };
  }

  it('lets only one of two instances sweep at a time; every reminder is sent once', async () => {
    const { clock, store, one, two } = await twoInstances();
    const leaseOf = (owner: string) => createSweepLease({ store, clock, owner });
    const [first, second] = await Promise.all([
      one.makeSweep({ lease: leaseOf('one') }).runOnce(),
      two.makeSweep({ lease: leaseOf('two') }).runOnce(),
    ]);
    expect([first.processed, second.processed].sort()).toEqual([0, 4]);
    expect([...one.delivered, ...two.delivered].map((d) => d.conversationKey).sort()).toEqual([
      'chan-r1',
      'chan-r2',
      'chan-r3',
      'chan-r4',
    ]);
    // Released at the end: the other instance may sweep next (nothing is due any more).
    expect(await store.getKv('sweep-lease', 'reminders')).toBeUndefined();
  });

  it('stops before the next registration once its lease is lost, and the next sweeper finishes the job', async () => {
    const { clock, store, one, two } = await twoInstances();
    let keeps = 0;
    const real = createSweepLease({ store, clock, owner: 'one' });
    const losing = { ...real, keep: async () => (keeps += 1) <= 2 && real.keep() };
    const cut = await one.makeSweep({ lease: losing, concurrency: 1 }).runOnce();
    expect(cut.processed).toBe(2);
    expect(one.delivered).toHaveLength(2);
    clock.advance(30_001);
    const rest = await two.makeSweep({ lease: createSweepLease({ store, clock, owner: 'two' }) }).runOnce();
    expect(rest.processed).toBe(2);
    expect([...one.delivered, ...two.delivered].map((d) => d.conversationKey).sort()).toEqual([
      'chan-r1',
      'chan-r2',
      'chan-r3',
      'chan-r4',
    ]);
  });
});
