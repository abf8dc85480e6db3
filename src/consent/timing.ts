import { byDeadline } from '../time/deadline';
import { CheckTimeoutError } from './errors';

/** Settles like `work`, or rejects with CheckTimeoutError once `deadline` (epoch ms) passes. */
export function withDeadline<T>(
  work: Promise<T>,
  deadline: number,
  stage: CheckTimeoutError['stage'],
  timeoutMs: number,
): Promise<T> {
  return byDeadline(work, deadline, () => new CheckTimeoutError(stage, timeoutMs));
}

/** Waits `ms`, or rejects early when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A Retry-After header value in milliseconds: delta-seconds or an HTTP date. Undefined when
 * absent or unreadable, so callers pick their own default.
 */
export function parseRetryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
