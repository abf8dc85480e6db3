import type { TurnContext } from 'botbuilder';
import { checkingCard } from '../cards/checkingCard';
import type { ConnectorInput } from '../consent';
import type { BotDeps } from './botDeps';
import { sendCard, sendTyping, updateCard } from './chatReplies';
import type { TurnInfo } from './turnInfo';
import type { CheckedRegistration } from '../registrations/registrationService';

/**
 * Runs a check from a chat message: typing indicator, a "Checking…" card, then the same
 * card replaced by the result, remembered so later re-checks can update it again.
 */
export async function checkInChat(
  context: TurnContext,
  deps: BotDeps,
  info: TurnInfo,
  run: () => Promise<CheckedRegistration | undefined>,
  label: string,
): Promise<CheckedRegistration | undefined> {
  await sendTyping(context);
  const progressId = await sendCard(context, checkingCard({ label }));
  const checked = await run();
  if (!checked) return undefined;
  const card = await deps.renderResult(checked.registration, checked.result, info.timeZone);
  if (progressId) {
    await updateCard(context, progressId, card);
    if (checked.registration) {
      await deps.registrations.attachStatusCard(checked.registration.id, info.userId, {
        conversationKey: info.conversationKey,
        activityId: progressId,
      });
    }
  } else {
    await sendCard(context, card);
  }
  return checked;
}

/** Registers (or updates) the values typed in chat and shows the result. */
export function registerInChat(
  context: TurnContext,
  deps: BotDeps,
  info: TurnInfo,
  input: ConnectorInput,
  registrationId?: string,
): Promise<CheckedRegistration | undefined> {
  const owner = { ownerId: info.userId, ownerTenantId: info.tenantId ?? 'unknown' };
  return checkInChat(
    context,
    deps,
    info,
    () => deps.registrations.register(owner, input, registrationId),
    input.clientId,
  );
}
