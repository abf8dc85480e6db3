import type { Logger } from '../log/logger';
import type { RegistrationService } from '../registrations/registrationService';
import type { Proactive } from './proactive';
import type { ResultCardRenderer } from './resultCard';

/**
 * After consent is granted, grants take time to replicate and tokens keep old roles, so the
 * bot re-checks with backoff (fresh token each time) and updates the user's status card
 * until the verdict is Ready or the schedule runs out.
 */
export interface ConsentFollowUp {
  start(registrationId: string, ownerId: string): void;
  /** Cancels pending re-checks (shutdown). */
  stop(): void;
  /** Re-checks currently scheduled, for tests and health. */
  pending(): number;
}

export interface ConsentFollowUpDeps {
  readonly registrations: RegistrationService;
  readonly renderResult: ResultCardRenderer;
  readonly proactive: Proactive;
  readonly logger: Logger;
  /** Delays between re-checks; default 10 s, 30 s, 60 s, 2 min. */
  readonly delaysMs?: readonly number[];
}

export const DEFAULT_FOLLOW_UP_DELAYS_MS: readonly number[] = [10_000, 30_000, 60_000, 120_000];

export function createConsentFollowUp(deps: ConsentFollowUpDeps): ConsentFollowUp {
  const delays = deps.delaysMs ?? DEFAULT_FOLLOW_UP_DELAYS_MS;
  const timers = new Map<string, NodeJS.Timeout>();

  function schedule(registrationId: string, ownerId: string, attempt: number): void {
    const delay = delays[attempt];
    if (delay === undefined) {
      timers.delete(registrationId);
      return;
    }
    const timer = setTimeout(() => {
      void run(registrationId, ownerId, attempt);
    }, delay);
    timer.unref();
    timers.set(registrationId, timer);
  }

  async function run(registrationId: string, ownerId: string, attempt: number): Promise<void> {
    try {
      const checked = await deps.registrations.recheck(registrationId, ownerId, { freshToken: true });
      const reg = checked?.registration;
      if (!checked || !reg) {
        timers.delete(registrationId);
        return;
      }
      if (reg.statusCard) {
        const card = await deps.renderResult(reg, checked.result);
        await deps.proactive.updateCard(reg.statusCard.conversationKey, reg.statusCard.activityId, card);
      }
      const ready = checked.result.kind === 'report' && checked.result.verdict === 'Ready';
      deps.logger.info('consent.follow_up', { registrationId, attempt, ready });
      if (ready) timers.delete(registrationId);
      else schedule(registrationId, ownerId, attempt + 1);
    } catch (error) {
      deps.logger.error('consent.follow_up_failed', { registrationId, attempt, error });
      schedule(registrationId, ownerId, attempt + 1);
    }
  }

  return {
    start(registrationId, ownerId) {
      const existing = timers.get(registrationId);
      if (existing) clearTimeout(existing);
      schedule(registrationId, ownerId, 0);
    },
    stop() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
    pending: () => timers.size,
  };
}
