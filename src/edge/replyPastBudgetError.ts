/**
 * A reply the Bot Connector refused (throttled or failing) whose retry would end after the
 * turn's budget. Thrown by the budgeted retry policy so the turn can drop that reply and
 * answer Teams' request instead of waiting (a 429 with `Retry-After: 3600` once held it).
 */
export class ReplyPastBudgetError extends Error {
  override readonly name = 'ReplyPastBudgetError';

  constructor(
    /** The connector's last HTTP status, when it answered at all. */
    readonly status: number | undefined,
    /** How long the retry would have waited. */
    readonly waitMs: number,
  ) {
    super(`The reply was not sent: a retry in ${waitMs} ms would end past the turn's budget.`);
  }
}

/** True for a ReplyPastBudgetError, also when a library layer re-wrapped its prototype away. */
export function isReplyPastBudget(error: unknown): error is ReplyPastBudgetError {
  return error instanceof ReplyPastBudgetError || (error instanceof Error && error.name === 'ReplyPastBudgetError');
}
