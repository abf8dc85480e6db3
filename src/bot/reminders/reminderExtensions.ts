import type { CloudAdapter } from 'botbuilder';
import type { AppConfig } from '../../config';
import { createBaselines } from '../../reminders/baselines';
import type { Notifier } from '../../reminders/notifier';
import type { ReminderLinks } from '../../reminders/reminderCards';
import { requireFullStore } from '../../reminders/requireFullStore';
import { createSubscriptions } from '../../reminders/subscriptions';
import { createReminderSweep, type ReminderSweep, type ReminderSweepDeps } from '../../reminders/sweep';
import { createSweepScheduler } from '../../reminders/sweepScheduler';
import type { Clock } from '../../time/clock';
import type { BotDeps } from '../botDeps';
import type { BotExtensions } from '../botExtensions';
import { personalChatLink } from '../channelMessages';
import { reminderCardActions } from './reminderCardActions';
import { reminderCommands } from './reminderCommands';
import type { ReminderBotDeps } from './reminderBotDeps';
import { channelConversationKey } from './reminderConversation';
import { createTeamsNotifier } from './teamsNotifier';

/** The reminder feature as the composition root sees it. */
export interface ReminderModule {
  /** Commands, card buttons and removal handling, for createBotApp. */
  readonly extensions: BotExtensions;
  readonly sweep: ReminderSweep;
  readonly notifier: Notifier;
  /** Starts the REMINDER_SWEEP_INTERVAL timer (call once the server listens). */
  start(): void;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

export interface ReminderModuleOptions {
  readonly deps: BotDeps;
  readonly adapter: CloudAdapter;
  readonly config: Pick<AppConfig, 'reminderDays' | 'reminderSweepIntervalMs' | 'recheckIntervalMs'>;
  /** Defaults to deps.now. */
  readonly clock?: Clock;
  /** Test hooks for the sweep (sleep, random, hooks, leaseMs...). */
  readonly sweepOverrides?: Partial<
    Omit<ReminderSweepDeps, 'store' | 'rechecker' | 'notifier' | 'clock' | 'logger' | 'links'>
  >;
}

/** Wires subscriptions, the Teams notifier, the sweep and its timer onto the bot's dependencies. */
export function createReminderModule(options: ReminderModuleOptions): ReminderModule {
  const { deps, config } = options;
  const store = requireFullStore(deps.store);
  const clock = options.clock ?? { now: deps.now };
  // Empty in local mode: the cards then leave out "Open chat with the bot" rather than link nowhere.
  const links: ReminderLinks = { cloud: deps.cloud, personalChatUrl: personalChatLink(deps.botAppId) ?? '' };
  const subscriptions = createSubscriptions(store);
  const notifier = createTeamsNotifier({
    adapter: options.adapter,
    botAppId: deps.botAppId,
    store,
    serviceUrlAllowed: deps.serviceUrlAllowed,
    proactive: deps.proactive,
    logger: deps.logger,
    now: deps.now,
  });
  const sweep = createReminderSweep({
    store,
    rechecker: deps.registrations,
    notifier,
    clock,
    logger: deps.logger,
    links,
    thresholdDays: config.reminderDays,
    recheckIntervalMs: config.recheckIntervalMs,
    ...options.sweepOverrides,
  });
  const scheduler = createSweepScheduler({
    run: () => sweep.runOnce(),
    intervalMs: config.reminderSweepIntervalMs,
    logger: deps.logger,
  });
  const shared: ReminderBotDeps = {
    bot: deps,
    store,
    subscriptions,
    baselines: createBaselines(store),
    links,
    thresholdDays: config.reminderDays,
    sweepIntervalMs: config.reminderSweepIntervalMs,
  };

  async function onConversationRemoved(conversationKey: string): Promise<void> {
    const key = channelConversationKey(conversationKey);
    const direct = await subscriptions.listForConversation(key);
    const ofTeam = (await subscriptions.listAll()).filter(
      (s) => s.teamId !== undefined && channelConversationKey(s.teamId) === key,
    );
    const removed = new Map([...direct, ...ofTeam].map((s) => [`${s.registrationId}|${s.id}`, s]));
    for (const s of removed.values()) {
      await subscriptions.remove(s);
      if (s.conversationKey !== conversationKey) await store.deleteConversation(s.conversationKey);
    }
    if (removed.size > 0) deps.logger.info('reminder.conversation_removed', { subscriptions: removed.size });
  }

  async function onRegistrationForgotten(registrationId: string): Promise<void> {
    for (const s of await subscriptions.listForRegistration(registrationId)) await subscriptions.remove(s);
  }

  return {
    extensions: {
      cardActions: reminderCardActions(shared),
      messageCommands: reminderCommands(shared),
      onConversationRemoved,
      onRegistrationForgotten,
    },
    sweep,
    notifier,
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
  };
}
