import { TurnContext } from 'botbuilder';
import type { BotDeps } from './botDeps';
import type { StoredReferences } from './storedReferences';
import type { TurnInfo } from './turnInfo';

/**
 * Keeps the conversation reference of an authenticated turn (the adapter has validated the
 * Bot Connector token before we get here) so proactive sends survive restarts. References
 * whose serviceUrl is not an allowed Bot Connector host are never stored. With `known`, a
 * reference this process recently saw stored, unchanged, costs neither a read nor a write.
 */
export async function saveConversation(
  context: TurnContext,
  deps: Pick<BotDeps, 'store' | 'logger' | 'clock' | 'serviceUrlAllowed'>,
  info: TurnInfo,
  known?: StoredReferences,
): Promise<void> {
  const reference = TurnContext.getConversationReference(context.activity);
  if (!deps.serviceUrlAllowed(reference.serviceUrl)) {
    deps.logger.warn('conversation.service_url_refused', { serviceUrl: reference.serviceUrl });
    return;
  }
  // The triggering message id would turn every later proactive send into a reply to it.
  const text = JSON.stringify({ ...reference, activityId: undefined });
  if (known?.isStored(info.conversationKey, text)) return;
  const existing = await deps.store.getConversation(info.conversationKey);
  if (!existing || JSON.stringify(existing.reference) !== text) {
    await deps.store.saveConversation({
      key: info.conversationKey,
      scope: info.scope,
      tenantId: info.tenantId,
      userId: info.scope === 'personal' ? info.userId : undefined,
      reference: JSON.parse(text) as Record<string, unknown>,
      updatedAt: deps.clock.now().toISOString(),
    });
  }
  known?.remember(info.conversationKey, text);
}
