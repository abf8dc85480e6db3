import type { StoredRegistration } from '../store/store';
import { absorbResult } from './consentBaseline';
import { deliverReminder } from './delivery';
import type { KnownSecret } from './knownSecret';
import { LedgerKeys } from './ledger';
import { reminderDecision, stepId } from './schedule';
import { buildDriftCard, buildReminderCard } from './subscriptionCards';
import type { Subscription } from './subscriptions';
import type { SweepContext, SweepTally } from './sweep';

const RECHECK_NAMESPACE = 'reminder-recheck';
/** A recheck claim stops parallel sweeps from checking the same registration twice. */
const RECHECK_CLAIM_MS = 15 * 60_000;
/** The next look is never sooner than this, so one sweep cannot spin on a registration. */
const MIN_GAP_MS = 1_000;

/**
 * One due registration: re-check it if its last check is older than RECHECK_INTERVAL, send a
 * drift card if something that worked stopped working, send each subscription's due
 * reminder, then record when it next needs a look (the index the sweep selects by).
 */
export async function remindRegistration(ctx: SweepContext, tally: SweepTally, due: StoredRegistration): Promise<void> {
  const subscriptions = (await ctx.subscriptions.listForRegistration(due.id)).filter((s) => s.status === 'active');
  if (subscriptions.length === 0) {
    await setNextDue(ctx, due.id, undefined);
    return;
  }
  const registration = await maybeRecheck(ctx, tally, due);
  if (!registration) return;
  const now = ctx.clock.now();
  const wake: number[] = [nextRecheckMs(ctx, registration, now)];

  const baseline = await ctx.baselines.get(registration.id);
  const absorbed = registration.lastResult
    ? absorbResult(baseline, registration.lastResult, now, registration.secretHint)
    : undefined;
  let driftPending = false;
  if (absorbed?.drift && registration.lastResult) {
    for (const subscription of subscriptions) {
      const card = buildDriftCard({ links: ctx.links, registration, drift: absorbed.drift, subscription, now });
      const key = LedgerKeys.drift(registration.id, registration.lastResult.checkedAt, subscription.id);
      const out = await deliverReminder(ctx, tally, key, registration, subscription, card);
      if (out.sent) tally.drift += 1;
      if (out.wakeAt !== undefined) {
        driftPending = true;
        wake.push(out.wakeAt);
      }
    }
  }
  // A drift card still owed somewhere keeps the old baseline, so the next sweep finds the drift again.
  if (absorbed && !driftPending) await ctx.baselines.putIfNewer(registration.id, absorbed.baseline);

  const secret = absorbed?.baseline.secret ?? baseline?.secret;
  if (secret) {
    for (const listed of subscriptions) {
      // Fresh copy: a drift send may have just ended it, or someone pressed Snooze or Stop.
      const subscription = await ctx.subscriptions.get(listed.registrationId, listed.id);
      if (subscription?.status !== 'active') continue;
      wake.push(...(await remind(ctx, tally, registration, secret, subscription)));
    }
  }
  await setNextDue(ctx, registration.id, Math.max(Math.min(...wake), now.getTime() + MIN_GAP_MS));
}

