import type { AdaptiveCard } from '../cards/cardTypes';
import type { DeliveryTarget, Notifier } from './notifier';
import { TEAMS_CONVERSATION_WINDOWS, TEAMS_TENANT_WINDOWS, type Pacer } from './pacer';
import { backoffDelayMs, classifyStatus, type RetryOptions } from './retryPolicy';
import type { Clock } from '../time/clock';

export type DeliveryResult =
  | { readonly kind: 'sent'; readonly activityId?: string; readonly attempts: number }
  /** The conversation cannot be reached any more (403/404, or no allowed reference): end the subscription. */
  | { readonly kind: 'gone'; readonly status?: number; readonly reason: string }
  /** Not sent this time; a later sweep tries again from `retryAt`. */
  | { readonly kind: 'deferred'; readonly status?: number; readonly reason: string; readonly retryAt: Date };

export interface DeliveryDeps {
  readonly notifier: Notifier;
  readonly pacer: Pacer;
  readonly retry: RetryOptions;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** When a send fails in a way retrying now will not fix (e.g. 400, 401), try again after this long. */
  readonly failureRetryMs: number;
}

/**
 * Sends one card: paced per conversation and per tenant, retried on transient failures with
 * backoff honouring Retry-After, and classified so the caller can update ledger and
 * subscription. Every attempt, retries included, takes a pacing token.
 */
export async function deliverCard(
  deps: DeliveryDeps,
  target: DeliveryTarget,
  card: AdaptiveCard,
): Promise<DeliveryResult> {
  const lanes = [
    { key: `conversation:${target.conversationKey}`, windows: TEAMS_CONVERSATION_WINDOWS },
    { key: `tenant:${target.tenantId ?? 'unknown'}`, windows: TEAMS_TENANT_WINDOWS },
  ];
  for (let attempt = 1; ; attempt += 1) {
    const finished = await deps.pacer.acquire(lanes);
    const result = await deps.notifier.send(target, card).finally(finished);
    if (result.ok)
      return { kind: 'sent', attempts: attempt, ...(result.activityId ? { activityId: result.activityId } : {}) };
    if (result.refused) return { kind: 'gone', reason: result.reason };
    const failure = classifyStatus(result.status);
    const status = result.status === undefined ? {} : { status: result.status };
    if (failure === 'gone') return { kind: 'gone', reason: result.reason, ...status };
    if (failure === 'fail') {
      return {
        kind: 'deferred',
        reason: result.reason,
        retryAt: new Date(deps.clock.now().getTime() + deps.failureRetryMs),
        ...status,
      };
    }
    const tooLong = result.retryAfterMs !== undefined && result.retryAfterMs > deps.retry.maxDelayMs;
    if (attempt >= deps.retry.maxAttempts || tooLong) {
      const wait = Math.max(result.retryAfterMs ?? 0, deps.retry.baseDelayMs);
      return {
        kind: 'deferred',
        reason: result.reason,
        retryAt: new Date(deps.clock.now().getTime() + wait),
        ...status,
      };
    }
    await deps.sleep(backoffDelayMs(attempt, result.retryAfterMs, deps.retry, deps.random));
  }
}
