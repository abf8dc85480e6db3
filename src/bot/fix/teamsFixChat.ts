import type { AdaptiveCard } from '../../cards/cardTypes';
import { noticeCard } from '../../cards/noticeCard';
import { repairPreviewCard } from '../../cards/repairPreviewCard';
import type { Logger } from '../../log/logger';
import type { Subscriptions } from '../../reminders/subscriptions';
import type { FixChat } from '../../repair/fixChat';
import type { FixRequest } from '../../repair/fixRequest';
import type { Proactive } from '../proactive';
import type { ResultCardRenderer } from '../resultCard';
import { replaceOrSend } from './replaceOrSend';

export interface TeamsFixChatDeps {
  readonly proactive: Proactive;
  readonly renderResult: ResultCardRenderer;
  readonly subscriptions: Pick<Subscriptions, 'listForRegistration'>;
  readonly fixStartLink: (request: FixRequest) => Promise<string>;
  readonly logger: Logger;
}

/** The fix flow's chat side effects as proactive card sends and updates. */
export function createTeamsFixChat(deps: TeamsFixChatDeps): FixChat {
  /** Replaces the card the fix was asked from; a new message when there is none to replace. */
  const replace = (request: FixRequest, card: AdaptiveCard): Promise<void> =>
    replaceOrSend(deps, request, card, 'repair.chat_update_failed');

  return {
    async offerPlan(request, registration, plan, notice) {
      const signInUrl = await deps.fixStartLink(request);
      const label =
        registration.lastResult?.kind === 'report'
          ? (registration.lastResult.app.displayName ?? registration.label)
          : registration.label;
      await replace(request, repairPreviewCard(plan, { registrationId: registration.id, label, signInUrl, notice }));
    },
    async showResult(request, checked, note) {
      if (checked.forgotten || !checked.registration) return; // forgotten meanwhile: no card comes back to life
      const card = await deps.renderResult(
        checked.registration,
        checked.result,
        undefined,
        undefined,
        note ? { repair: note } : undefined,
      );
      await replace(request, card);
    },
    async tell(request, notice) {
      const sent = await deps.proactive.sendCard(request.conversationKey, noticeCard(notice));
      if (!sent.ok) deps.logger.warn('repair.chat_notice_failed', { reason: sent.reason, status: sent.status });
    },
    async announce(registration, text) {
      for (const s of await deps.subscriptions.listForRegistration(registration.id)) {
        if (s.status !== 'active') continue;
        const sent = await deps.proactive.sendCard(
          s.conversationKey,
          noticeCard({ tone: 'good', title: `${registration.label}: fixed`, text }),
        );
        if (!sent.ok) deps.logger.warn('repair.channel_note_failed', { reason: sent.reason, status: sent.status });
      }
    },
  };
}
