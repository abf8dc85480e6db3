import { median, percentile, summarizeLatencies, throughputPerSecond } from '../../../bench/latencyStats';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose

  it('returns a sample that really happened, by rank', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 1)).toBe(1);
  });

  it('rounds the rank up for small samples', () => {
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 99)).toBe(40);
    expect(percentile([7], 99)).toBe(7);
  });

  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('is NaN for no samples and refuses out-of-range percentiles', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('summarizeLatencies', () => {
  it('reports count, p50, p99, mean and max', () => {
    const values = [...Array.from({ length: 99 }, () => 10), 1000];
    expect(summarizeLatencies(values)).toEqual({ count: 100, p50: 10, p99: 10, mean: 19.9, max: 1000 });
  });

  it('shows a slow tail in p99 once it is more than 1% of the samples', () => {
    const values = [...Array.from({ length: 98 }, () => 10), 500, 1000];
    expect(summarizeLatencies(values).p99).toBe(500);
  });

  it('is all NaN with a zero count when nothing completed', () => {
    const s = summarizeLatencies([]);
    expect(s.count).toBe(0);
    expect(s.p50).toBeNaN();
    expect(s.max).toBeNaN();
  });
});

describe('throughputPerSecond and median', () => {
  it('divides completed requests by seconds', () => {
    expect(throughputPerSecond(500, 2000)).toBe(250);
    expect(throughputPerSecond(10, 0)).toBe(0);
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
