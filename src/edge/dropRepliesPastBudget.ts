import type { TurnContext } from 'botbuilder';
import type { Logger } from '../log/logger';
import { isReplyPastBudget } from './replyPastBudgetError';

/**
 * Makes a reply (send or card update) that could not go out within the turn's budget a
 * logged no-op instead of an error: the handler carries on, Teams' request is answered, and
 * what the user misses is one message, not the whole turn ending in "Something went wrong".
 */
export function dropRepliesPastBudget(context: TurnContext, logger: Logger): void {
  const dropped = (error: unknown, kind: string): boolean => {
    if (!isReplyPastBudget(error)) return false;
    logger.warn('reply.dropped_past_budget', { kind, status: error.status, waitMs: error.waitMs });
    return true;
  };
  context.onSendActivities(async (_context, activities, next) => {
    try {
      return await next();
    } catch (error) {
      if (!dropped(error, activities.map((a) => a.type).join(','))) throw error;
      return activities.map(() => ({ id: '' }));
    }
  });
  context.onUpdateActivity(async (_context, _activity, next) => {
    try {
      await next();
    } catch (error) {
      if (!dropped(error, 'update')) throw error;
    }
  });
}
