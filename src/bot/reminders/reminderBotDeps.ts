import type { Baselines } from '../../reminders/consentBaseline';
import type { Digests } from '../../reminders/digests';
import type { ReminderLinks } from '../../reminders/subscriptionCards';
import type { Subscriptions } from '../../reminders/subscriptions';
import type { FullStore } from '../../store/store';
import type { BotDeps } from '../botDeps';

/** What the reminder commands and card buttons share, built once by runtime.ts. */
export interface ReminderBotDeps {
  /** The part of the bot's dependencies the reminder commands and buttons use. */
  readonly bot: Pick<BotDeps, 'registrations' | 'logger' | 'clock'>;
  readonly store: FullStore;
  readonly subscriptions: Subscriptions;
  readonly digests: Digests;
  readonly baselines: Baselines;
  readonly links: ReminderLinks;
  readonly thresholdDays: readonly number[];
  readonly sweepIntervalMs: number;
}
