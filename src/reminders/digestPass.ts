import { overviewCard } from '../cards/overviewCard';
import { overviewRows } from '../registrations/overviewRows';
import { deliverCard } from './delivery';
import { DIGEST_PERIOD_MS, type Digests, type DigestSubscription } from './digests';
import type { SweepContext } from './sweep';

const LEDGER = 'digest-ledger';

/** What one pass over the due digests did. */
export interface DigestTally {
  sent: number;
  deferred: number;
  deactivated: number;
}

/**
 * Posts the weekly digests that are due: one card per conversation and subscriber listing all
 * of that person's registrations, most urgent first (no buttons: Retest belongs in a personal
 * chat). Each week's digest is claimed in the ledger first, so instances racing post it once;
 * sends are paced and retried like reminders. `keepGoing` is checked before each send (the
 * sweep lease).
 */
export async function sendDueDigests(
  ctx: Pick<SweepContext, 'store' | 'delivery' | 'clock' | 'logger' | 'settings'>,
  digests: Digests,
  keepGoing: () => Promise<boolean>,
): Promise<DigestTally> {
  const tally: DigestTally = { sent: 0, deferred: 0, deactivated: 0 };
  for (const digest of await digests.listDue(ctx.clock.now())) {
    if (!(await keepGoing())) break;
    await sendOne(ctx, digests, digest, tally);
  }
  if (tally.sent + tally.deferred + tally.deactivated > 0) ctx.logger.info('reminder.digests', { ...tally });
  return tally;
}

async function sendOne(
  ctx: Pick<SweepContext, 'store' | 'delivery' | 'clock' | 'logger' | 'settings'>,
  digests: Digests,
  digest: DigestSubscription,
  tally: DigestTally,
): Promise<void> {
  const now = ctx.clock.now();
  const ledgerKey = `${digest.conversationKey}|${digest.subscriberId}|${digest.nextAt}`;
  const claimed = await ctx.store.putKvIfAbsent(LEDGER, ledgerKey, {
    value: { state: 'claimed', claimedAt: now.toISOString() },
    expiresAt: new Date(now.getTime() + ctx.settings.leaseMs).toISOString(),
  });
  if (!claimed) return;
  const rows = overviewRows(await ctx.store.listRegistrations(digest.subscriberId), now);
  const card = overviewCard({
    rows,
    title: digest.subscriberName ? `Weekly digest: ${digest.subscriberName}'s connectors` : 'Weekly digest: connectors',
    retest: false,
    ...(rows.length === 0 ? { note: 'No registrations left: type "reminders off digest" to stop this digest.' } : {}),
  });
  const result = await deliverCard(
    ctx.delivery,
    { conversationKey: digest.conversationKey, ...(digest.tenantId ? { tenantId: digest.tenantId } : {}) },
    card,
  );
  if (result.kind === 'sent') {
    await ctx.store.putKv(LEDGER, ledgerKey, {
      value: { state: 'sent', sentAt: ctx.clock.now().toISOString() },
      expiresAt: new Date(now.getTime() + 4 * DIGEST_PERIOD_MS).toISOString(),
    });
    // A bot that was down for weeks posts one digest, not one per missed week.
    const next = Math.max(Date.parse(digest.nextAt) + DIGEST_PERIOD_MS, now.getTime() + DIGEST_PERIOD_MS / 7);
    await digests.save({ ...digest, nextAt: new Date(next).toISOString() });
    tally.sent += 1;
    return;
  }
  await ctx.store.deleteKv(LEDGER, ledgerKey);
  if (result.kind === 'gone') {
    await digests.save({ ...digest, status: 'inactive', statusReason: result.reason.slice(0, 200) });
    tally.deactivated += 1;
    return;
  }
  await digests.save({ ...digest, nextAt: result.retryAt.toISOString() });
  tally.deferred += 1;
}
