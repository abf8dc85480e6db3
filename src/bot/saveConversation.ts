import { TurnContext } from 'botbuilder';
import type { BotDeps } from './botDeps';
import type { TurnInfo } from './turnInfo';

/**
 * Keeps the conversation reference of an authenticated turn (the adapter has validated the
 * Bot Connector token before we get here) so proactive sends survive restarts. References
 * whose serviceUrl is not an allowed Bot Connector host are never stored.
 */
export async function saveConversation(context: TurnContext, deps: BotDeps, info: TurnInfo): Promise<void> {
  const reference = TurnContext.getConversationReference(context.activity);
  if (!deps.serviceUrlAllowed(reference.serviceUrl)) {
    deps.logger.warn('conversation.service_url_refused', { serviceUrl: reference.serviceUrl });
    return;
  }
  const existing = await deps.store.getConversation(info.conversationKey);
  const json = JSON.parse(JSON.stringify(reference)) as Record<string, unknown>;
  // The triggering message id would turn every later proactive send into a reply to it.
  delete json.activityId;
  if (existing && JSON.stringify(existing.reference) === JSON.stringify(json)) return;
  await deps.store.saveConversation({
    key: info.conversationKey,
    scope: info.scope,
    tenantId: info.tenantId,
    userId: info.scope === 'personal' ? info.userId : undefined,
    reference: json,
    updatedAt: deps.clock.now().toISOString(),
  });
}
