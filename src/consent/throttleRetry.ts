import type { Clock } from '../time/clock';
import { parseRetryAfterMs } from '../time/retryAfter';

/**
 * The one retry rule for Graph reads that came back throttled (a batch item, a further page,
 * the batch POST itself): wait the answer's Retry-After and send again, a bounded number of
 * times, and only while the wait is short and ends before the check's deadline. Graph asks
 * callers to honour Retry-After:
 * https://learn.microsoft.com/graph/throttling#best-practices-to-handle-throttling
 */

/** Statuses re-sent after their Retry-After (batch items and plain GETs of further pages). */
export const RETRYABLE_ITEM_STATUS: ReadonlySet<number> = new Set([429, 503, 504]);
/** The wait when a throttled answer carries no usable Retry-After. */
export const DEFAULT_ITEM_WAIT_MS = 1000;

export interface ThrottleRetryPolicy {
  /** Re-sends after the first attempt. */
  readonly maxRetries: number;
  /** Longest Retry-After honoured; a longer one ends the retries. */
  readonly maxRetryWaitMs: number;
  /** Epoch ms (by `clock`) by which the wait must be over. */
  readonly deadline: number;
  readonly clock: Clock;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly signal?: AbortSignal;
}

/** The wait a throttled answer asks for: its Retry-After, else the default. */
export function throttleWaitMs(retryAfter: string | null | undefined, clock: Clock): number {
  return parseRetryAfterMs(retryAfter, clock.now()) ?? DEFAULT_ITEM_WAIT_MS;
}

/** True when waiting `waitMs` is allowed: short enough and over before the deadline. */
export function waitFits(waitMs: number, policy: Pick<ThrottleRetryPolicy, 'maxRetryWaitMs' | 'deadline' | 'clock'>) {
  return waitMs <= policy.maxRetryWaitMs && policy.clock.now().getTime() + waitMs < policy.deadline;
}

/**
 * Runs `attempt`, and again after a wait while `waitAsked` says the result was throttled
 * (a wait in ms; undefined when it was not) and the policy allows it. Returns the last result.
 */
export async function retryThrottled<T>(
  attempt: () => Promise<T>,
  waitAsked: (result: T) => number | undefined,
  policy: ThrottleRetryPolicy,
): Promise<T> {
  for (let retries = 0; ; retries += 1) {
    const result = await attempt();
    const waitMs = waitAsked(result);
    if (waitMs === undefined || retries >= policy.maxRetries || !waitFits(waitMs, policy)) return result;
    await policy.sleep(waitMs, policy.signal);
  }
}
