import { formatDate, formatDateTime, resolveTimeZone } from '../../../src/cards/formatDate';
import { daysLeft, daysLeftInWords, expiryInWords } from '../../../src/time/daysLeft';

describe('resolveTimeZone', () => {
  it('keeps a known IANA zone and falls back to UTC otherwise', () => {
    expect(resolveTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(resolveTimeZone(undefined)).toBe('UTC');
    expect(resolveTimeZone('')).toBe('UTC');
    expect(resolveTimeZone('Mars/Olympus_Mons')).toBe('UTC');
  });
});

describe('formatDateTime', () => {
  it('names the zone and converts to it', () => {
    expect(formatDateTime('2025-03-10T09:30:00Z')).toBe('10 Mar 2025, 09:30 (UTC)');
    expect(formatDateTime('2025-03-10T09:30:00Z', 'Europe/Berlin')).toBe('10 Mar 2025, 10:30 (Europe/Berlin)');
    expect(formatDateTime('2025-03-10T09:30:00Z', 'Not/AZone')).toBe('10 Mar 2025, 09:30 (UTC)');
  });

  it('follows daylight saving time', () => {
    expect(formatDateTime('2025-07-10T09:30:00Z', 'Europe/Berlin')).toBe('10 Jul 2025, 11:30 (Europe/Berlin)');
    expect(formatDateTime('2025-03-30T00:59:00Z', 'Europe/Berlin')).toBe('30 Mar 2025, 01:59 (Europe/Berlin)');
    expect(formatDateTime('2025-03-30T01:00:00Z', 'Europe/Berlin')).toBe('30 Mar 2025, 03:00 (Europe/Berlin)');
  });

  it('can move the date across midnight', () => {
    expect(formatDate('2025-03-10T23:30:00Z', 'Asia/Tokyo')).toBe('11 Mar 2025 (Asia/Tokyo)');
    expect(formatDate('2025-03-10T02:00:00Z', 'America/Los_Angeles')).toBe('9 Mar 2025 (America/Los_Angeles)');
  });

  it('never throws on a bad date', () => {
    expect(formatDateTime('not a date')).toBe('unknown date');
    expect(formatDate('')).toBe('unknown date');
  });
});

// Days left used to be counted on the reader's wall calendar here, which made the status card
// say 200 while the CLI said 199. The same scenarios now check the one rule (src/time/daysLeft):
// whole 24-hour periods, whatever the zone.
describe('days left is the same figure in every zone', () => {
  const now = new Date('2025-03-10T09:30:00Z');

  it('counts whole 24-hour periods, not wall-calendar days', () => {
    expect(daysLeft(new Date('2025-03-10T23:59:00Z'), now)).toBe(0);
    expect(daysLeft(new Date('2025-03-11T00:01:00Z'), now)).toBe(0);
    // 23:59 UTC on the 10th is already the 11th in Tokyo: the figure does not care.
    expect(daysLeft(new Date('2025-03-10T23:59:00Z'), now)).toBe(0);
    expect(daysLeft(new Date('2025-03-07T12:00:00Z'), now)).toBe(-2); // 2 days 21.5 hours ago
  });

  it('is not thrown off by a DST change or a leap day', () => {
    expect(daysLeft(new Date('2025-03-31T12:00:00Z'), new Date('2025-03-29T12:00:00Z'))).toBe(2);
    expect(daysLeft(new Date('2024-03-01T12:00:00Z'), new Date('2024-02-28T12:00:00Z'))).toBe(2);
    expect(daysLeft(new Date('2023-03-01T12:00:00Z'), new Date('2023-02-28T12:00:00Z'))).toBe(1);
  });
});

describe('days left in words', () => {
  it.each([
    [30, 'expires in 30 days'],
    [3, 'expires in 3 days'],
    [1, 'expires in 1 day'],
    [0, 'expires in less than a day'],
    [-1, 'expired 1 day ago'],
    [-2, 'expired 2 days ago'],
  ])('%i -> %s', (days, words) => {
    expect(daysLeftInWords(days)).toBe(words);
  });

  it('says "expired less than a day ago" when the figure is 0 but the moment has passed', () => {
    expect(daysLeftInWords(0, true)).toBe('expired less than a day ago');
    const now = new Date('2025-03-10T09:30:00Z');
    expect(expiryInWords('2025-03-10T08:00:00Z', now)).toBe('expired less than a day ago');
    expect(expiryInWords('2025-03-10T18:00:00Z', now)).toBe('expires in less than a day');
    expect(expiryInWords('2025-03-13T12:00:00Z', now)).toBe('expires in 3 days');
    expect(expiryInWords('garbage', now)).toBe('expiry unknown');
  });
});
