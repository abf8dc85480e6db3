import type { TurnContext } from 'botbuilder';
import { noticeCard } from '../cards/noticeCard';
import { welcomeCard } from '../cards/welcomeCard';
import type { BotDeps } from './botDeps';
import { sendCard } from './chatReplies';
import type { TurnInfo } from './turnInfo';

/** App registrations list in the portal of the configured cloud. */
export function appRegistrationsUrl(portal: string): string {
  return `${portal}/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade`;
}

/** When the bot itself is among the members added: greet once, in the right tone per scope. */
export async function onMembersAdded(
  context: TurnContext,
  deps: Pick<BotDeps, 'cloud' | 'offerCreate'>,
  info: TurnInfo,
): Promise<void> {
  const botId = context.activity.recipient?.id;
  const added = context.activity.membersAdded ?? [];
  if (!added.some((m) => m.id === botId)) return;
  if (info.scope === 'personal') {
    await sendCard(
      context,
      welcomeCard({
        portalAppRegistrationsUrl: appRegistrationsUrl(deps.cloud.portal),
        offerCreate: deps.offerCreate === true,
      }),
    );
    return;
  }
  await sendCard(
    context,
    noticeCard({
      tone: 'default',
      title: 'Connector Consent Bot is here',
      text:
        'I check Office 365 connector app registrations and can post reminders before their client secrets expire. ' +
        'Setup needs a secret, so it happens in a personal chat with me; never paste secrets here.',
    }),
  );
}

/** Uninstall from a team or chat: its conversation reference is no longer usable. */
export async function onRemoved(deps: Pick<BotDeps, 'store' | 'logger'>, info: TurnInfo): Promise<void> {
  await deps.store.deleteConversation(info.conversationKey);
  deps.logger.info('install.removed', { conversationKey: info.conversationKey });
}
