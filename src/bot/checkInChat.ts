import type { TurnContext } from 'botbuilder';
import { checkingCard } from '../cards/checkingCard';
import type { ConnectorInput } from '../consent';
import type { CheckedRegistration, StatusCardRef } from '../registrations/registrationService';
import type { BotDeps } from './botDeps';
import { sendCard, sendTyping, updateCard } from './chatReplies';
import type { TurnInfo } from './turnInfo';

/** What a check from a chat message uses of the bot's dependencies. */
export type CheckInChatDeps = Pick<BotDeps, 'registrations' | 'renderResult'>;

/**
 * Runs a check from a chat message: typing indicator, a "Checking…" card, then the same
 * card replaced by the result. The check is given that card's reference, so the one write
 * that stores the result also remembers the card for later updates (consent follow-up).
 */
export async function checkInChat(
  context: TurnContext,
  deps: CheckInChatDeps,
  info: TurnInfo,
  run: (statusCard: StatusCardRef | undefined) => Promise<CheckedRegistration>,
  label: string,
): Promise<CheckedRegistration> {
  await sendTyping(context);
  const progressId = await sendCard(context, checkingCard({ label }));
  const checked = await run(progressId ? { conversationKey: info.conversationKey, activityId: progressId } : undefined);
  const card = await deps.renderResult(checked.registration, checked.result, info.timeZone);
  if (progressId) await updateCard(context, progressId, card);
  else await sendCard(context, card);
  return checked;
}

/** Registers (or updates) the values typed in chat and shows the result. */
export function registerInChat(
  context: TurnContext,
  deps: CheckInChatDeps,
  info: TurnInfo,
  input: ConnectorInput,
  registrationId?: string,
): Promise<CheckedRegistration> {
  const owner = { ownerId: info.userId, ownerTenantId: info.tenantId ?? 'unknown' };
  return checkInChat(
    context,
    deps,
    info,
    (statusCard) =>
      deps.registrations.register(owner, input, {
        registrationId,
        statusCard,
        conversationKey: info.conversationKey,
      }),
    input.clientId,
  );
}
