import type { Logger } from '../log/logger';
import type { FullStore, StoredRegistration } from '../store/store';
import type { Clock } from '../time/clock';
import { createBaselines, type Baselines } from './consentBaseline';
import type { DeliveryDeps } from './delivery';
import { createLedger, type Ledger } from './ledger';
import type { Notifier } from './notifier';
import { createPacer, type Pacer } from './pacer';
import { remindRegistration, setNextDue } from './remindRegistration';
import { DEFAULT_RETRY, type RetryOptions } from './retryPolicy';
import type { ReminderLinks } from './subscriptionCards';
import { createSubscriptions, type Subscriptions } from './subscriptions';
import type { SweepLease } from './sweepLease';
import { sendDueDigests } from './digestPass';
import type { Digests } from './digests';

/** Re-runs a registration's consent check with its stored secret (RegistrationService.recheckAny). */
export interface Rechecker {
  recheckAny(
    id: string,
  ): Promise<{ readonly registration?: StoredRegistration; readonly forgotten?: true } | undefined>;
}

export interface SweepSettings {
  /** REMINDER_DAYS. */
  readonly thresholdDays: readonly number[];
  /** RECHECK_INTERVAL: each registration is re-checked at most this often. */
  readonly recheckIntervalMs: number;
  /** How long a ledger claim holds before a crashed send is retried. */
  readonly leaseMs: number;
}

/** Fault injection for tests: a hook that throws simulates a process dying at that point. */
export interface SweepHooks {
  afterClaim?(ledgerKey: string): Promise<void>;
}

/** What one sweep did, for logs, tests and the bench. */
export interface SweepTally {
  selected: number;
  processed: number;
  rechecked: number;
  sent: number;
  drift: number;
  deferred: number;
  deactivated: number;
  failed: number;
}

/** Everything the per-registration work needs, built once per sweep instance. */
export interface SweepContext {
  readonly store: FullStore;
  readonly subscriptions: Subscriptions;
  readonly ledger: Ledger;
  readonly baselines: Baselines;
  readonly rechecker: Rechecker;
  readonly delivery: DeliveryDeps;
  readonly links: ReminderLinks;
  readonly settings: SweepSettings;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly hooks?: SweepHooks;
  readonly pendingRotation?: PendingRotationLookup;
}

/** A rotation started but not confirmed: the reminder then says which secret the bot still uses. */
export type PendingRotationLookup = (
  registrationId: string,
) => Promise<{ readonly newHint?: string; readonly startedBy: string } | undefined>;

function emptyTally(): SweepTally {
  return { selected: 0, processed: 0, rechecked: 0, sent: 0, drift: 0, deferred: 0, deactivated: 0, failed: 0 };
}

export type SweepSummary = Readonly<SweepTally>;

export interface ReminderSweep {
  /**
   * One pass over the due registrations. Calls that overlap in one process share the pass in
   * progress; sweeps in other processes are kept apart by the ledger's atomic claims.
   */
  runOnce(): Promise<SweepSummary>;
}

