import type { BenchSection } from './benchSection';
import { measureConsentBench, type ConsentBenchRaw } from './consentBenchRuns';
import { inSandboxProcess } from './sandboxWorker';
/**
 * Issue 2's performance targets, measured against the sandbox with 50 ms added to every
 * request: warm re-check <= 1.2 x one round trip, cold check <= 3.5 x, and at least 2.5 x
 * faster than a naive reader doing the same reads one GET at a time with a fresh token.
 */

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** The measurements need a process that trusts the sandbox CA from its start (NODE_EXTRA_CA_CERTS). */
function measure(runs: number): Promise<ConsentBenchRaw> {
  return inSandboxProcess('consentBenchWorker.js', { CONSENT_BENCH_RUNS: String(runs) }, () =>
    measureConsentBench(runs),
  );
}

/** Runs the benchmark and reports medians, ratios and whether each target is met. */
export async function runConsentBench(runs = 15): Promise<BenchSection> {
  const raw = await measure(runs);
  const m = {
    roundTrip: median(raw.samples.roundTrip.ms),
    cold: median(raw.samples.cold.ms),
    warm: median(raw.samples.warm.ms),
    naive: median(raw.samples.naive.ms),
  };
  const requests = (k: keyof typeof m): number => Math.max(...raw.samples[k].requests);
  const row = (
    scenario: string,
    k: keyof typeof m,
    target: string,
    pass: boolean | undefined,
  ): Record<string, string | number> => ({
    scenario,
    'requests/run': requests(k),
    'median ms': round(m[k]),
    'x round trip': round(m[k] / m.roundTrip, 2),
    target,
    result: pass === undefined ? '-' : pass ? 'PASS' : 'FAIL',
  });
  const warmSpeedup = m.naive / m.warm;
  const coldSpeedup = m.naive / m.cold;
  return {
    title: `Consent check vs naive reader (${raw.latencyMs} ms injected per request, median of ${raw.runs} runs)`,
    rows: [
      row('one round trip (GET)', 'roundTrip', 'reference', undefined),
      row('warm re-check (cached token)', 'warm', '<= 1.2 x round trip', m.warm <= 1.2 * m.roundTrip),
      row('cold check (new credential)', 'cold', '<= 3.5 x round trip', m.cold <= 3.5 * m.roundTrip),
      row('naive sequential reader', 'naive', 'reference', undefined),
      {
        scenario: 'speed-up: naive / warm re-check',
        'requests/run': '',
        'median ms': '',
        'x round trip': round(warmSpeedup, 2),
        target: '>= 2.5 x',
        result: warmSpeedup >= 2.5 ? 'PASS' : 'FAIL',
      },
      {
        scenario: 'speed-up: naive / cold check',
        'requests/run': '',
        'median ms': '',
        'x round trip': round(coldSpeedup, 2),
        target: '(informative)',
        result: '-',
      },
    ],
    notes: [
      'Cold = discovery + token + one Graph $batch (3 requests); warm = the batch alone (1 request); naive = discovery + token + 4 GETs (6 requests).',
      'The 2.5x target is judged on the warm re-check (what Retest does); a cold check makes half the naive requests, so about 2x is its ceiling.',
      'Round trip = one authenticated GET on an open connection to the sandbox Graph; the sandbox runs on loopback, so the injected latency dominates.',
    ],
  };
}
