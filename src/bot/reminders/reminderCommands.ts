import type { AdaptiveCard } from '../../cards/cardTypes';
import { noticeCard } from '../../cards/noticeCard';
import { registrationPickerCard } from '../../cards/registrationPickerCard';
import { Verbs } from '../../cards/verbs';
import { appNameOf } from '../../reminders/subscriptionCards';
import type { Subscription } from '../../reminders/subscriptions';
import type { StoredRegistration } from '../../store/store';
import type { MessageCommandExtension } from '../botExtensions';
import { sendCard } from '../chatReplies';
import { pickByName, pickRegistration } from '../pickRegistration';
import type { ReminderBotDeps } from './reminderBotDeps';
import { channelConversationKey, ensureReminderReference } from './reminderConversation';
import { formatDateTime } from '../../cards/formatDate';
import type { TurnInfo } from '../turnInfo';
import { cannotPostHere, subscribeHere } from './reminderSubscribe';

const SHARED = ['channel', 'groupChat'] as const;

const noRegistrationYet = (): AdaptiveCard =>
  noticeCard({
    tone: 'default',
    title: 'No registration of yours yet',
    text:
      'Registrations are set up in a personal chat with me, because that needs the client secret (never paste it here). ' +
      'Open a chat with me, type "setup", then come back and type "remind here".',
  });

/** `remind here [name]`, `reminders`, `reminders off [name]` in channels and group chats. */
export function reminderCommands(deps: ReminderBotDeps): MessageCommandExtension[] {
  return [
    {
      phrases: ['remind here'],
      scopes: SHARED,
      description: 'Post reminders here before a client secret expires',
      handle: async (context, info, argument) => {
        const pick = pickRegistration(await deps.bot.registrations.list(info.userId), argument);
        const card =
          pick.kind === 'none'
            ? noRegistrationYet()
            : pick.kind === 'one'
              ? await subscribeHere(deps, context, info, pick.item)
              : remindPicker(pick.items);
        await sendCard(context, card);
      },
    },
    {
      phrases: ['remind here digest'],
      scopes: SHARED,
      description: 'One weekly card here listing all your connectors, instead of one per connector',
      handle: async (context, info) => {
        await sendCard(context, await subscribeDigest(deps, info));
      },
    },
    {
      phrases: ['reminders'],
      scopes: SHARED,
      description: 'List the reminders this conversation gets',
      handle: async (context, info) => {
        await sendCard(context, await listCard(deps, channelConversationKey(info.conversationKey)));
      },
    },
    {
      phrases: ['reminders off', 'remind off'],
      scopes: SHARED,
      description: "Stop one registration's reminders here",
      handle: async (context, info, argument) => {
        await sendCard(context, await turnOff(deps, channelConversationKey(info.conversationKey), argument));
      },
    },
  ];
}

/** The shared registration picker, its buttons sending the reminder subscribe verb. */
export function remindPicker(registrations: readonly StoredRegistration[]): AdaptiveCard {
  return registrationPickerCard({
    purpose: 'remind',
    verb: Verbs.reminderSubscribe,
    registrations: registrations.map((r) => ({
      id: r.id,
      label: appNameOf(r),
      tenantId: r.tenantId,
      clientId: r.clientId,
      ...(r.lastResult?.kind === 'report' ? { verdict: r.lastResult.verdict } : {}),
    })),
  });
}

interface Listed {
  readonly subscription: Subscription;
  readonly name: string;
}

async function listed(deps: ReminderBotDeps, conversationKey: string): Promise<Listed[]> {
  const out: Listed[] = [];
  for (const subscription of await deps.subscriptions.listForConversation(conversationKey)) {
    const registration = await deps.store.getRegistration(subscription.registrationId);
    if (!registration) {
      await deps.subscriptions.remove(subscription); // the registration was forgotten
      continue;
    }
    out.push({ subscription, name: appNameOf(registration) });
  }
  return out;
}

function stateWords(s: Subscription): string {
  if (s.status === 'active') return 'on';
  if (s.status === 'stopped') return `stopped${s.statusReason ? ` (${s.statusReason})` : ''}`;
  return `off: I could not post here (${s.statusReason ?? 'unknown reason'})`;
}

