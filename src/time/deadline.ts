import { systemClock, type Clock } from './clock';

/**
 * Waiting on work with a time limit. Some SDK calls (the client-secret token request) ignore
 * abort signals, and Teams wants an invoke answered within seconds whatever a check does, so
 * the limit is kept by racing the work against a timer; the timer is always cleared.
 */

/** What `within` saw: the work's value, or that the time ran out first. */
export type Timed<T> = { readonly done: true; readonly value: T } | { readonly done: false };

/**
 * Waits for `work` at most `ms`. Resolves `{ done: true, value }` when it settles in time
 * (a rejection in time rejects), `{ done: false }` when the time runs out first, at once when
 * `ms` is zero or less. The work keeps running either way; a late rejection is not reported
 * as unhandled here, whoever awaits `work` itself still sees it.
 */
export async function within<T>(work: Promise<T>, ms: number): Promise<Timed<T>> {
  work.catch(() => undefined);
  if (ms <= 0) return { done: false };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Settles like `work`, or rejects with `timeoutError()` once `deadline` (epoch ms, read
 * against `clock`) has passed.
 */
export async function byDeadline<T>(
  work: Promise<T>,
  deadline: number,
  timeoutError: () => Error,
  clock: Clock = systemClock,
): Promise<T> {
  const outcome = await within(work, deadline - clock.now().getTime());
  if (!outcome.done) throw timeoutError();
  return outcome.value;
}
