import { interruptedCheckCard } from '../cards/interruptedCheckCard';
import type { Logger } from '../log/logger';
import { stillInterrupted, type InterruptedChecks } from '../registrations/interruptedChecks';
import type { Store } from '../store/store';
import type { Proactive } from './proactive';

/**
 * Tells the admins whose first check a crash cut short, in the chat they typed the values in:
 * each stale marker is taken once (so one instance tells), and a registration forgotten or
 * checked since is not mentioned.
 */
export function createInterruptedNotices(deps: {
  readonly interrupted: Pick<InterruptedChecks, 'takeStale'>;
  readonly store: Pick<Store, 'getRegistration'>;
  readonly proactive: Pick<Proactive, 'sendCard'>;
  readonly logger: Logger;
}): () => Promise<void> {
  return async () => {
    for (const check of await deps.interrupted.takeStale()) {
      if (!stillInterrupted(check, await deps.store.getRegistration(check.registrationId))) {
        deps.logger.info('check.interrupted_moot', { registrationId: check.registrationId });
        continue;
      }
      const sent = await deps.proactive.sendCard(
        check.conversationKey,
        interruptedCheckCard({ registrationId: check.registrationId, label: check.label }),
      );
      deps.logger.info('check.interrupted_told', { registrationId: check.registrationId, ok: sent.ok });
    }
  };
}
