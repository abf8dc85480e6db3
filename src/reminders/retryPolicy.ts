/**
 * When to retry a proactive send: Teams asks bots to retry 429, 412, 502 and 504 with
 * exponential backoff and jitter (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit),
 * here never sooner than the service's Retry-After; 403 and 404 mean the bot was removed or
 * the conversation is gone, so the subscription ends.
 */

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 412, 502, 504]);
export const GONE_STATUSES: ReadonlySet<number> = new Set([403, 404]);

export interface RetryOptions {
  /** Attempts in one sweep, including the first. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  /** No single wait is longer; a Retry-After beyond it defers the send to a later sweep. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 60_000 };

export type FailureClass = 'retry' | 'gone' | 'fail';

/** Network errors (no status) are treated like 502: the service may be back in a moment. */
export function classifyStatus(status: number | undefined): FailureClass {
  if (status === undefined || RETRYABLE_STATUSES.has(status)) return 'retry';
  if (GONE_STATUSES.has(status)) return 'gone';
  return 'fail';
}

/**
 * Wait before retry number `attempt` (1 = first retry): "equal jitter" exponential backoff,
 * half fixed and half random so many senders spread out, and at least Retry-After.
 */
export function backoffDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  options: RetryOptions,
  random: () => number,
): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.ceil(Math.max(jittered, retryAfterMs ?? 0));
}
