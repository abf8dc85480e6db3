import type { Logger } from '../log/logger';
import type { FullStore, StoredRegistration } from '../store/store';
import type { Clock } from '../time/clock';
import type { Baselines } from './baselines';
import type { DeliveryDeps } from './delivery';
import type { Ledger } from './ledger';
import type { ReminderLinks } from './reminderCards';
import type { Subscriptions } from './subscriptions';

/** Re-runs a registration's consent check with its stored secret (RegistrationService.recheckAny). */
export interface Rechecker {
  recheckAny(id: string): Promise<{ readonly registration?: StoredRegistration } | undefined>;
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
}

export function emptyTally(): SweepTally {
  return { selected: 0, processed: 0, rechecked: 0, sent: 0, drift: 0, deferred: 0, deactivated: 0, failed: 0 };
}
