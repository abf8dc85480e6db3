import { percentile } from '../../bench/latencyStats';
import { fuzzActivity } from './activityFuzzer';
import { seededRandom } from './seededRandom';

export interface FuzzOptions {
  /** The bot's base URL (http://127.0.0.1:port). */
  readonly botUrl: string;
  /** The Bot Connector double's serviceUrl, used by the unmutated cases. */
  readonly serviceUrl: string;
  readonly cases: number;
  readonly seed: number;
  /** Probe /healthz after every this many cases. */
  readonly healthEvery?: number;
}

/** One case answered with 5xx or not answered at all, with what reproduces it. */
export interface FuzzFailure {
  readonly n: number;
  readonly status: number | 'no answer';
  readonly body: string;
  readonly activity: string;
}

export interface FuzzResult {
  readonly cases: number;
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly failures: readonly FuzzFailure[];
  readonly healthChecks: number;
  readonly healthFailures: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * Posts `cases` seeded fuzz activities to a running bot one at a time and reports every
 * answer >= 500 (or none), /healthz failures and the answer-time percentiles. Shared by the
 * test suite's bounded run and the 5,000-case bench script, so both measure the same thing.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const random = seededRandom(options.seed);
  const statusCounts: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  const times: number[] = [];
  let healthChecks = 0;
  let healthFailures = 0;
  for (let n = 0; n < options.cases; n += 1) {
    const activity = JSON.stringify(fuzzActivity(random, n, options.serviceUrl));
    const started = performance.now();
    let status: number | 'no answer';
    let body = '';
    try {
      const response = await fetch(`${options.botUrl}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: activity,
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      body = (await response.text()).slice(0, 300);
    } catch (error) {
      status = 'no answer';
      body = error instanceof Error ? error.message : String(error);
    }
    times.push(performance.now() - started);
    statusCounts[String(status)] = (statusCounts[String(status)] ?? 0) + 1;
    if (status === 'no answer' || status >= 500) failures.push({ n, status, body, activity: activity.slice(0, 2000) });
    if ((n + 1) % (options.healthEvery ?? 100) === 0 || n === options.cases - 1) {
      healthChecks += 1;
      const health = await fetch(`${options.botUrl}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      if (health !== 200) healthFailures += 1;
    }
  }
  const round = (ms: number): number => (Number.isFinite(ms) ? Math.round(ms * 10) / 10 : 0);
  return {
    cases: options.cases,
    statusCounts,
    failures,
    healthChecks,
    healthFailures,
    p50Ms: round(percentile(times, 50)),
    p99Ms: round(percentile(times, 99)),
    maxMs: round(percentile(times, 100)),
  };
}
