import { createFakeClock, systemClock } from '../../../src/time/clock';

describe('systemClock', () => {
  it('returns a valid Date each call', () => {
    const first = systemClock.now();
    expect(first).toBeInstanceOf(Date);
    expect(Number.isNaN(first.getTime())).toBe(false);
    expect(systemClock.now()).not.toBe(first);
  });
});

describe('createFakeClock', () => {
  it('starts where told and moves only on advance', () => {
    const clock = createFakeClock('2024-02-28T12:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2024-02-28T12:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2024-02-28T12:00:00.000Z');
    clock.advance(86_400_000);
    expect(clock.now().toISOString()).toBe('2024-02-29T12:00:00.000Z');
    clock.advance(-1000);
    expect(clock.now().toISOString()).toBe('2024-02-29T11:59:59.000Z');
  });

  it('accepts a Date or epoch ms, and set() jumps', () => {
    expect(createFakeClock(new Date(0)).now().getTime()).toBe(0);
    const clock = createFakeClock(1000);
    expect(clock.set('2030-01-01T00:00:00Z').toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(clock.now().getUTCFullYear()).toBe(2030);
  });

  it('hands out copies that callers cannot use to move time', () => {
    const clock = createFakeClock(5000);
    clock.now().setTime(0);
    expect(clock.now().getTime()).toBe(5000);
  });

  it('refuses invalid times', () => {
    expect(() => createFakeClock('not a date')).toThrow(RangeError);
    expect(() => createFakeClock(0).advance(Number.NaN)).toThrow(RangeError);
  });
});
