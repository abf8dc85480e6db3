import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Logger } from '../../log/logger';
import type { Notifier, SendResult } from '../../reminders/notifier';
import { parseRetryAfterMs } from '../../time/retryAfter';
import type { Store } from '../../store/store';
import { cardActivity } from '../chatReplies';
import type { Proactive } from '../proactive';
import type { Clock } from '../../time/clock';

export interface TeamsNotifierDeps {
  readonly adapter: CloudAdapter;
  readonly botAppId: string;
  readonly store: Store;
  readonly serviceUrlAllowed: (serviceUrl: string | undefined) => boolean;
  readonly proactive: Proactive;
  readonly logger: Logger;
  readonly clock: Clock;
}

/**
 * The reminders' Notifier over Bot Framework proactive sends. botbuilder's ConnectorClient
 * (core-rest-pipeline) already retries 429 (honouring Retry-After) and 5xx up to 3 times
 * before an error reaches us; what is left surfaces as a RestError with `statusCode` and
 * `response.headers.get('retry-after')`, which this turns into a SendResult for the
 * reminders' own retry policy. Only allowed Bot Connector hosts are ever contacted.
 */
export function createTeamsNotifier(deps: TeamsNotifierDeps): Notifier {
  return {
    async send(target, card) {
      const stored = await deps.store.getConversation(target.conversationKey);
      if (!stored) return { ok: false, refused: true, reason: 'no stored conversation reference' };
      const reference = stored.reference as Partial<ConversationReference>;
      if (!deps.serviceUrlAllowed(reference.serviceUrl)) {
        deps.logger.warn('reminder.service_url_refused', {
          conversationKey: target.conversationKey,
          serviceUrl: reference.serviceUrl,
        });
        return { ok: false, refused: true, reason: 'serviceUrl is not an allowed Bot Connector host' };
      }
      try {
        let activityId: string | undefined;
        await deps.adapter.continueConversationAsync(deps.botAppId, reference, async (context) => {
          // sendActivity would reply to the continuation's made-up activity id; a reminder is a new post.
          const { activityId: _ignored, ...target } = reference;
          const activity = TurnContext.applyConversationReference(cardActivity(card), target);
          const client: unknown = context.turnState.get(context.adapter.ConnectorClientKey);
          if (isConversationSender(client) && activity.conversation?.id) {
            activityId = (await client.conversations.sendToConversation(activity.conversation.id, activity)).id;
          } else {
            activityId = (await context.sendActivity(activity))?.id;
          }
        });
        return activityId ? { ok: true, activityId } : { ok: true };
      } catch (error) {
        return sendFailure(error, deps.clock.now());
      }
    },
    async notifyPersonal(conversationKey, card) {
      try {
        return (await deps.proactive.sendCard(conversationKey, card)) !== undefined;
      } catch (error) {
        deps.logger.warn('reminder.personal_notice_failed', { error: sendFailure(error, deps.clock.now()) });
        return false;
      }
    },
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
