import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/cardTypes';
import { noticeCard } from '../../cards/noticeCard';
import { Verbs } from '../../cards/verbs';
import { applyReminderAction, type ReminderAction } from '../../reminders/reminderActions';
import { setNextDue } from '../../reminders/remindRegistration';
import { buildReminderCard } from '../../reminders/subscriptionCards';
import type { FieldRule } from '../actionPayload';
import type { CardActionExtension } from '../botExtensions';
import { updateCard } from '../chatReplies';
import { channelConversationKey } from './reminderConversation';
import type { ReminderBotDeps } from './reminderBotDeps';
import { subscribeHere } from './reminderSubscribe';

const ID: FieldRule = { required: true, max: 64 };
const REMINDER_RULES: Readonly<Record<string, FieldRule>> = { registrationId: ID, subscriptionId: ID };
const SHARED = ['channel', 'groupChat'] as const;

/** Which state change each reminder-card verb asks for. */
const ACTIONS: Readonly<Record<string, ReminderAction>> = {
  [Verbs.reminderSnooze]: 'snooze',
  [Verbs.reminderRotated]: 'rotated',
  [Verbs.reminderStop]: 'stop',
};

const gone = (): AdaptiveCard =>
  noticeCard({
    tone: 'default',
    title: 'These reminders are no longer active',
    text: 'Type "reminders" to see what this conversation gets, or "remind here" to start again.',
  });

/**
 * Buttons on reminder cards (I've rotated it, Snooze 1 day, Stop reminders) and the "Remind
 * here" picker. A reminder button replaces the clicked card for everyone: the message is
 * updated in the conversation, and the same card answers the invoke.
 */
export function reminderCardActions(deps: ReminderBotDeps): Record<string, CardActionExtension> {
  const reminderAction = (verb: string, action: ReminderAction): CardActionExtension => ({
    rules: REMINDER_RULES,
    scopes: SHARED,
    handle: async (context, info, data) => {
      const subscription = await deps.subscriptions.get(data.registrationId ?? '', data.subscriptionId ?? '');
      const registration = subscription && (await deps.store.getRegistration(subscription.registrationId));
      // The card's ids must belong to this very conversation: a card copied elsewhere changes nothing.
      const here = channelConversationKey(info.conversationKey) === subscription?.conversationKey;
      if (!subscription || !registration || !here || subscription.status === 'inactive') return gone();
      const now = deps.bot.clock.now();
      const outcome = applyReminderAction({
        action,
        subscription,
        registration,
        baseline: await deps.baselines.get(registration.id),
        now,
        ...(info.userName ? { actedBy: info.userName } : {}),
      });
      if (outcome.kind === 'gone') return gone();
      if (outcome.changed) await deps.subscriptions.save(outcome.subscription);
      if (outcome.nextDueAtMs !== undefined) await setNextDue(deps, registration.id, outcome.nextDueAtMs);
      deps.bot.logger.info('reminder.card_action', { verb, registrationId: registration.id, state: outcome.state });
      const card = buildReminderCard({
        links: deps.links,
        registration,
        secret: outcome.secret,
        subscription: outcome.subscription,
        now,
        state: outcome.state,
        ...(info.userName ? { actedBy: info.userName } : {}),
      });
      await updateForEveryone(deps, context, card);
      return card;
    },
  });

  return {
    ...Object.fromEntries(Object.entries(ACTIONS).map(([verb, action]) => [verb, reminderAction(verb, action)])),
    [Verbs.reminderSubscribe]: {
      rules: { registrationId: ID, purpose: { required: false, max: 16, oneOf: ['remind'] } },
      scopes: SHARED,
      handle: async (context, info, data) => {
        const registration = await deps.bot.registrations.get(data.registrationId ?? '', info.userId);
        if (!registration)
          return noticeCard({
            tone: 'warning',
            title: 'Registration not found',
            text: 'Only the person who set a registration up can subscribe a conversation to it.',
          });
        return subscribeHere(deps, context, info, registration);
      },
    },
  };
}

async function updateForEveryone(deps: ReminderBotDeps, context: TurnContext, card: AdaptiveCard): Promise<void> {
  const messageId = context.activity.replyToId;
  if (!messageId) return;
  try {
    await updateCard(context, messageId, card);
  } catch (error) {
    deps.bot.logger.warn('reminder.card_update_failed', { error });
  }
}
