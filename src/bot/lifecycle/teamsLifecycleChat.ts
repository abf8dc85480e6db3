import type { AdaptiveCard } from '../../cards/cardTypes';
import { nameTakenCard } from '../../cards/nameTakenCard';
import { noticeCard } from '../../cards/noticeCard';
import { rotationCard } from '../../cards/rotationCard';
import { secretOfferCard } from '../../cards/secretOfferCard';
import type { Logger } from '../../log/logger';
import type { FixChat } from '../../repair/fixChat';
import type { FixRequest } from '../../repair/fixRequest';
import type { LifecycleChat } from '../../repair/lifecycleChat';
import type { Subscriptions } from '../../reminders/subscriptions';
import type { Proactive } from '../proactive';
import { replaceOrSend } from '../fix/replaceOrSend';

/**
 * Create it for me's and Rotate now's chat side: the fix flow's status card and notices, plus the
 * secret's one-time link (a new message; never the value), the name-taken choice and the rotation card.
 */
export function createTeamsLifecycleChat(deps: {
  readonly fixChat: FixChat;
  readonly proactive: Proactive;
  readonly subscriptions: Pick<Subscriptions, 'listForRegistration'>;
  readonly logger: Logger;
}): LifecycleChat {
  const replace = (request: FixRequest, card: AdaptiveCard): Promise<void> =>
    replaceOrSend(deps, request, card, 'lifecycle.chat_update_failed');

  return {
    showResult: (request, checked, note) => deps.fixChat.showResult(request, checked, note),
    tell: (request, notice) => deps.fixChat.tell(request, notice),
    async announce(registration, text) {
      // The channels that get this registration's reminders learn which secret the bot uses.
      for (const s of await deps.subscriptions.listForRegistration(registration.id)) {
        if (s.status !== 'active') continue;
        const card = noticeCard({ tone: 'default', title: `${registration.label}: client secret rotation`, text });
        const sent = await deps.proactive.sendCard(s.conversationKey, card);
        if (!sent.ok) deps.logger.warn('lifecycle.channel_note_failed', { reason: sent.reason, status: sent.status });
      }
    },
    async offerSecret(request, offer) {
      const sent = await deps.proactive.sendCard(request.conversationKey, secretOfferCard(offer));
      if (!sent.ok) deps.logger.warn('lifecycle.secret_offer_failed', { reason: sent.reason, status: sent.status });
    },
    async nameTaken(request, existing) {
      if (request.task?.kind !== 'create') return;
      await replace(
        request,
        nameTakenCard({
          appName: request.task.displayName,
          tenantId: request.tenantId,
          existing,
          lifetimeMonths: request.task.lifetimeMonths,
        }),
      );
    },
    showRotation: (request, view) => replace(request, rotationCard(view)),
    replaceWith: (request, notice) => replace(request, noticeCard(notice)),
  };
}
