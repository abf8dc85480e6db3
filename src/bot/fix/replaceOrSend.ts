import type { AdaptiveCard } from '../../cards/cardTypes';
import type { Logger } from '../../log/logger';
import type { FixRequest } from '../../repair/fixRequest';
import type { Proactive } from '../proactive';

/**
 * Replaces the card a sign-in task was asked from (Fix it for me, Create it for me, Rotate now),
 * or posts a new message when there is none to replace; a refusal from Teams is logged as `event`.
 */
export async function replaceOrSend(
  deps: { readonly proactive: Proactive; readonly logger: Logger },
  request: Pick<FixRequest, 'conversationKey' | 'cardActivityId'>,
  card: AdaptiveCard,
  event: string,
): Promise<void> {
  const sent = request.cardActivityId
    ? await deps.proactive.updateCard(request.conversationKey, request.cardActivityId, card)
    : await deps.proactive.sendCard(request.conversationKey, card);
  if (!sent.ok) deps.logger.warn(event, { reason: sent.reason, status: sent.status });
}