/** Sends the one due reminder of this secret to this subscription, if any; returns wake-up times. */
async function remind(
  ctx: SweepContext,
  tally: SweepTally,
  registration: StoredRegistration,
  secret: KnownSecret,
  subscription: Subscription,
): Promise<number[]> {
  const now = ctx.clock.now();
  const series = subscription.series?.seriesId === secret.seriesId ? subscription.series : undefined;
  const prefix = LedgerKeys.seriesPrefix(registration.id, secret.seriesId, subscription.id);
  const entries = await ctx.ledger.list(prefix);
  const wake = entries.flatMap((e) =>
    e.entry.state === 'claimed' && e.leaseEndsAt ? [Date.parse(e.leaseEndsAt)] : [],
  );
  const decision = reminderDecision({
    thresholdDays: ctx.settings.thresholdDays,
    expiresAt: new Date(secret.endDateTime),
    now,
    sentStepIds: entries.map((e) => e.key.slice(prefix.length)),
    ...(series?.snoozedUntil ? { snoozedUntil: new Date(series.snoozedUntil) } : {}),
    muted: series?.rotatedAt !== undefined,
  });
  if (decision.nextAt) wake.push(decision.nextAt.getTime());
  if (!decision.due) return wake;
  const pendingRotation = await ctx.pendingRotation?.(registration.id);
  const card = buildReminderCard({
    links: ctx.links,
    registration,
    secret,
    subscription,
    now,
    step: decision.due,
    ...(pendingRotation ? { pendingRotation } : {}),
  });
  const key = LedgerKeys.step(registration.id, secret.seriesId, subscription.id, stepId(decision.due));
  const out = await deliverReminder(ctx, tally, key, registration, subscription, card);
  if (out.wakeAt !== undefined) wake.push(out.wakeAt);
  if (out.sent && series?.snoozedUntil && Date.parse(series.snoozedUntil) <= now.getTime()) {
    const current = await ctx.subscriptions.get(subscription.registrationId, subscription.id);
    if (current?.series?.seriesId === secret.seriesId) {
      await ctx.subscriptions.save({
        ...current,
        series: {
          seriesId: current.series.seriesId,
          ...(current.series.rotatedAt ? { rotatedAt: current.series.rotatedAt } : {}),
        },
      });
    }
  }
  return wake;
}

async function maybeRecheck(
  ctx: SweepContext,
  tally: SweepTally,
  registration: StoredRegistration,
): Promise<StoredRegistration | undefined> {
  const now = ctx.clock.now();
  const last = registration.lastCheckedAt ? Date.parse(registration.lastCheckedAt) : Number.NaN;
  if (Number.isFinite(last) && now.getTime() - last < ctx.settings.recheckIntervalMs) return registration;
  const claimMs = Math.min(ctx.settings.recheckIntervalMs, RECHECK_CLAIM_MS);
  const won = await ctx.store.putKvIfAbsent(RECHECK_NAMESPACE, registration.id, {
    value: now.toISOString(),
    expiresAt: new Date(now.getTime() + claimMs).toISOString(),
  });
  if (!won) return registration;
  try {
    const checked = await ctx.rechecker.recheckAny(registration.id);
    if (!checked) return undefined;
    tally.rechecked += 1;
    if (checked.forgotten) return undefined;
    return checked.registration ?? registration;
  } catch (error) {
    ctx.logger.error('reminder.recheck_failed', { registrationId: registration.id, error });
    return registration;
  }
}

function nextRecheckMs(ctx: SweepContext, registration: StoredRegistration, now: Date): number {
  const last = registration.lastCheckedAt ? Date.parse(registration.lastCheckedAt) : Number.NaN;
  const next = last + ctx.settings.recheckIntervalMs;
  return Number.isFinite(next) && next > now.getTime()
    ? next
    : now.getTime() + Math.min(ctx.settings.recheckIntervalMs, RECHECK_CLAIM_MS);
}

/** Updates only the index field, on a fresh copy, so concurrent edits of the registration survive. */
export async function setNextDue(
  ctx: Pick<SweepContext, 'store'>,
  registrationId: string,
  atMs: number | undefined,
): Promise<void> {
  const fresh = await ctx.store.getRegistration(registrationId);
  if (!fresh) return;
  const nextDueAt = atMs === undefined || !Number.isFinite(atMs) ? undefined : new Date(atMs).toISOString();
  if (fresh.nextDueAt === nextDueAt) return;
  // Update only while present: a forget between the read and this write must stay forgotten.
  await ctx.store.updateRegistrationIfPresent({ ...fresh, nextDueAt }, ['nextDueAt']);
}