async function listCard(deps: ReminderBotDeps, conversationKey: string): Promise<AdaptiveCard> {
  const items = await listed(deps, conversationKey);
  const digestLines = (await deps.digests.listForConversation(conversationKey)).map(
    (d) =>
      `• Weekly digest${d.subscriberName ? ` of ${d.subscriberName}'s connectors` : ''}: ${d.status === 'active' ? `on, next ${formatDateTime(d.nextAt)}` : `off: I could not post here (${d.statusReason ?? 'unknown reason'})`}`,
  );
  if (items.length === 0 && digestLines.length > 0) {
    return noticeCard({
      tone: 'default',
      title: 'Reminders here',
      text: [...digestLines, 'Type "reminders off digest" to stop the digest.'].join('\n'),
    });
  }
  if (items.length === 0) {
    return noticeCard({
      tone: 'default',
      title: 'No reminders here',
      text: 'Type "remind here" to get reminders here before one of your registrations\' client secret expires.',
    });
  }
  const lines = items.map(
    (i) =>
      `• ${i.name}: ${stateWords(i.subscription)}${i.subscription.subscriberName ? `, set up by ${i.subscription.subscriberName}` : ''}`,
  );
  return noticeCard({
    tone: 'default',
    title: `Reminders here (${items.length})`,
    text: [
      ...lines,
      ...digestLines,
      'Type "reminders off" followed by a name to stop one, or "remind here" followed by a name to turn one back on.',
    ].join('\n'),
  });
}

async function turnOff(deps: ReminderBotDeps, conversationKey: string, argument: string): Promise<AdaptiveCard> {
  if (argument.trim().toLowerCase() === 'digest') return digestOff(deps, conversationKey);
  const items = await listed(deps, conversationKey);
  if (items.length === 0)
    return noticeCard({ tone: 'default', title: 'Nothing to turn off', text: 'This conversation gets no reminders.' });
  const pick = pickByName(items, argument, (i) => ({ name: i.name }));
  if (pick.kind !== 'one') {
    const names = items.map((i) => `• ${i.name}`);
    return noticeCard({
      tone: 'default',
      title: 'Which one?',
      text: [`Type "reminders off" followed by one of these names:`, ...names].join('\n'),
    });
  }
  const only = pick.item;
  await deps.subscriptions.remove(only.subscription);
  deps.bot.logger.info('reminder.unsubscribed', { registrationId: only.subscription.registrationId });
  return noticeCard({
    tone: 'good',
    title: `Reminders off for ${only.name}`,
    text: 'This conversation will get no more reminders or alerts for it. Type "remind here" to turn them back on.',
  });
}

/** `remind here digest`: this conversation gets one weekly card with all the user's registrations. */
async function subscribeDigest(deps: ReminderBotDeps, info: TurnInfo): Promise<AdaptiveCard> {
  const registrations = await deps.bot.registrations.list(info.userId);
  if (registrations.length === 0) return noRegistrationYet();
  const now = deps.bot.clock.now();
  const key = await ensureReminderReference(deps.store, info, now);
  if (!key) return cannotPostHere('a digest');
  const digest = await deps.digests.subscribe(
    {
      conversationKey: key,
      subscriberId: info.userId,
      ...(info.tenantId ? { tenantId: info.tenantId } : {}),
      ...(info.userName ? { subscriberName: info.userName } : {}),
    },
    now,
  );
  deps.bot.logger.info('reminder.digest_subscribed', { registrations: registrations.length });
  const first =
    Date.parse(digest.nextAt) <= now.getTime()
      ? 'The first one comes with my next round'
      : `The next one is due ${formatDateTime(digest.nextAt, info.timeZone)}`;
  return noticeCard({
    tone: 'good',
    title: 'Weekly digest on',
    text: `Once a week I will post one card here listing all ${registrations.length} of your connectors, most urgent first: verdict, days left on each secret, last check. ${first}. Type "reminders off digest" to stop it.`,
  });
}

async function digestOff(deps: ReminderBotDeps, conversationKey: string): Promise<AdaptiveCard> {
  const here = await deps.digests.listForConversation(conversationKey);
  if (here.length === 0) {
    return noticeCard({ tone: 'default', title: 'No digest here', text: 'Type "remind here digest" to get one.' });
  }
  for (const d of here) await deps.digests.remove(d.conversationKey, d.subscriberId);
  deps.bot.logger.info('reminder.digest_unsubscribed', { digests: here.length });
  return noticeCard({ tone: 'good', title: 'Weekly digest off', text: 'This conversation will get no more digests.' });
}
