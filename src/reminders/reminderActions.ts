import type { ReminderState } from '../cards/reminderCard';
import type { StoredRegistration } from '../store/store';
import type { ConsentBaseline } from './consentBaseline';
import { knownSecretOf, type KnownSecret } from './knownSecret';
import { DAY_MS } from './schedule';
import type { SeriesState, Subscription } from './subscriptions';

/** What a button on a reminder card asks for: I've rotated it, Snooze 1 day, Stop reminders. */
export type ReminderAction = 'rotated' | 'snooze' | 'stop';

export interface ReminderActionInput {
  readonly action: ReminderAction;
  /** The stored subscription the card's ids name (already checked to belong to the clicked conversation). */
  readonly subscription: Subscription;
  readonly registration: StoredRegistration;
  /** The reminders' baseline for the registration: its secret outlives a failed check. */
  readonly baseline: ConsentBaseline | undefined;
  /** Display name of whoever pressed the button. */
  readonly actedBy?: string;
  readonly now: Date;
}

export type ReminderActionOutcome =
  /** Nothing to act on any more (subscription ended by a failed delivery, no known secret). */
  | { readonly kind: 'gone' }
  | {
      readonly kind: 'applied';
      /** The subscription as it must be stored; the input object itself when nothing changed. */
      readonly subscription: Subscription;
      readonly changed: boolean;
      /** The secret the card is about, for redrawing it. */
      readonly secret: KnownSecret;
      /** What the redrawn card shows. */
      readonly state: ReminderState;
      /** Set when the sweep must look sooner than the registration's stored next due time: the snooze end. */
      readonly nextDueAtMs?: number;
    };

/**
 * A reminder card's button as a pure state change, so the rules (a snooze lasts one day and
 * belongs to one secret's series; a stopped subscription stays stopped whatever is pressed; a
 * snooze ending before the next planned look brings that look forward) are tested without
 * Teams. The bot only loads, stores and redraws.
 */
export function applyReminderAction(input: ReminderActionInput): ReminderActionOutcome {
  const { subscription, registration } = input;
  if (subscription.status === 'inactive') return { kind: 'gone' };
  const secret = input.baseline?.secret ?? knownSecretOf(registration.lastResult, registration.secretHint);
  if (!secret) return { kind: 'gone' };
  if (subscription.status === 'stopped')
    return { kind: 'applied', subscription, changed: false, secret, state: 'stopped' };

  const { updated, state } = change(input, secret);
  const snoozeEnd = state === 'snoozed' && updated.series?.snoozedUntil ? Date.parse(updated.series.snoozedUntil) : NaN;
  const due = registration.nextDueAt ? Date.parse(registration.nextDueAt) : Number.POSITIVE_INFINITY;
  return {
    kind: 'applied',
    subscription: updated,
    changed: true,
    secret,
    state,
    ...(snoozeEnd < due ? { nextDueAtMs: snoozeEnd } : {}),
  };
}

function change(
  { action, subscription: s, actedBy, now }: ReminderActionInput,
  secret: KnownSecret,
): { updated: Subscription; state: ReminderState } {
  switch (action) {
    case 'snooze':
      return {
        updated: withSeries(s, secret, { snoozedUntil: new Date(now.getTime() + DAY_MS).toISOString() }),
        state: 'snoozed',
      };
    case 'rotated':
      return {
        updated: withSeries(s, secret, { rotatedAt: now.toISOString(), ...(actedBy ? { rotatedBy: actedBy } : {}) }),
        state: 'rotated',
      };
    case 'stop':
      return {
        updated: {
          ...s,
          status: 'stopped',
          statusReason: actedBy ? `by ${actedBy}` : 'from a reminder card',
          statusChangedAt: now.toISOString(),
        },
        state: 'stopped',
      };
  }
}

/** Records a choice on this secret's series; choices made for an older secret do not carry over. */
function withSeries(s: Subscription, secret: KnownSecret, choice: Omit<SeriesState, 'seriesId'>): Subscription {
  const series = s.series?.seriesId === secret.seriesId ? s.series : { seriesId: secret.seriesId };
  return { ...s, series: { ...series, ...choice, seriesId: secret.seriesId } };
}
