import { DEFAULT_ITEM_WAIT_MS, retryThrottled, throttleWaitMs, waitFits } from '../../../src/consent/throttleRetry';
import { createFakeClock } from '../../../src/time/clock';

describe('retryThrottled', () => {
  const clock = createFakeClock('2025-01-01T00:00:00Z');
  const policy = (waits: number[], overrides: { maxRetries?: number; deadline?: number } = {}) => ({
    maxRetries: overrides.maxRetries ?? 2,
    maxRetryWaitMs: 10_000,
    deadline: overrides.deadline ?? clock.now().getTime() + 60_000,
    clock,
    sleep: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });

  test('re-runs while throttled, at most maxRetries times, waiting what each answer asks', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retryThrottled(
      () => Promise.resolve(++calls),
      () => 2_000,
      policy(waits),
    );
    expect(result).toBe(3);
    expect(waits).toEqual([2_000, 2_000]);
  });

  test('stops at the first answer that is not throttled', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retryThrottled(
      () => Promise.resolve(++calls),
      (n) => (n < 2 ? 500 : undefined),
      policy(waits),
    );
    expect(result).toBe(2);
    expect(waits).toEqual([500]);
  });

  test('a wait that ends after the deadline (by the clock) or is too long ends the retries', async () => {
    const waits: number[] = [];
    const soon = clock.now().getTime() + 1_000;
    expect(
      await retryThrottled(
        () => Promise.resolve('x'),
        () => 1_000,
        policy(waits, { deadline: soon }),
      ),
    ).toBe('x');
    expect(
      await retryThrottled(
        () => Promise.resolve('y'),
        () => 10_001,
        policy(waits),
      ),
    ).toBe('y');
    expect(waits).toEqual([]);
  });

  test('waitFits and throttleWaitMs read the clock', () => {
    const deadline = clock.now().getTime() + 5_000;
    expect(waitFits(4_999, { maxRetryWaitMs: 10_000, deadline, clock })).toBe(true);
    expect(waitFits(5_000, { maxRetryWaitMs: 10_000, deadline, clock })).toBe(false);
    expect(throttleWaitMs('2', clock)).toBe(2_000);
    expect(throttleWaitMs('Wed, 01 Jan 2025 00:00:07 GMT', clock)).toBe(7_000);
    expect(throttleWaitMs(undefined, clock)).toBe(DEFAULT_ITEM_WAIT_MS);
  });
});
