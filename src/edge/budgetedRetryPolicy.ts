import { parseRetryAfterMs } from '../time/retryAfter';
import { sleep } from '../time/sleep';
import { ReplyPastBudgetError } from './replyPastBudgetError';

/** The part of an @azure/core-rest-pipeline request this policy touches. */
export interface PipelineRequestLike {
  /** Milliseconds before the attempt is abandoned; 0 means none. */
  timeout: number;
}

/** The part of a pipeline response this policy reads. */
export interface PipelineResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | undefined };
}

/** A pipeline policy, structurally (the package is botbuilder's dependency, not ours). */
export interface PipelinePolicyLike {
  readonly name: string;
  sendRequest(
    request: PipelineRequestLike,
    next: (request: PipelineRequestLike) => Promise<PipelineResponseLike>,
  ): Promise<PipelineResponseLike>;
}

/** When the turn's replies must be done, on the same clock as `now`. */
export interface TurnDeadline {
  readonly deadline: number;
  readonly now: () => number;
}

export const BUDGETED_RETRY_POLICY_NAME = 'budgetedRetryPolicy';
const MAX_RETRIES = 3;
const BASE_DELAY_MS = 500;
/** Every attempt may take this long even when the budget is nearly spent (one try, not zero). */
const MIN_ATTEMPT_MS = 2_000;
const SYSTEM_ERRORS = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ENOTFOUND']);

function retryDelayMs(
  response: PipelineResponseLike | undefined,
  error: unknown,
  retry: number,
  now: number,
): number | undefined {
  const exponential = BASE_DELAY_MS * 2 ** retry;
  if (response) {
    if (response.status === 429 || response.status === 503) {
      const ms = response.headers.get('retry-after-ms') ?? response.headers.get('x-ms-retry-after-ms');
      if (ms !== undefined && /^\d+$/.test(ms.trim())) return Number(ms.trim());
      return parseRetryAfterMs(response.headers.get('retry-after'), new Date(now)) ?? exponential;
    }
    const transient = response.status === 408 || (response.status >= 500 && ![501, 505].includes(response.status));
    return transient ? exponential : undefined;
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && SYSTEM_ERRORS.has(code) ? exponential : undefined;
}

/**
 * Replaces the Bot Connector client's default retry policy for in-turn replies. The default
 * obeys any Retry-After (an hour, if the connector says so) while Teams' HTTP request waits;
 * this one retries the same cases (429/503 with Retry-After, 408, 5xx, network errors) only
 * while the wait ends before the turn's deadline, and otherwise throws ReplyPastBudgetError.
 */
export function budgetedRetryPolicy(turn: TurnDeadline): PipelinePolicyLike {
  return {
    name: BUDGETED_RETRY_POLICY_NAME,
    async sendRequest(request, next) {
      for (let retry = 0; ; retry += 1) {
        const remaining = turn.deadline - turn.now();
        if (request.timeout === 0 || request.timeout > remaining) request.timeout = Math.max(remaining, MIN_ATTEMPT_MS);
        let response: PipelineResponseLike | undefined;
        let error: unknown;
        try {
          response = await next(request);
        } catch (caught) {
          error = caught;
        }
        const wait = retry < MAX_RETRIES ? retryDelayMs(response, error, retry, turn.now()) : undefined;
        if (wait === undefined) {
          if (response) return response;
          throw error;
        }
        if (turn.now() + wait >= turn.deadline) throw new ReplyPastBudgetError(response?.status, wait);
        await sleep(wait);
      }
    },
  };
}
