import { durationDays } from '../../../src/repair/graphAppLifecycle';
import { nearestLifetimeMonths, parseLifetimeMonths, secretEnd } from '../../../src/repair/secretLifetime';

describe('secret lifetime', () => {
  const now = new Date('2026-12-03T10:00:00.000Z');

  it('ends the chosen number of calendar months later when the policy allows it', () => {
    expect(secretEnd(now, 6)).toEqual({ endDateTime: '2027-06-03T10:00:00.000Z' });
    expect(secretEnd(now, 6, 365)).toEqual({ endDateTime: '2027-06-03T10:00:00.000Z' });
  });

  it('is capped a minute inside the policy and says so', () => {
    const end = secretEnd(now, 12, 90);
    expect(end.cappedToDays).toBe(90);
    expect(Date.parse(end.endDateTime) - now.getTime()).toBe(90 * 86_400_000 - 60_000);
  });

  it('accepts only the offered lifetimes from card data', () => {
    expect(parseLifetimeMonths('6')).toBe(6);
    expect(parseLifetimeMonths(' 24 ')).toBe(24);
    for (const bad of ['5', '99', '', 'six', '6.0', undefined, null, 6.5])
      expect(parseLifetimeMonths(bad)).toBeUndefined();
  });

  it('keeps a rotation near the current rhythm', () => {
    expect(nearestLifetimeMonths(90)).toBe(3);
    expect(nearestLifetimeMonths(730)).toBe(24);
    expect(nearestLifetimeMonths(200)).toBe(6);
    expect(nearestLifetimeMonths(undefined)).toBe(6);
  });

  it("reads the policy's ISO 8601 durations", () => {
    expect(durationDays('P90D')).toBe(90);
    expect(durationDays('P1Y')).toBe(365);
    expect(durationDays('P1Y30D')).toBe(395);
    for (const bad of ['', 'P', '90', 'PT1H', 42, undefined]) expect(durationDays(bad)).toBeUndefined();
  });
});
