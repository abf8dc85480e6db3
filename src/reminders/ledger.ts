import type { FullStore } from '../store/store';

/**
 * The delivery ledger: one record per (registration, secret series or drift event,
 * subscription, step), claimed atomically BEFORE the send. A claim is a lease: written with
 * an expiry, it turns permanent once the send succeeded. If the process dies between claim
 * and send, the lease runs out, the record reads as absent, and the next sweep claims and
 * sends again. Delivery is therefore at-least-once, with duplicates possible only when a
 * process dies after Teams accepted the message and before the record was marked sent.
 */
export type LedgerState = 'claimed' | 'sent' | 'failed';

export interface LedgerEntry {
  readonly state: LedgerState;
  readonly claimedAt: string;
  readonly sentAt?: string;
  readonly activityId?: string;
  /** HTTP status of a permanent failure (403/404), if any. */
  readonly status?: number;
}

export type ClaimResult =
  | { readonly claimed: true; readonly claimedAt: string }
  /** Someone holds it: sent, failed for good, or in flight (until `leaseEndsAt`). */
  | { readonly claimed: false; readonly entry?: LedgerEntry; readonly leaseEndsAt?: string };

export interface Ledger {
  claim(key: string, now: Date): Promise<ClaimResult>;
  markSent(key: string, claimedAt: string, now: Date, activityId?: string): Promise<void>;
  markFailed(key: string, claimedAt: string, status?: number): Promise<void>;
  /** Gives a claim back after a transient failure so a later sweep retries. */
  release(key: string): Promise<void>;
  /** Entries under a key prefix (live claims included), with their lease ends. */
  list(prefix: string): Promise<Array<{ key: string; entry: LedgerEntry; leaseEndsAt?: string }>>;
}

const NAMESPACE = 'reminder-ledger';

/** Ledger keys, built in one place so the sweep and its tests agree. */
export const LedgerKeys = {
  seriesPrefix: (registrationId: string, seriesId: string, subscriptionId: string): string =>
    `${registrationId}|${seriesId}|${subscriptionId}|`,
  step: (registrationId: string, seriesId: string, subscriptionId: string, stepId: string): string =>
    `${registrationId}|${seriesId}|${subscriptionId}|${stepId}`,
  drift: (registrationId: string, resultAt: string, subscriptionId: string): string =>
    `${registrationId}|drift:${resultAt}|${subscriptionId}|drift`,
};

/** `leaseMs` must exceed the longest send with its retries, or a slow send could be repeated. */
export function createLedger(store: FullStore, leaseMs: number): Ledger {
  return {
    async claim(key, now) {
      const claimedAt = now.toISOString();
      const expiresAt = new Date(now.getTime() + leaseMs).toISOString();
      if (
        await store.putKvIfAbsent<LedgerEntry>(NAMESPACE, key, { value: { state: 'claimed', claimedAt }, expiresAt })
      ) {
        return { claimed: true, claimedAt };
      }
      const [found] = (await store.listKv<LedgerEntry>(NAMESPACE, key)).filter((e) => e.key === key);
      return found
        ? { claimed: false, entry: found.value, ...(found.expiresAt ? { leaseEndsAt: found.expiresAt } : {}) }
        : { claimed: false };
    },
    async markSent(key, claimedAt, now, activityId) {
      const entry: LedgerEntry = {
        state: 'sent',
        claimedAt,
        sentAt: now.toISOString(),
        ...(activityId ? { activityId } : {}),
      };
      await store.putKv<LedgerEntry>(NAMESPACE, key, { value: entry });
    },
    async markFailed(key, claimedAt, status) {
      await store.putKv<LedgerEntry>(NAMESPACE, key, {
        value: { state: 'failed', claimedAt, ...(status === undefined ? {} : { status }) },
      });
    },
    async release(key) {
      await store.deleteKv(NAMESPACE, key);
    },
    async list(prefix) {
      const entries = await store.listKv<LedgerEntry>(NAMESPACE, prefix);
      return entries.map((e) => ({ key: e.key, entry: e.value, ...(e.expiresAt ? { leaseEndsAt: e.expiresAt } : {}) }));
    },
  };
}
