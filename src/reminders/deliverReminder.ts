import type { AdaptiveCard } from '../cards/cardTypes';
import type { StoredRegistration } from '../store/store';
import { deliverCard, type DeliveryResult } from './delivery';
import { deliveryStoppedCard } from './reminderCards';
import type { Subscription } from './subscriptions';
import type { SweepContext, SweepTally } from './sweepContext';

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
  ctx.logger.warn('reminder.deferred', {
    registrationId: registration.id,
    subscriptionId: subscription.id,
    status: result.status,
    reason: result.reason,
  });
  return { sent: false, wakeAt: result.retryAt.getTime() };
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
  ctx.logger.warn('reminder.subscription_deactivated', {
    registrationId: registration.id,
    subscriptionId: subscription.id,
    status: result.status,
    reason: result.reason,
  });
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
