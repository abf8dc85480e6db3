import type { AdaptiveCard } from '../cards/cardTypes';
import type { StoredRegistration } from '../store/store';
import type { DeliveryTarget, Notifier } from './notifier';
import { TEAMS_CONVERSATION_WINDOWS, TEAMS_TENANT_WINDOWS, type Pacer } from './pacer';
import { backoffDelayMs, classifyStatus, type RetryOptions } from './retryPolicy';
import { deliveryStoppedCard } from './subscriptionCards';
import type { Subscription } from './subscriptions';
import type { SweepContext, SweepTally } from './sweep';
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

export interface ReminderDelivery {
  readonly sent: boolean;
  /** When the registration must be looked at again for this item (lease end, retry time). */
  readonly wakeAt?: number;
}

/**
 * Claim, then send, then record: the ledger record is claimed before anything leaves, so two
 * sweeps (or two processes) never both send it. 403/404 ends the subscription and tells its
 * subscriber; a transient failure gives the claim back for a later sweep.
 */
export async function deliverReminder(
  ctx: SweepContext,
  tally: SweepTally,
  ledgerKey: string,
  registration: StoredRegistration,
  subscription: Subscription,
  card: AdaptiveCard,
): Promise<ReminderDelivery> {
  const claim = await ctx.ledger.claim(ledgerKey, ctx.clock.now());
  if (!claim.claimed) {
    const inFlight = claim.entry?.state === 'claimed' && claim.leaseEndsAt !== undefined;
    return inFlight ? { sent: false, wakeAt: Date.parse(claim.leaseEndsAt ?? '') } : { sent: false };
  }
  await ctx.hooks?.afterClaim?.(ledgerKey);
  const result = await deliverCard(
    ctx.delivery,
    { conversationKey: subscription.conversationKey, tenantId: subscription.tenantId },
    card,
  );
  if (result.kind === 'sent') {
    await ctx.ledger.markSent(ledgerKey, claim.claimedAt, ctx.clock.now(), result.activityId);
    tally.sent += 1;
    return { sent: true };
  }
  if (result.kind === 'gone') {
    await ctx.ledger.markFailed(ledgerKey, claim.claimedAt, result.status);
    await deactivate(ctx, tally, registration, subscription, result);
    return { sent: false };
  }
  await ctx.ledger.release(ledgerKey);
  tally.deferred += 1;
  ctx.logger.warn('reminder.deferred', failureFacts(registration, subscription, result));
  return { sent: false, wakeAt: result.retryAt.getTime() };
}

/** What the log says about a send that did not go out. */
function failureFacts(
  registration: StoredRegistration,
  subscription: Subscription,
  result: Extract<DeliveryResult, { kind: 'gone' | 'deferred' }>,
): Record<string, unknown> {
  return {
    registrationId: registration.id,
    subscriptionId: subscription.id,
    status: result.status,
    reason: result.reason,
  };
}

async function deactivate(
  ctx: SweepContext,
  tally: SweepTally,
  registration: StoredRegistration,
  subscription: Subscription,
  result: Extract<DeliveryResult, { kind: 'gone' }>,
): Promise<void> {
  const current = (await ctx.subscriptions.get(subscription.registrationId, subscription.id)) ?? subscription;
  if (current.status !== 'active') return;
  const reason = result.status ? `HTTP ${result.status}` : result.reason;
  await ctx.subscriptions.save({
    ...current,
    status: 'inactive',
    statusReason: reason,
    statusChangedAt: ctx.clock.now().toISOString(),
  });
  tally.deactivated += 1;
  ctx.logger.warn('reminder.subscription_deactivated', failureFacts(registration, subscription, result));
  const personal =
    registration.ownerId === subscription.subscriberId ? registration.statusCard?.conversationKey : undefined;
  if (!personal) return;
  const told = await ctx.delivery.notifier.notifyPersonal(
    personal,
    deliveryStoppedCard(registration, subscription, result.status),
  );
  if (!told)
    ctx.logger.warn('reminder.subscriber_not_told', {
      registrationId: registration.id,
      subscriptionId: subscription.id,
    });
}
