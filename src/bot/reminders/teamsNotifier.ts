import type { Logger } from '../../log/logger';
import type { Notifier } from '../../reminders/notifier';
import type { Proactive } from '../proactive';

/**
 * The reminders' Notifier: the bot's one proactive sender (src/bot/proactive.ts) under the
 * names the reminder code uses. Its SendResult goes to the reminders' retry policy as it is.
 */
export function createTeamsNotifier(proactive: Pick<Proactive, 'sendCard'>, logger: Logger): Notifier {
  return {
    send: (target, card) => proactive.sendCard(target.conversationKey, card),
    async notifyPersonal(conversationKey, card) {
      const sent = await proactive.sendCard(conversationKey, card);
      if (!sent.ok) logger.warn('reminder.personal_notice_failed', { reason: sent.reason, status: sent.status });
      return sent.ok;
    },
  };
}
