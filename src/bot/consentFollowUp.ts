import type { Logger } from '../log/logger';
import type { RepairNote } from '../repair/repairNote';
import type { RegistrationService } from '../registrations/registrationService';
import type { Store } from '../store/store';
import type { Proactive } from './proactive';
import type { ResultCardRenderer } from './resultCard';
import type { Clock } from '../time/clock';

const NAMESPACE = 'consent-follow-up';

/**
 * After consent is granted, grants take time to replicate and tokens keep old roles, so the
 * bot re-checks with backoff (fresh token each time) and updates the user's status card
 * until the verdict is Ready or the schedule runs out. The schedule is kept in the store,
 * so a restart resumes it instead of forgetting it.
 */
export interface ConsentFollowUp {
  /** `repair`: a Fix it for me just made, kept on the card through every re-check ("Fixed by …"). */
  start(registrationId: string, ownerId: string, repair?: RepairNote): Promise<void>;
  /** Picks up re-checks that were pending when the process stopped. */
  resume(): Promise<number>;
  /** Cancels the timers of this process (the stored schedule stays for the next start). */
  stop(): void;
  /** Re-checks currently scheduled in this process, for tests and health. */
  pending(): number;
}

export interface ConsentFollowUpDeps {
  /** Only its key/value records: the schedule (listKv is optional, see resume). */
  readonly store: Pick<Store, 'putKv' | 'deleteKv' | 'listKv'>;
  readonly registrations: Pick<RegistrationService, 'get' | 'recheck'>;
  readonly renderResult: ResultCardRenderer;
  readonly proactive: Pick<Proactive, 'updateCard'>;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Delays between re-checks; default 10 s, 30 s, 60 s, 2 min. */
  readonly delaysMs?: readonly number[];
}

interface PendingFollowUp {
  readonly ownerId: string;
  readonly attempt: number;
  readonly dueAt: string;
  readonly repair?: RepairNote;
}

export const DEFAULT_FOLLOW_UP_DELAYS_MS: readonly number[] = [10_000, 30_000, 60_000, 120_000];

export function createConsentFollowUp(deps: ConsentFollowUpDeps): ConsentFollowUp {
  const delays = deps.delaysMs ?? DEFAULT_FOLLOW_UP_DELAYS_MS;
  const timers = new Map<string, NodeJS.Timeout>();

  function arm(registrationId: string, pending: PendingFollowUp): void {
    const existing = timers.get(registrationId);
    if (existing) clearTimeout(existing);
    const wait = Math.max(0, Date.parse(pending.dueAt) - deps.clock.now().getTime());
    const timer = setTimeout(() => {
      void run(registrationId, pending);
    }, wait);
    timer.unref();
    timers.set(registrationId, timer);
  }

  async function schedule(
    registrationId: string,
    ownerId: string,
    attempt: number,
    repair?: RepairNote,
  ): Promise<void> {
    const delay = delays[attempt];
    if (delay === undefined) return finished(registrationId);
    const pending: PendingFollowUp = {
      ownerId,
      attempt,
      dueAt: new Date(deps.clock.now().getTime() + delay).toISOString(),
      ...(repair ? { repair } : {}),
    };
    await deps.store.putKv(NAMESPACE, registrationId, {
      value: pending,
      expiresAt: new Date(deps.clock.now().getTime() + delay + 86_400_000).toISOString(),
    });
    arm(registrationId, pending);
  }

  async function finished(registrationId: string): Promise<void> {
    timers.delete(registrationId);
    await deps.store.deleteKv(NAMESPACE, registrationId);
  }

  async function run(registrationId: string, pending: PendingFollowUp): Promise<void> {
    try {
      // One read (which also checks the owner) and one write (the check's result).
      const stored = await deps.registrations.get(registrationId, pending.ownerId);
      if (!stored) return await finished(registrationId);
      const checked = await deps.registrations.recheck(stored, { freshToken: true });
      // Forgotten while the check ran: its status card must not come back to life either.
      if (checked.forgotten) return await finished(registrationId);
      const reg = checked.registration ?? stored;
      let shown = true;
      if (reg.statusCard) {
        const card = await deps.renderResult(
          reg,
          checked.result,
          undefined,
          undefined,
          pending.repair ? { repair: pending.repair } : undefined,
        );
        const sent = await deps.proactive.updateCard(reg.statusCard.conversationKey, reg.statusCard.activityId, card);
        // A refused send (reference gone, service URL not allowed) will not work next time either.
        shown = sent.ok || sent.refused === true;
        if (!sent.ok) deps.logger.warn('consent.follow_up_update_failed', { registrationId, reason: sent.reason });
      }
      const ready = checked.result.kind === 'report' && checked.result.verdict === 'Ready';
      deps.logger.info('consent.follow_up', { registrationId, attempt: pending.attempt, ready });
      // Ready but not shown: try again, so the card the user looks at ends up saying Ready.
      if (ready && shown) await finished(registrationId);
      else await schedule(registrationId, pending.ownerId, pending.attempt + 1, pending.repair);
    } catch (error) {
      deps.logger.error('consent.follow_up_failed', { registrationId, attempt: pending.attempt, error });
      await schedule(registrationId, pending.ownerId, pending.attempt + 1, pending.repair).catch(() => undefined);
    }
  }

  return {
    start: (registrationId, ownerId, repair) => schedule(registrationId, ownerId, 0, repair),
    async resume() {
      if (!deps.store.listKv) return 0;
      const entries = await deps.store.listKv<PendingFollowUp>(NAMESPACE);
      for (const entry of entries) arm(entry.key, entry.value);
      return entries.length;
    },
    stop() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
    pending: () => timers.size,
  };
}
