/**
 * The one way code asks for "now". Schedules, expiries and single-use tokens take a Clock so
 * tests can run years of reminders in milliseconds with a fake one.
 */
export interface Clock {
  now(): Date;
}

/** The real wall clock. */
export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock that moves only when told to; `now()` returns a fresh Date each call. */
export interface FakeClock extends Clock {
  /** Moves time forward (or back, with a negative number) by ms milliseconds. */
  advance(ms: number): Date;
  /** Jumps to an absolute time. */
  set(time: Date | string | number): Date;
}

/** Creates a FakeClock starting at `start` (a Date, an ISO string or epoch milliseconds). */
export function createFakeClock(start: Date | string | number = '2025-01-01T00:00:00.000Z'): FakeClock {
  let current = toEpoch(start);
  return {
    now: () => new Date(current),
    advance(ms: number): Date {
      if (!Number.isFinite(ms)) throw new RangeError('advance() needs a finite number of milliseconds');
      current += ms;
      return new Date(current);
    },
    set(time: Date | string | number): Date {
      current = toEpoch(time);
      return new Date(current);
    },
  };
}

function toEpoch(time: Date | string | number): number {
  const epoch = time instanceof Date ? time.getTime() : typeof time === 'string' ? Date.parse(time) : time;
  if (!Number.isFinite(epoch)) throw new RangeError('The fake clock needs a valid date');
  return epoch;
}
