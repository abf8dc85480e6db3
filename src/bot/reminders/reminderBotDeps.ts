import type { Baselines } from '../../reminders/consentBaseline';
import type { ReminderLinks } from '../../reminders/subscriptionCards';
import type { Subscriptions } from '../../reminders/subscriptions';
import type { FullStore } from '../../store/store';
import type { BotDeps } from '../botDeps';

/** What the reminder commands and card buttons share, built once by runtime.ts. */
export interface ReminderBotDeps {
  readonly bot: BotDeps;
  readonly store: FullStore;
  readonly subscriptions: Subscriptions;
  readonly baselines: Baselines;
  readonly links: ReminderLinks;
  readonly thresholdDays: readonly number[];
  readonly sweepIntervalMs: number;
}
