import type { AdaptiveCard } from '../cards/cardTypes';
import { driftCard } from '../cards/driftCard';
import { noticeCard } from '../cards/noticeCard';
import { reminderCard, type ReminderState } from '../cards/reminderCard';
import { severityForDaysLeft } from '../cards/reminderSeverity';
import { portalLinks, type CloudEndpoints } from '../consent';
import type { StoredRegistration } from '../store/store';
import type { DriftFinding } from './consentBaseline';
import type { KnownSecret } from './knownSecret';
import type { ReminderStep } from './schedule';
import type { Subscription } from './subscriptions';
import { daysLeft as daysLeftOf } from '../time/daysLeft';

// The cards one subscription receives, filled in from the stored registration, secret and
// subscription (app name, days left in the subscriber's zone, snooze state, portal links).
// The layouts themselves are the pure builders in src/cards/.

/** Links the cards need that only the bot knows. */
export interface ReminderLinks {
  readonly cloud: CloudEndpoints;
  /** Teams deep link to the personal chat with the bot. */
  readonly personalChatUrl: string;
  /** The bot has an admin sign-in app: reminder cards offer Rotate now. */
  readonly rotateNow?: boolean;
}

/** The name people know the app by: the checked display name, else the label. */
export function appNameOf(registration: StoredRegistration): string {
  const result = registration.lastResult;
  return result?.kind === 'report' && result.app.displayName ? result.app.displayName : registration.label;
}

/** The reminder card for one subscription at `now`, in the subscriber's time zone (else UTC). */
export function buildReminderCard(args: {
  readonly links: ReminderLinks;
  readonly registration: StoredRegistration;
  readonly secret: KnownSecret;
  readonly subscription: Subscription;
  readonly now: Date;
  readonly step?: ReminderStep;
  readonly state?: ReminderState;
  readonly actedBy?: string;
  /** A new secret was added by Rotate now but not confirmed yet: the card says the bot still uses this one. */
  readonly pendingRotation?: { readonly newHint?: string; readonly startedBy: string };
}): AdaptiveCard {
  // The same figure as the status card, the CLI and the schedule's thresholds.
  const daysLeft = daysLeftOf(new Date(args.secret.endDateTime), args.now);
  const expired = args.step?.kind === 'expired' || Date.parse(args.secret.endDateTime) <= args.now.getTime();
  const snoozedUntil =
    args.subscription.series?.seriesId === args.secret.seriesId ? args.subscription.series.snoozedUntil : undefined;
  return reminderCard({
    appName: appNameOf(args.registration),
    tenantId: args.registration.tenantId,
    secret: { displayName: args.secret.displayName, hint: args.secret.hint },
    endDateTime: args.secret.endDateTime,
    daysLeft,
    severity: expired ? 'expired' : severityForDaysLeft(daysLeft),
    timeZone: args.subscription.timeZone,
    portalCredentialsUrl: portalLinks(args.links.cloud, args.registration.clientId).credentials,
    personalChatUrl: args.links.personalChatUrl,
    registrationId: args.registration.id,
    subscriptionId: args.subscription.id,
    ...(args.links.rotateNow ? { offerRotate: true } : {}),
    ...(args.pendingRotation ? { pendingRotation: args.pendingRotation } : {}),
    ...(args.state ? { state: args.state } : {}),
    ...(args.actedBy ? { actedBy: args.actedBy } : {}),
    ...(args.state === 'snoozed' && snoozedUntil ? { snoozedUntil } : {}),
  });
}

/** The consent-drift alert for one subscription. */
export function buildDriftCard(args: {
  readonly links: ReminderLinks;
  readonly registration: StoredRegistration;
  readonly drift: DriftFinding;
  readonly subscription: Subscription;
  readonly now: Date;
}): AdaptiveCard {
  return driftCard({
    appName: appNameOf(args.registration),
    tenantId: args.registration.tenantId,
    changes: args.drift.changes,
    secretStoppedWorking: args.drift.secretStoppedWorking,
    ...(args.drift.secretProblem ? { secretProblem: args.drift.secretProblem } : {}),
    detectedAt: args.now.toISOString(),
    timeZone: args.subscription.timeZone,
    reportUrl: portalLinks(args.links.cloud, args.registration.clientId).apiPermissions,
    personalChatUrl: args.links.personalChatUrl,
  });
}

/** Told to the subscriber in personal chat when a conversation stops accepting reminders. */
export function deliveryStoppedCard(
  registration: StoredRegistration,
  subscription: Subscription,
  status: number | undefined,
): AdaptiveCard {
  const where = subscription.scope === 'channel' ? 'a Teams channel' : 'a group chat';
  const why =
    status === 403
      ? 'I am no longer allowed to post there (probably removed from the team or chat)'
      : status === 404
        ? 'the conversation no longer exists'
        : 'I can no longer reach that conversation';
  return noticeCard({
    tone: 'warning',
    title: 'Reminders stopped for one conversation',
    text:
      `I could not post the reminder for ${appNameOf(registration)} to ${where}: ${why}${status ? ` (HTTP ${status})` : ''}.\n` +
      'That subscription is now off. Add me to the conversation again and type "remind here" there to resume.',
  });
}
