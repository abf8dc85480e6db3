import type { BotExtensions } from '../botExtensions';
import { reminderCardActions } from './reminderCardActions';
import { reminderCommands } from './reminderCommands';
import type { ReminderBotDeps } from './reminderBotDeps';
import { channelConversationKey } from './reminderConversation';

/**
 * The reminder feature's part of the bot: its commands, its card buttons, and what happens to
 * subscriptions when a conversation or a registration goes away. It builds nothing: runtime.ts
 * (the one composition root) wires the store, notifier, sweep and timer and passes them in.
 */
export function reminderExtensions(deps: ReminderBotDeps): BotExtensions {
  const { subscriptions, store } = deps;

  async function onConversationRemoved(conversationKey: string): Promise<void> {
    const key = channelConversationKey(conversationKey);
    const direct = await subscriptions.listForConversation(key);
    const ofTeam = (await subscriptions.listAll()).filter(
      (s) => s.teamId !== undefined && channelConversationKey(s.teamId) === key,
    );
    const removed = new Map([...direct, ...ofTeam].map((s) => [`${s.registrationId}|${s.id}`, s]));
    for (const s of removed.values()) {
      await subscriptions.remove(s);
      if (s.conversationKey !== conversationKey) await store.deleteConversation(s.conversationKey);
    }
    const digests = await deps.digests.removeConversation(key);
    if (removed.size + digests > 0) {
      deps.bot.logger.info('reminder.conversation_removed', { subscriptions: removed.size, digests });
    }
  }

  async function onRegistrationForgotten(registrationId: string): Promise<void> {
    for (const s of await subscriptions.listForRegistration(registrationId)) await subscriptions.remove(s);
  }

  return {
    cardActions: reminderCardActions(deps),
    messageCommands: reminderCommands(deps),
    onConversationRemoved,
    onRegistrationForgotten,
  };
}
