import type { TurnContext } from 'botbuilder';
import { helpCard } from '../cards/helpCard';
import { noticeCard } from '../cards/noticeCard';
import { extractCredentialsFromText, looksLikeClientSecret } from '../consent';
import type { BotDeps } from './botDeps';
import { sendCard } from './chatReplies';
import { CHANNEL_COMMANDS, parseCommand } from './commandList';

/**
 * A Teams deep link that opens the user's personal chat with the bot. Undefined in local mode
 * (no BOT_ID): there is no app id to link to, and the Teams home page would lead nowhere.
 */
export function personalChatLink(botAppId: string): string | undefined {
  return botAppId ? `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botAppId)}` : undefined;
}

/** Where to find the personal chat: the deep link, or in local mode the playground's chat list. */
function personalChatDirections(botAppId: string): string {
  const link = personalChatLink(botAppId);
  return link
    ? `Open a personal chat with me here: ${link}`
    : 'Open **Personal Chat** in the chat list of the Microsoft 365 Agents Playground and type "setup" there.';
}

/** True when a channel or group message carries what looks like a client secret. */
export function exposesSecret(text: string): boolean {
  return looksLikeClientSecret(text) || extractCredentialsFromText(text).clientSecret !== undefined;
}

async function warnAboutSecret(context: TurnContext, deps: Pick<BotDeps, 'logger'>, overheard: boolean) {
  await sendCard(
    context,
    noticeCard({
      tone: 'attention',
      title: 'A client secret may have been posted here',
      text:
        'I did not read or keep it. Everyone in this conversation can still see it, and I cannot delete messages in Teams: ' +
        'delete the message yourself, then rotate the secret (Certificates & secrets → New client secret, then delete the old one) ' +
        'and give me the new Value in a personal chat with me.',
    }),
  );
  deps.logger.warn('safety.secret_in_shared_conversation', {
    conversationType: context.activity.conversation?.conversationType,
    overheard,
  });
}

/**
 * A channel or group-chat message that did not @mention the bot (delivered by resource-specific
 * consent): looked at only for a pasted client secret, then forgotten. Nothing else is answered.
 */
export async function warnIfSecretOverheard(context: TurnContext, deps: Pick<BotDeps, 'logger'>): Promise<void> {
  const text = typeof context.activity.text === 'string' ? context.activity.text : '';
  if (text.length > 0 && text.length <= 8000 && exposesSecret(text)) await warnAboutSecret(context, deps, true);
}

/**
 * Messages in channels and group chats. Secrets are never accepted here: one that looks
 * pasted is not stored, not quoted, and the user is told to rotate it.
 */
export async function handleChannelMessage(
  context: TurnContext,
  deps: Pick<BotDeps, 'logger' | 'botAppId'>,
  text: string,
  extraCommands: readonly { name: string; description: string }[] = [],
): Promise<void> {
  if (exposesSecret(text)) {
    await warnAboutSecret(context, deps, false);
    return;
  }
  const { command } = parseCommand(text);
  if (['setup', 'check', 'status', 'forget'].includes(command)) {
    await sendCard(
      context,
      noticeCard({
        tone: 'default',
        title: "Let's do that in private",
        text: `Setup and checks need the client secret, which I accept only in a personal chat. ${personalChatDirections(deps.botAppId)}`,
      }),
    );
    return;
  }
  await sendCard(context, helpCard({ commands: [...extraCommands, ...CHANNEL_COMMANDS], offerSetup: false }));
}