export interface ReminderSweepDeps {
  readonly store: FullStore;
  readonly rechecker: Rechecker;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly links: ReminderLinks;
  readonly thresholdDays: readonly number[];
  readonly recheckIntervalMs: number;
  /** Claim lease; default 10 min (longer than any send with its retries). */
  readonly leaseMs?: number;
  /** Registrations read from the index per query; default 200. */
  readonly batchSize?: number;
  /** Registrations worked on at once (re-checks wait on the network); default 4. */
  readonly concurrency?: number;
  readonly retry?: RetryOptions;
  /** Shared by every sweep of a process so pacing holds across sweeps; default a new one. */
  readonly pacer?: Pacer;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly hooks?: SweepHooks;
  /**
   * One sweeper across instances: a pass runs only while this lease is held, and stops before
   * the next registration once it is lost. Absent: every call sweeps (one instance).
   */
  readonly lease?: SweepLease;
  /** Weekly digests (`remind here digest`), posted after the registrations in each pass. */
  readonly digests?: Digests;
  /** Rotate now's unconfirmed rotations (absent without an admin sign-in app). */
  readonly pendingRotation?: PendingRotationLookup;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createReminderSweep(deps: ReminderSweepDeps): ReminderSweep {
  const sleep = deps.sleep ?? defaultSleep;
  const ctx: SweepContext = {
    store: deps.store,
    subscriptions: createSubscriptions(deps.store),
    ledger: createLedger(deps.store, deps.leaseMs ?? 10 * 60_000),
    baselines: createBaselines(deps.store),
    rechecker: deps.rechecker,
    delivery: {
      notifier: deps.notifier,
      pacer: deps.pacer ?? createPacer({ clock: deps.clock, sleep }),
      retry: deps.retry ?? DEFAULT_RETRY,
      clock: deps.clock,
      sleep,
      random: deps.random ?? Math.random,
      failureRetryMs: 60 * 60_000,
    },
    links: deps.links,
    ...(deps.pendingRotation ? { pendingRotation: deps.pendingRotation } : {}),
    settings: {
      thresholdDays: deps.thresholdDays,
      recheckIntervalMs: deps.recheckIntervalMs,
      leaseMs: deps.leaseMs ?? 10 * 60_000,
    },
    clock: deps.clock,
    logger: deps.logger,
    ...(deps.hooks ? { hooks: deps.hooks } : {}),
  };
  const batchSize = deps.batchSize ?? 200;
  const concurrency = Math.max(1, deps.concurrency ?? 4);
  let running: Promise<SweepSummary> | undefined;

  async function pass(): Promise<SweepSummary> {
    const tally = emptyTally();
    const lease = deps.lease;
    if (lease && !(await lease.acquire())) return tally;
    try {
      return await sweepWhileHeld(tally);
    } finally {
      await lease?.release().catch((error: unknown) => deps.logger.warn('reminder.lease_release_failed', { error }));
    }
  }

  async function sweepWhileHeld(tally: SweepTally): Promise<SweepSummary> {
    let lost = false;
    const dueBy = deps.clock.now().toISOString();
    const seen = new Set<string>();
    for (;;) {
      const batch = await deps.store.listDueRegistrations(dueBy, batchSize);
      const fresh = batch.filter((r) => !seen.has(r.id));
      if (fresh.length === 0) break;
      fresh.forEach((r) => seen.add(r.id));
      tally.selected += fresh.length;
      let next = 0;
      const worker = async (): Promise<void> => {
        for (let i = next++; i < fresh.length; i = next++) {
          const registration = fresh[i];
          if (!registration || lost) continue;
          if (deps.lease && !(await deps.lease.keep())) {
            // Another instance may be sweeping now: stop before any further send.
            if (!lost) deps.logger.warn('reminder.lease_lost', { processed: tally.processed });
            lost = true;
            continue;
          }
          try {
            await remindRegistration(ctx, tally, registration);
            tally.processed += 1;
          } catch (error) {
            tally.failed += 1;
            deps.logger.error('reminder.registration_failed', { registrationId: registration.id, error });
            // Look again after the lease, when any claim this attempt left behind has run out.
            await setNextDue(ctx, registration.id, deps.clock.now().getTime() + ctx.settings.leaseMs).catch(
              () => undefined,
            );
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, fresh.length) }, worker));
      if (lost || batch.length < batchSize) break;
    }
    if (tally.selected > 0) deps.logger.info('reminder.sweep', { ...tally });
    if (deps.digests && !lost) {
      const digests = deps.digests;
      await sendDueDigests(ctx, digests, async () => !deps.lease || deps.lease.keep()).catch((error: unknown) =>
        deps.logger.error('reminder.digests_failed', { error }),
      );
    }
    return tally;
  }

  return {
    runOnce() {
      running ??= pass().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
