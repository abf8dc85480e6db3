import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/cardTypes';
import { noticeCard } from '../../cards/noticeCard';
import type { ReminderState } from '../../cards/reminderCard';
import { Verbs } from '../../cards/verbs';
import { knownSecretOf, type KnownSecret } from '../../reminders/knownSecret';
import { buildReminderCard } from '../../reminders/reminderCards';
import { setNextDue } from '../../reminders/registrationSweep';
import { DAY_MS } from '../../reminders/schedule';
import type { Subscription } from '../../reminders/subscriptions';
import type { FieldRule } from '../actionPayload';
import type { CardActionExtension } from '../botExtensions';
import { updateCard } from '../chatReplies';
import { channelConversationKey } from './reminderConversation';
import type { ReminderBotDeps } from './reminderBotDeps';
import { subscribeHere } from './reminderSubscribe';
import type { TurnInfo } from '../turnInfo';

const ID: FieldRule = { required: true, max: 64 };
const REMINDER_RULES: Readonly<Record<string, FieldRule>> = { registrationId: ID, subscriptionId: ID };
const SHARED = ['channel', 'groupChat'] as const;

type Change = (
  subscription: Subscription,
  secret: KnownSecret,
  info: TurnInfo,
  now: Date,
) => { subscription: Subscription; state: ReminderState };

const sameSeries = (s: Subscription, secret: KnownSecret): Subscription['series'] =>
  s.series?.seriesId === secret.seriesId ? s.series : { seriesId: secret.seriesId };

const CHANGES: Readonly<Record<string, Change>> = {
  [Verbs.reminderSnooze]: (s, secret, _info, now) => ({
    subscription: {
      ...s,
      series: {
        ...sameSeries(s, secret),
        seriesId: secret.seriesId,
        snoozedUntil: new Date(now.getTime() + DAY_MS).toISOString(),
      },
    },
    state: 'snoozed',
  }),
  [Verbs.reminderRotated]: (s, secret, info, now) => ({
    subscription: {
      ...s,
      series: {
        ...sameSeries(s, secret),
        seriesId: secret.seriesId,
        rotatedAt: now.toISOString(),
        ...(info.userName ? { rotatedBy: info.userName } : {}),
      },
    },
    state: 'rotated',
  }),
  [Verbs.reminderStop]: (s, _secret, info, now) => ({
    subscription: {
      ...s,
      status: 'stopped',
      statusReason: info.userName ? `by ${info.userName}` : 'from a reminder card',
      statusChangedAt: now.toISOString(),
    },
    state: 'stopped',
  }),
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
  const reminderAction = (verb: string): CardActionExtension => ({
    rules: REMINDER_RULES,
    scopes: SHARED,
    handle: async (context, info, data) => {
      const subscription = await deps.subscriptions.get(data.registrationId ?? '', data.subscriptionId ?? '');
      const registration = subscription && (await deps.store.getRegistration(subscription.registrationId));
      // The card's ids must belong to this very conversation: a card copied elsewhere changes nothing.
      const here = channelConversationKey(info.conversationKey) === subscription?.conversationKey;
      if (!subscription || !registration || !here || subscription.status === 'inactive') return gone();
      const secret =
        (await deps.baselines.get(registration.id))?.secret ??
        knownSecretOf(registration.lastResult, registration.secretHint);
      if (!secret) return gone();
      const now = deps.bot.now();
      const change = CHANGES[verb];
      const { subscription: updated, state } =
        subscription.status === 'stopped' || !change
          ? { subscription, state: 'stopped' as const }
          : change(subscription, secret, info, now);
      if (updated !== subscription) await deps.subscriptions.save(updated);
      const snoozeEnd = state === 'snoozed' ? updated.series?.snoozedUntil : undefined;
      if (snoozeEnd) {
        const due = registration.nextDueAt ? Date.parse(registration.nextDueAt) : Number.POSITIVE_INFINITY;
        if (Date.parse(snoozeEnd) < due) await setNextDue(deps, registration.id, Date.parse(snoozeEnd));
      }
      deps.bot.logger.info('reminder.card_action', { verb, registrationId: registration.id, state });
      const card = buildReminderCard({
        links: deps.links,
        registration,
        secret,
        subscription: updated,
        now,
        state,
        ...(info.userName ? { actedBy: info.userName } : {}),
      });
      await updateForEveryone(deps, context, card);
      return card;
    },
  });

  return {
    [Verbs.reminderSnooze]: reminderAction(Verbs.reminderSnooze),
    [Verbs.reminderRotated]: reminderAction(Verbs.reminderRotated),
    [Verbs.reminderStop]: reminderAction(Verbs.reminderStop),
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
