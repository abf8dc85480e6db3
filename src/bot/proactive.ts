import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { AdaptiveCard } from '../cards/cardTypes';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';

/** Sends or updates cards outside a user's turn, through stored conversation references. */
export interface Proactive {
  /** Replaces a card already posted; false when the conversation is unknown or not allowed. */
  updateCard(conversationKey: string, activityId: string, card: AdaptiveCard): Promise<boolean>;
  /** Posts a new card; the new activity id, or undefined when it could not be sent. */
  sendCard(conversationKey: string, card: AdaptiveCard): Promise<string | undefined>;
}

export interface ProactiveDeps {
  readonly adapter: CloudAdapter;
  readonly botAppId: string;
  readonly store: Store;
  readonly serviceUrlAllowed: (serviceUrl: string | undefined) => boolean;
  readonly logger: Logger;
}

export function createProactive(deps: ProactiveDeps): Proactive {
  async function reference(conversationKey: string): Promise<Partial<ConversationReference> | undefined> {
    const stored = await deps.store.getConversation(conversationKey);
    if (!stored) {
      deps.logger.warn('proactive.no_reference', { conversationKey });
      return undefined;
    }
    const ref = stored.reference as Partial<ConversationReference>;
    if (!deps.serviceUrlAllowed(ref.serviceUrl)) {
      deps.logger.warn('proactive.service_url_refused', { conversationKey, serviceUrl: ref.serviceUrl });
      return undefined;
    }
    return ref;
  }

  return {
    async updateCard(conversationKey, activityId, card) {
      const ref = await reference(conversationKey);
      if (!ref) return false;
      await deps.adapter.continueConversationAsync(deps.botAppId, ref, async (context) => {
        const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
        activity.id = activityId;
        await context.updateActivity(activity);
      });
      return true;
    },
    async sendCard(conversationKey, card) {
      const ref = await reference(conversationKey);
      if (!ref) return undefined;
      let id: string | undefined;
      await deps.adapter.continueConversationAsync(deps.botAppId, ref, async (context) => {
        const response = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
        id = response?.id;
      });
      return id;
    },
  };
}
