import type { Baselines } from '../../reminders/baselines';
import type { ReminderLinks } from '../../reminders/reminderCards';
import type { Subscriptions } from '../../reminders/subscriptions';
import type { FullStore } from '../../store/store';
import type { BotDeps } from '../botDeps';

/** What the reminder commands and card buttons share, built once by createReminderModule. */
export interface ReminderBotDeps {
  /** The part of the bot's dependencies the reminder commands and buttons use. */
  readonly bot: Pick<BotDeps, 'registrations' | 'logger' | 'now'>;
  readonly store: FullStore;
  readonly subscriptions: Subscriptions;
  readonly baselines: Baselines;
  readonly links: ReminderLinks;
  readonly thresholdDays: readonly number[];
  readonly sweepIntervalMs: number;
}
