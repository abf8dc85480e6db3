/**
 * Latency statistics for the load benchmarks. Percentiles use the nearest-rank method (the
 * smallest sample with at least p% of samples at or below it), so p99 of 100 samples is the
 * 99th smallest and every reported value is a latency that really happened.
 */

/** Nearest-rank percentile of `values` (any order; not modified). NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** What a load round reports about its latencies (milliseconds). */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

/** Count, p50, p99, mean and max of `values`; NaN fields for an empty list. */
export function summarizeLatencies(values: readonly number[]): LatencySummary {
  if (values.length === 0) return { count: 0, p50: Number.NaN, p99: Number.NaN, mean: Number.NaN, max: Number.NaN };
  let sum = 0;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v > max) max = v;
  }
  return {
    count: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    mean: sum / values.length,
    max,
  };
}

/** Completed requests per second over a wall-clock duration; 0 when nothing was timed. */
export function throughputPerSecond(completed: number, durationMs: number): number {
  return durationMs > 0 ? (completed * 1000) / durationMs : 0;
}

/** The median of `values` (mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
