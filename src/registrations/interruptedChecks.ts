import type { FullStore, StoredRegistration } from '../store/store';
import type { Clock } from '../time/clock';

const NAMESPACE = 'checking';

/** A first check in progress: where to tell the admin if the process dies before it ends. */
export interface CheckInProgress {
  readonly registrationId: string;
  readonly ownerId: string;
  readonly conversationKey: string;
  readonly label: string;
  /** ISO time the check started. */
  readonly startedAt: string;
}

/**
 * Markers of first checks in progress. A registration is sealed and saved before its first
 * check, with a marker; the check's end removes the marker. A marker still there well after a
 * check's time limit means the process died mid-check (SIGKILL, crash, redeploy): after a
 * restart the bot tells the admin, whose registration is safe, and offers Retest. Taking a
 * marker is atomic, so with several instances exactly one tells.
 */
export interface InterruptedChecks {
  mark(check: CheckInProgress): Promise<void>;
  clear(registrationId: string): Promise<void>;
  /** Markers older than the grace period, each taken once. */
  takeStale(): Promise<CheckInProgress[]>;
}

export function createInterruptedChecks(deps: {
  readonly store: Pick<FullStore, 'putKv' | 'deleteKv' | 'listKv' | 'takeKv'>;
  readonly clock: Clock;
  /** How old a marker must be to count as interrupted: longer than any check. */
  readonly graceMs: number;
}): InterruptedChecks {
  return {
    async mark(check) {
      // Kept a day at most: a bot down longer than that has nothing useful left to say.
      const expiresAt = new Date(deps.clock.now().getTime() + 86_400_000).toISOString();
      await deps.store.putKv(NAMESPACE, check.registrationId, { value: check, expiresAt });
    },
    clear: (registrationId) => deps.store.deleteKv(NAMESPACE, registrationId),
    async takeStale() {
      const before = deps.clock.now().getTime() - deps.graceMs;
      const stale: CheckInProgress[] = [];
      for (const entry of await deps.store.listKv<CheckInProgress>(NAMESPACE)) {
        if (!(Date.parse(entry.value.startedAt) <= before)) continue;
        const taken = await deps.store.takeKv<CheckInProgress>(NAMESPACE, entry.key);
        if (taken) stale.push(taken);
      }
      return stale;
    },
  };
}

/**
 * Whether a stale marker is still news for its admin: not when the registration was forgotten
 * meanwhile, or checked since (the same values typed again before the restart).
 */
export function stillInterrupted(check: CheckInProgress, registration: StoredRegistration | undefined): boolean {
  if (!registration || registration.ownerId !== check.ownerId) return false;
  return registration.lastCheckedAt === undefined || registration.lastCheckedAt < check.startedAt;
}
