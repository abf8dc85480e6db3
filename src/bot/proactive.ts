import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { AdaptiveCard } from '../cards/cardTypes';
import type { Logger } from '../log/logger';
import type { SendResult } from '../reminders/notifier';
import { parseRetryAfterMs } from '../time/retryAfter';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { cardActivity } from './chatReplies';

/**
 * The one way the bot reaches a conversation outside a user's turn: consent follow-ups,
 * late check results and reminders all go through it. Each send looks up the stored
 * conversation reference, refuses a serviceUrl that is not an allowed Bot Connector host
 * (the bot's token would go with it), and reports what happened instead of throwing.
 */
export interface Proactive {
  /** Posts a new card: a new message or channel post, never a reply in a thread. */
  sendCard(conversationKey: string, card: AdaptiveCard): Promise<SendResult>;
  /** Replaces a card the bot posted earlier in that conversation. */
  updateCard(conversationKey: string, activityId: string, card: AdaptiveCard): Promise<SendResult>;
}

export interface ProactiveDeps {
  readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  readonly botAppId: string;
  readonly store: Pick<Store, 'getConversation'>;
  readonly serviceUrlAllowed: (serviceUrl: string | undefined) => boolean;
  readonly logger: Logger;
  /** For Retry-After answers given as a date. */
  readonly clock: Clock;
}

/**
 * Sends through botbuilder's ConnectorClient (core-rest-pipeline), which already retries 429
 * (honouring Retry-After) and 5xx up to 3 times before an error reaches us; what is left
 * surfaces as a RestError with `statusCode` and `response.headers.get('retry-after')`, which
 * becomes a SendResult the caller's own retry policy can read (see sendFailure).
 */
export function createProactive(deps: ProactiveDeps): Proactive {
  async function deliver(
    conversationKey: string,
    logic: (context: TurnContext, reference: Partial<ConversationReference>) => Promise<string | undefined>,
  ): Promise<SendResult> {
    const stored = await deps.store.getConversation(conversationKey);
    if (!stored) {
      deps.logger.warn('proactive.no_reference', { conversationKey });
      return { ok: false, refused: true, reason: 'no stored conversation reference' };
    }
    const reference = stored.reference as Partial<ConversationReference>;
    if (!deps.serviceUrlAllowed(reference.serviceUrl)) {
      deps.logger.warn('proactive.service_url_refused', { conversationKey, serviceUrl: reference.serviceUrl });
      return { ok: false, refused: true, reason: 'serviceUrl is not an allowed Bot Connector host' };
    }
    try {
      let activityId: string | undefined;
      await deps.adapter.continueConversationAsync(deps.botAppId, reference, async (context) => {
        activityId = await logic(context, reference);
      });
      return activityId ? { ok: true, activityId } : { ok: true };
    } catch (error) {
      return sendFailure(error, deps.clock.now());
    }
  }

  return {
    sendCard: (conversationKey, card) =>
      deliver(conversationKey, async (context, reference) => {
        // sendActivity would reply to the continuation's made-up activity id: post anew instead.
        const { activityId: _ignored, ...target } = reference;
        const activity = TurnContext.applyConversationReference(cardActivity(card), target);
        const client: unknown = context.turnState.get(context.adapter.ConnectorClientKey);
        if (isConversationSender(client) && activity.conversation?.id) {
          return (await client.conversations.sendToConversation(activity.conversation.id, activity)).id;
        }
        return (await context.sendActivity(activity))?.id;
      }),
    updateCard: (conversationKey, activityId, card) =>
      deliver(conversationKey, async (context) => {
        const activity = cardActivity(card);
        activity.id = activityId;
        await context.updateActivity(activity);
        return activityId;
      }),
  };
}

/** Reads status and Retry-After from a botbuilder/core-rest-pipeline error without trusting its shape. */
export function sendFailure(error: unknown, now: Date): Extract<SendResult, { ok: false }> {
  const record = error && typeof error === 'object' ? (error as Record<string, unknown>) : {};
  const statusCode = typeof record.statusCode === 'number' ? record.statusCode : undefined;
  const response =
    record.response && typeof record.response === 'object' ? (record.response as Record<string, unknown>) : {};
  const status = statusCode ?? (typeof response.status === 'number' ? response.status : undefined);
  const retryAfterMs = parseRetryAfterMs(headerOf(response.headers, 'retry-after'), now);
  const code = typeof record.code === 'string' ? record.code : undefined;
  const reason =
    status !== undefined
      ? `HTTP ${status}${code ? ` ${code}` : ''}`
      : (code ?? (error instanceof Error ? error.name : 'send failed'));
  return {
    ok: false,
    reason: reason.slice(0, 120),
    ...(status === undefined ? {} : { status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const get: unknown = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  const value: unknown =
    (headers as Record<string, unknown>)[name] ?? (headers as Record<string, unknown>)['Retry-After'];
  return typeof value === 'string' ? value : undefined;
}

/** The one ConnectorClient operation used, checked structurally (botframework-connector is not a direct dependency). */
interface ConversationSender {
  readonly conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  };
}

function isConversationSender(value: unknown): value is ConversationSender {
  if (!value || typeof value !== 'object') return false;
  const conversations: unknown = (value as { conversations?: unknown }).conversations;
  return (
    !!conversations && typeof (conversations as { sendToConversation?: unknown }).sendToConversation === 'function'
  );
}
