import { createPacer, TEAMS_CONVERSATION_WINDOWS, TEAMS_TENANT_WINDOWS } from '../../../src/reminders/pacer';
import { createFakeClock } from '../../../src/time/clock';

/** The largest number of timestamps inside any window of `windowMs` (half-open). */
function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j += 1;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

function setup(marginMs = 0) {
  const clock = createFakeClock('2025-01-01T00:00:00Z');
  const waits: number[] = [];
  const pacer = createPacer({
    clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    },
    marginMs,
  });
  return { clock, pacer, waits };
}

describe('createPacer', () => {
  it('keeps one conversation within every Teams window: 7/1 s, 8/2 s, 60/30 s', async () => {
    const { clock, pacer } = setup();
    const times: number[] = [];
    for (let i = 0; i < 150; i += 1) {
      (await pacer.acquire([{ key: 'c1', windows: TEAMS_CONVERSATION_WINDOWS }]))();
      times.push(clock.now().getTime());
    }
    expect(maxInWindow(times, 1_000)).toBe(7);
    expect(maxInWindow(times, 2_000)).toBe(8);
    expect(maxInWindow(times, 30_000)).toBe(60);
  });

  it('does not slow down other conversations, but a shared tenant lane caps them together', async () => {
    // Virtual timers: concurrent sleepers wake in time order, as with real timers.
    const clock = createFakeClock('2025-01-01T00:00:00Z');
    const timers: Array<{ at: number; wake: () => void }> = [];
    const pacer = createPacer({
      clock,
      sleep: (ms) => new Promise((wake) => timers.push({ at: clock.now().getTime() + ms, wake })),
      marginMs: 0,
    });
    let done = false;
    const driver = (async () => {
      while (!done) {
        await new Promise((r) => setImmediate(r));
        timers.sort((x, y) => x.at - y.at);
        const next = timers.shift();
        if (!next) continue;
        clock.set(Math.max(next.at, clock.now().getTime()));
        next.wake();
      }
    })();
    const byConversation = new Map<string, number[]>();
    const all: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, c) => {
        for (let i = 0; i < 6; i += 1) {
          (
            await pacer.acquire([
              { key: `c${c}`, windows: TEAMS_CONVERSATION_WINDOWS },
              { key: 'tenant', windows: TEAMS_TENANT_WINDOWS },
            ])
          )();
          const at = clock.now().getTime();
          all.push(at);
          byConversation.set(`c${c}`, [...(byConversation.get(`c${c}`) ?? []), at]);
        }
      }),
    );
    done = true;
    await driver;
    expect(all).toHaveLength(120);
    expect(maxInWindow(all, 1_000)).toBeLessThanOrEqual(45);
    expect(maxInWindow(all, 1_000)).toBeGreaterThan(7);
    for (const times of byConversation.values()) expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(7);
  });

  it('the first sends go out without waiting; the margin widens each window', async () => {
    const { pacer, waits } = setup(100);
    for (let i = 0; i < 7; i += 1) (await pacer.acquire([{ key: 'c', windows: [{ limit: 7, windowMs: 1_000 }] }]))();
    expect(waits).toEqual([]);
    (await pacer.acquire([{ key: 'c', windows: [{ limit: 7, windowMs: 1_000 }] }]))();
    expect(waits).toEqual([1_100]);
  });

  it('a token counts from when its send finished: a slow send pushes the next window back', async () => {
    const { clock, pacer, waits } = setup();
    const lane = [{ key: 'slow', windows: [{ limit: 1, windowMs: 1_000 }] }];
    const finished = await pacer.acquire(lane);
    clock.advance(700); // the request took 700 ms
    finished();
    const start = clock.now().getTime();
    (await pacer.acquire(lane))();
    expect(clock.now().getTime() - start).toBe(1_000);
    expect(waits).toEqual([1_000]);
  });

  it('a send still in flight blocks its lane until it finishes, then one window more', async () => {
    const clock = createFakeClock('2025-01-01T00:00:00Z');
    let finishFirst: (() => void) | undefined;
    const pacer = createPacer({
      clock,
      marginMs: 0,
      sleep: async (ms) => {
        clock.advance(Math.min(ms, 300));
        finishFirst?.(); // the slow request completes 300 ms into the wait
        finishFirst = undefined;
      },
    });
    const lane = [{ key: 'busy', windows: [{ limit: 1, windowMs: 1_000 }] }];
    finishFirst = await pacer.acquire(lane);
    const start = clock.now().getTime();
    (await pacer.acquire(lane))();
    expect(clock.now().getTime() - start).toBe(1_300);
  });
});
