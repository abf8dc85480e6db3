import { card, execute, heading, openUrl, text } from './cardParts';
import type { AdaptiveCard, CardAction, CardElement } from './cardTypes';
import { escapeText, maskedHint } from './escapeText';
import { daysLeftInWords } from '../time/daysLeft';
import { formatDateTime } from './formatDate';
import { SEVERITY_LOOK, type ReminderSeverity } from './reminderSeverity';
import { Verbs } from './verbs';

export type ReminderState = 'active' | 'snoozed' | 'stopped' | 'rotated';

export interface ReminderCardInput {
  readonly appName: string;
  readonly tenantId: string;
  /** Which secret: its description in Entra ID and the three-character hint. */
  readonly secret: { readonly displayName?: string; readonly hint?: string };
  readonly endDateTime: string;
  /** Whole days left, negative once expired (src/time/daysLeft's figure). */
  readonly daysLeft: number;
  readonly severity: ReminderSeverity;
  /** IANA zone; channel readers may be anywhere, so the zone is always named. UTC if absent. */
  readonly timeZone?: string;
  readonly portalCredentialsUrl: string;
  /** Teams deep link to the personal chat with the bot, where the new secret is given. */
  readonly personalChatUrl: string;
  readonly registrationId: string;
  readonly subscriptionId: string;
  /** After a button press the card is replaced in place for everyone with the new state. */
  readonly state?: ReminderState;
  /** Display name of whoever pressed the button (plain text). */
  readonly actedBy?: string;
  /** The bot can rotate the secret itself (an admin sign-in app is configured): Rotate now. */
  readonly offerRotate?: boolean;
  /** Rotate now added a new secret that nobody confirmed yet: this card's secret is still the one in use. */
  readonly pendingRotation?: { readonly newHint?: string; readonly startedBy: string };
  /** ISO time the snooze ends. */
  readonly snoozedUntil?: string;
}

/**
 * Posted proactively into a subscribed channel before (and after) a client secret expires:
 * which app and secret, when, how urgent, and buttons to rotate, snooze or stop.
 */
export function reminderCard(input: ReminderCardInput): AdaptiveCard {
  const look = SEVERITY_LOOK[input.severity] ?? SEVERITY_LOOK.info;
  const state = input.state ?? 'active';
  const expired = input.severity === 'expired' || input.daysLeft < 0;
  const words = daysLeftInWords(input.daysLeft, expired);
  const secretName = input.secret.displayName ? `${escapeText(input.secret.displayName, 120)} ` : '';
  const body: CardElement[] = [
    heading(`${look.icon} ${look.word}: client secret ${words}`, look.color),
    {
      type: 'FactSet',
      facts: [
        { title: 'App', value: escapeText(input.appName, 150) },
        { title: 'Tenant', value: escapeText(input.tenantId, 120) },
        { title: 'Secret', value: `${secretName}(${maskedHint(input.secret.hint)})` },
        { title: expired ? 'Expired' : 'Expires', value: formatDateTime(input.endDateTime, input.timeZone) },
      ],
    },
    text(
      (expired ? 'The connector stops working with this secret. ' : 'When it expires the connector stops working. ') +
        (input.offerRotate
          ? 'Select **Rotate now**: I add a new secret next to this one and keep both until the connector uses the new one.'
          : expired
            ? 'Create a new secret and give it to me.'
            : 'Create a new secret before then and give it to me.'),
    ),
    ...(input.pendingRotation
      ? [
          text(
            `🔄 ${escapeText(input.pendingRotation.startedBy, 120)} added a new secret (${maskedHint(input.pendingRotation.newHint)}). ` +
              `I still check with this one (${maskedHint(input.secret.hint)}) until the owner selects **I've updated the connector** in the personal chat with me.`,
            { spacing: 'Medium' },
          ),
        ]
      : []),
    ...stateText(input, state),
  ];
  return card(body, actionsFor(input, state));
}

function stateText(input: ReminderCardInput, state: ReminderState): CardElement[] {
  const by = input.actedBy ? ` by ${escapeText(input.actedBy, 80)}` : '';
  switch (state) {
    case 'snoozed': {
      const until = input.snoozedUntil ? ` until ${formatDateTime(input.snoozedUntil, input.timeZone)}` : ' for 1 day';
      return [text(`😴 Snoozed${until}${by}.`, { isSubtle: true, spacing: 'Medium' })];
    }
    case 'stopped':
      return [
        text(`🔕 Reminders stopped${by}. Type **remind here** in this channel to start them again.`, {
          isSubtle: true,
          spacing: 'Medium',
        }),
      ];
    case 'rotated':
      return [
        text(
          `🔄 Marked as rotated${by}. Now give me the new secret's **Value** in personal chat: open the chat ` +
            'and type **setup**, or press **Update credentials** on the status card. Never paste it in a channel.',
          { spacing: 'Medium' },
        ),
      ];
    default:
      return [];
  }
}

function actionsFor(input: ReminderCardInput, state: ReminderState): CardAction[] {
  const data = { registrationId: input.registrationId, subscriptionId: input.subscriptionId };
  const portal = openUrl('Open Certificates & secrets', input.portalCredentialsUrl);
  const rotated = execute(
    "I've rotated it",
    Verbs.reminderRotated,
    data,
    input.offerRotate ? {} : { style: 'positive' },
  );
  // Rotate now first: the bot adds the new secret itself (steps in the owner's personal chat).
  const rotateNow = input.offerRotate ? [execute('Rotate now', Verbs.rotate, data, { style: 'positive' })] : [];
  const snooze = execute('Snooze 1 day', Verbs.reminderSnooze, data);
  const stop = execute('Stop reminders', Verbs.reminderStop, data, { style: 'destructive' });
  switch (state) {
    case 'snoozed':
      return [...rotateNow, ...portal, rotated, stop];
    case 'stopped':
      return portal;
    case 'rotated':
      return [...openUrl('Open chat with the bot', input.personalChatUrl, 'positive'), ...portal];
    default:
      return [...rotateNow, ...portal, rotated, snooze, stop];
  }
}
