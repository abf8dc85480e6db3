import { parseRetryAfterMs } from '../../../src/time/retryAfter';

describe('parseRetryAfterMs', () => {
  const now = new Date(Date.UTC(2025, 0, 1, 12, 0, 0));
  test.each([
    ['3', 3000],
    [' 0 ', 0],
    ['1.5', 1500],
    ['Wed, 01 Jan 2025 12:00:10 GMT', 10_000],
    ['Wed, 01 Jan 2025 11:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%j -> %s', (value, expected) => {
    expect(parseRetryAfterMs(value, now)).toBe(expected);
  });

  it('parses Retry-After in seconds or as an HTTP date (as a Bot Connector send reads it)', () => {
    const midnight = new Date('2025-01-01T00:00:00Z');
    expect(parseRetryAfterMs('3', midnight)).toBe(3_000);
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:10 GMT', midnight)).toBe(10_000);
    expect(parseRetryAfterMs('soon', midnight)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, midnight)).toBeUndefined();
  });
});
