import { DurationError, formatDuration, parseDuration } from '../../../src/time/duration';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['500ms', 500],
    ['1h30m', 5_400_000],
    [' 2D ', 172_800_000],
    ['0s', 0],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', /required/],
    ['   ', /required/],
    ['15', /no unit.*15s/],
    ['1.5h', /not understood/],
    ['-5m', /not understood/],
    ['5 minutes', /not understood/],
    ['1w', /not understood/],
    ['h', /not understood/],
  ])('rejects %j with a message saying what is accepted', (text, message) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(() => parseDuration(text)).toThrow(message);
  });

  it('rejects numbers too large to be exact', () => {
    expect(() => parseDuration('99999999999999999d')).toThrow(/too large/);
  });

  it('keeps long bad input short in the message', () => {
    const error = captureError(() => parseDuration(`x${'y'.repeat(500)}`));
    expect(error.message.length).toBeLessThan(200);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [90_000, '1m30s'],
    [86_400_000, '1d'],
    [5_400_000, '1h30m'],
    [1_500, '1s500ms'],
  ])('writes %d as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [1, 999, 61_000, 90_061_001]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});

function captureError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}
