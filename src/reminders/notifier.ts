import type { AdaptiveCard } from '../cards/cardTypes';

/** Where a reminder goes: a stored conversation, and its Teams tenant for the per-tenant budget. */
export interface DeliveryTarget {
  readonly conversationKey: string;
  readonly tenantId?: string;
}

/** One send attempt's outcome, with what the retry policy needs to decide. */
export type SendResult =
  | { readonly ok: true; readonly activityId?: string }
  | {
      readonly ok: false;
      /** HTTP status from the Bot Connector; undefined for network errors. */
      readonly status?: number;
      /** From a Retry-After header. */
      readonly retryAfterMs?: number;
      /** Never sent on purpose: no stored reference, or its serviceUrl is not an allowed Bot Connector host. */
      readonly refused?: boolean;
      /** Short, loggable reason (never a secret or token). */
      readonly reason: string;
    };

/**
 * How the sweep reaches people, defined here so the reminders never import Teams: the bot
 * implements it with proactive sends (src/bot/reminders/teamsNotifier.ts), tests with fakes.
 */
export interface Notifier {
  /** One attempt to post a new card into the conversation; failures are returned, not thrown. */
  send(target: DeliveryTarget, card: AdaptiveCard): Promise<SendResult>;
  /** Best effort notice in a personal chat (e.g. "reminders for that channel stopped"); true when posted. */
  notifyPersonal(conversationKey: string, card: AdaptiveCard): Promise<boolean>;
}
