import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { noticeCard } from '../cards/noticeCard';
import type { BotDeps } from './botDeps';
import { matchCommand, type BotExtensions } from './botExtensions';
import { registerCardActions } from './cardActions';
import { handleChannelMessage, warnIfSecretOverheard } from './channelMessages';
import { mentionsBot } from './mentionsBot';
import { sendCard } from './chatReplies';
import { onMembersAdded, onRemoved } from './installation';
import { handlePersonalMessage } from './personalMessages';
import { createSetupSessions } from './setupSessions';
import { createTurnGate } from './turnGate';
import { turnInfoOf } from './turnInfo';

/**
 * The teams-ai Application with every route. Thin: it reads the turn, applies the access
 * policy, keeps the conversation reference and hands off to one handler per intent.
 */
export function createBotApp(
  adapter: TeamsAdapter,
  deps: BotDeps,
  extensions: BotExtensions = {},
): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId: deps.botAppId || undefined,
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  const sessions = createSetupSessions(deps.store, deps.clock);
  const gate = createTurnGate(deps);

  app.turn('beforeTurn', async (context: TurnContext) => {
    // Read once here; every handler after this gets the same object from the turn state.
    const info = turnInfoOf(context);
    if (
      context.activity.type === ActivityTypes.Message &&
      info.scope !== 'personal' &&
      !mentionsBot(context.activity)
    ) {
      // Overheard through resource-specific consent, not addressed to the bot: nothing is
      // answered, stored or logged, except a warning about a secret pasted in the open.
      await warnIfSecretOverheard(context, deps);
      return false;
    }
    const decision = deps.access(info);
    if (!decision.allowed) {
      deps.logger.warn('access.refused', { reason: decision.reason, tenantId: info.tenantId });
      if (context.activity.type === ActivityTypes.Message) {
        await context.sendActivity(
          'Sorry, this bot is not available to your organisation or account. Ask your Teams administrator if you think you need it.',
        );
      } else if (context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action') {
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: {
            status: 200,
            body: {
              statusCode: 200,
              type: 'application/vnd.microsoft.activity.message',
              value: 'This bot is not available to your organisation or account.',
            },
          },
        });
      }
      return false;
    }
    return gate.admit(context, info);
  });

  app.conversationUpdate('membersAdded', async (context) => onMembersAdded(context, deps, turnInfoOf(context)));
  const removed = async (context: TurnContext): Promise<void> => {
    const info = turnInfoOf(context);
    await onRemoved(deps, info);
    await extensions.onConversationRemoved?.(info.conversationKey);
  };
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = String(context.activity.action ?? '');
    if (action.startsWith('remove')) await removed(context);
  });
  app.conversationUpdate('teamDeleted', removed);
  app.conversationUpdate('teamHardDeleted', removed);

  registerCardActions(app, deps, sessions, extensions);

  app.activity(ActivityTypes.Message, async (context) => {
    const info = turnInfoOf(context);
    const text = (context.activity.text ?? '').trim();
    if (!text) {
      await context.sendActivity('I read text messages and card buttons. Type **help** to see what I can do.');
      return;
    }
    if (text.length > 8000) {
      await context.sendActivity('That message is too long for me to read. Type **help** to see what I can do.');
      return;
    }
    const extra = matchCommand(extensions.messageCommands ?? [], text, info.scope);
    if (extra) {
      await extra.command.handle(context, info, extra.argument);
      return;
    }
    if (info.scope === 'personal') await handlePersonalMessage(context, deps, sessions, info, text);
    else {
      const here = (extensions.messageCommands ?? []).filter((c) => c.scopes.includes(info.scope));
      await handleChannelMessage(
        context,
        deps,
        text,
        here.map((c) => ({ name: c.phrases[0] ?? '', description: c.description })),
      );
    }
  });

  app.error(async (context, error) => {
    const reference = `${Date.now().toString(36)}`;
    deps.logger.error('turn.failed', { error, reference, activityType: context.activity.type });
    await sendCard(
      context,
      noticeCard({
        tone: 'attention',
        title: 'Something went wrong on my side',
        text: `Please try again. If it keeps happening, give your administrator this reference: ${reference}.`,
      }),
    ).catch(() => undefined);
  });

  return app;
}
