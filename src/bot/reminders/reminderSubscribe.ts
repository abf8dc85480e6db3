import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/cardTypes';
import { formatDateTime } from '../../cards/formatDate';
import { expiryInWords } from '../../time/daysLeft';
import { noticeCard } from '../../cards/noticeCard';
import { knownSecretOf } from '../../reminders/knownSecret';
import { appNameOf } from '../../reminders/subscriptionCards';
import { setNextDue } from '../../reminders/remindRegistration';
import type { StoredRegistration } from '../../store/store';
import { formatDuration } from '../../time/duration';
import { ensureReminderReference, teamIdOf } from './reminderConversation';
import type { ReminderBotDeps } from './reminderBotDeps';
import type { TurnInfo } from '../turnInfo';

/** "30, 14, 7, 3, 1 and 0" */
export function listDays(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => b - a).map(String);
  return sorted.length <= 1 ? (sorted[0] ?? '') : `${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}

/**
 * Subscribes this channel or group chat to one of the speaker's registrations and makes the
 * registration due at once, so the next sweep sends whatever reminder is already due.
 */
export async function subscribeHere(
  deps: ReminderBotDeps,
  context: TurnContext,
  info: TurnInfo,
  registration: StoredRegistration,
): Promise<AdaptiveCard> {
  if (info.scope === 'personal') {
    return noticeCard({
      tone: 'default',
      title: 'Use this in a channel',
      text: 'Type "remind here" in the team channel or group chat that should get the reminders.',
    });
  }
  const now = deps.bot.clock.now();
  const key = await ensureReminderReference(deps.store, info, now);
  if (!key) return cannotPostHere('reminders');
  const teamId = info.scope === 'channel' ? teamIdOf(context.activity) : undefined;
  await deps.subscriptions.subscribe(
    {
      registrationId: registration.id,
      conversationKey: key,
      scope: info.scope,
      subscriberId: info.userId,
      ...(info.tenantId ? { tenantId: info.tenantId } : {}),
      ...(teamId ? { teamId } : {}),
      ...(info.userName ? { subscriberName: info.userName } : {}),
      ...(info.timeZone ? { timeZone: info.timeZone } : {}),
    },
    now,
  );
  const due = registration.nextDueAt ? Date.parse(registration.nextDueAt) : Number.POSITIVE_INFINITY;
  if (!(due <= now.getTime())) await setNextDue(deps, registration.id, now.getTime());
  deps.bot.logger.info('reminder.subscribed', { registrationId: registration.id, scope: info.scope });

  const where = info.scope === 'channel' ? 'This channel' : 'This chat';
  const secret =
    knownSecretOf(registration.lastResult, registration.secretHint) ??
    (await deps.baselines.get(registration.id))?.secret;
  const expiry = secret
    ? `The client secret in use expires on ${formatDateTime(secret.endDateTime, info.timeZone)} (${expiryInWords(secret.endDateTime, now)}).`
    : 'I do not know when its client secret expires yet; I will find out at the next check.';
  return noticeCard({
    tone: 'good',
    title: `Reminders on for ${appNameOf(registration)}`,
    text: [
      `${where} will get a reminder ${listDays(deps.thresholdDays)} days before the client secret expires, and one when it has expired. ` +
        'I also post here at once if a permission stops being granted or the secret stops working.',
      expiry,
      `I look every ${formatDuration(deps.sweepIntervalMs)}. Type "reminders" to list what this conversation gets, "reminders off" to stop.`,
    ].join('\n'),
  });
}

/** The answer when this conversation's service address is not one the bot may send to. */
export function cannotPostHere(what: 'reminders' | 'a digest'): AdaptiveCard {
  return noticeCard({
    tone: 'attention',
    title: 'I cannot post here on my own',
    text: `This conversation's service address is not one I am allowed to send to, so I cannot post ${what} here.`,
  });
}
