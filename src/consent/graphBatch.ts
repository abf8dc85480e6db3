import { ResponseType, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { buildBatchBody, parseBatchResponse } from './batchBody';
import { CheckTimeoutError, MalformedResponseError, ServiceHttpError } from './errors';
import { createGraphClient } from './graphClient';
import { retryThrottled, RETRYABLE_ITEM_STATUS, throttleWaitMs, waitFits } from './throttleRetry';
import { sleep } from '../time/sleep';
import { systemClock, type Clock } from '../time/clock';
import { parseRetryAfterMs } from '../time/retryAfter';

/**
 * One Microsoft Graph JSON batch: all consent reads in one round trip. The body is built here
 * (not with BatchRequestContent, which writes "/v1.0/..." item URLs that real Graph rejects)
 * and posted through the official Graph client, whose RetryHandler retries a 429/503/504 on
 * the POST itself. Items answered 429 inside a successful batch are NOT retried by the client,
 * so they are re-sent here in a smaller batch after their own Retry-After, a bounded number
 * of times.
 */

export { buildBatchBody, parseBatchResponse } from './batchBody';

export interface BatchItemRequest {
  readonly id: string;
  /** Relative to the version: "/applications(appId='...')", never "/v1.0/..." nor a full URL. */
  readonly url: string;
  /** GET when absent; the repair's writes send POST or PATCH with a JSON body. */
  readonly method?: 'GET' | 'POST' | 'PATCH';
  readonly body?: unknown;
  /** Another item of the same batch this one runs after (Graph answers 424 if that one failed). */
  readonly dependsOn?: readonly string[];
}

export interface BatchItemResponse {
  readonly id: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /**
   * Set when a paged collection could not be read to its end although its first page was
   * (a nextLink refused or beyond the page bound): the read is then unknown, with this reason.
   */
  readonly incomplete?: { readonly code: string; readonly reason: string };
}

export interface GraphBatchOptions {
  /** e.g. https://graph.microsoft.com (no version). */
  readonly graphEndpoint: string;
  /** Re-sends of items answered 429/503/504 inside the batch; default 2. */
  readonly maxItemRetries?: number;
  /** Longest wait honoured for one Retry-After, inside or outside the batch; default 10 s. */
  readonly maxRetryWaitMs?: number;
  /** Retries of the batch POST itself by the Graph client's RetryHandler; default 2. */
  readonly batchRetries?: number;
  /** Injected by tests to observe waits; defaults to a real, abortable timer. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Reads Retry-After dates and the deadline; default the wall clock. */
  readonly clock?: Clock;
}

export interface BatchSendOptions {
  readonly accessToken: string;
  /** Epoch ms (by the client's clock) after which the batch gives up with CheckTimeoutError. */
  readonly deadline: number;
  readonly timeoutMs: number;
}

/** Posts batches and returns every item's answer, throttled items retried. */
export interface GraphBatchClient {
  send(items: readonly BatchItemRequest[], options: BatchSendOptions): Promise<Map<string, BatchItemResponse>>;
}

async function errorDetails(response: Response, clock: Clock): Promise<ServiceHttpError['details']> {
  const details: ServiceHttpError['details'] = {
    requestId: response.headers.get('request-id') ?? undefined,
    retryAfterSeconds: (() => {
      const ms = parseRetryAfterMs(response.headers.get('retry-after'), clock.now());
      return ms === undefined ? undefined : Math.ceil(ms / 1000);
    })(),
  };
  try {
    const json: unknown = JSON.parse(await response.text());
    const error = (json as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code === 'string') details.code = error.code;
    if (typeof error?.message === 'string') details.description = error.message.slice(0, 500);
  } catch {
    // A non-JSON error page: the status says enough.
  }
  return details;
}

/** Creates the batch client for one Graph endpoint; cheap, holds no token. */
export function createGraphBatchClient(options: GraphBatchOptions): GraphBatchClient {
  const graphEndpoint = options.graphEndpoint.replace(/\/+$/, '');
  const maxItemRetries = options.maxItemRetries ?? 2;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 10_000;
  const batchRetries = options.batchRetries ?? 2;
  const wait = options.sleep ?? sleep;
  const clock = options.clock ?? systemClock;

  async function postOnce(
    items: readonly BatchItemRequest[],
    send: BatchSendOptions,
    signal: AbortSignal,
  ): Promise<BatchItemResponse[]> {
    const shouldRetry = (
      _delay: number,
      _attempt: number,
      _req: RequestInfo,
      _opts: unknown,
      response: Response,
    ): boolean => {
      const waitMs = throttleWaitMs(response.headers.get('retry-after'), clock);
      return waitFits(waitMs, { maxRetryWaitMs, deadline: send.deadline, clock });
    };
    const { client, fetcher } = createGraphClient(graphEndpoint, send.accessToken, [
      new RetryHandler(new RetryHandlerOptions(1, batchRetries, shouldRetry)),
    ]);
    let response: unknown;
    try {
      response = await client
        .api('/$batch')
        .option('signal', signal)
        .responseType(ResponseType.RAW)
        .post(buildBatchBody(items));
    } catch (error) {
      throw fetcher.lastError ?? error;
    }
    if (!(response instanceof Response)) throw new MalformedResponseError('graph', 'no HTTP response');
    if (!response.ok) throw new ServiceHttpError('graph', response.status, await errorDetails(response, clock));
    let json: unknown;
    try {
      json = JSON.parse(await response.text());
    } catch {
      throw new MalformedResponseError('graph', 'the batch response is not JSON');
    }
    return parseBatchResponse(
      json,
      items.map((item) => item.id),
    );
  }

  async function send(
    items: readonly BatchItemRequest[],
    sendOptions: BatchSendOptions,
  ): Promise<Map<string, BatchItemResponse>> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new CheckTimeoutError('graph', sendOptions.timeoutMs)),
      Math.max(0, sendOptions.deadline - clock.now().getTime()),
    );
    const results = new Map<string, BatchItemResponse>();
    try {
      let pending = items;
      // Each attempt re-sends only the items still throttled, after the longest wait they ask.
      await retryThrottled(
        async () => {
          for (const item of await postOnce(pending, sendOptions, controller.signal)) results.set(item.id, item);
          pending = pending.filter((item) => RETRYABLE_ITEM_STATUS.has(results.get(item.id)?.status ?? 0));
          return pending;
        },
        (throttled) =>
          throttled.length === 0
            ? undefined
            : Math.max(...throttled.map((item) => throttleWaitMs(results.get(item.id)?.headers['retry-after'], clock))),
        {
          maxRetries: maxItemRetries,
          maxRetryWaitMs,
          deadline: sendOptions.deadline,
          clock,
          sleep: wait,
          signal: controller.signal,
        },
      );
      return results;
    } catch (error) {
      if (controller.signal.aborted) throw new CheckTimeoutError('graph', sendOptions.timeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  return { send };
}
