import { ResponseType, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { buildBatchBody, parseBatchResponse } from './batchBody';
import { CheckTimeoutError, MalformedResponseError, ServiceHttpError } from './errors';
import { createGraphClient } from './graphClient';
import { parseRetryAfterMs, sleep } from './timing';

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
}

export interface BatchSendOptions {
  readonly accessToken: string;
  /** Epoch ms after which the batch gives up with CheckTimeoutError. */
  readonly deadline: number;
  readonly timeoutMs: number;
}

/** Posts batches and returns every item's answer, throttled items retried. */
export interface GraphBatchClient {
  send(items: readonly BatchItemRequest[], options: BatchSendOptions): Promise<Map<string, BatchItemResponse>>;
}

/** Item statuses re-sent after their Retry-After (also used for plain GETs of further pages). */
export const RETRYABLE_ITEM_STATUS: ReadonlySet<number> = new Set([429, 503, 504]);
/** The wait when a throttled answer carries no usable Retry-After. */
export const DEFAULT_ITEM_WAIT_MS = 1000;

async function errorDetails(response: Response): Promise<ServiceHttpError['details']> {
  const details: ServiceHttpError['details'] = {
    requestId: response.headers.get('request-id') ?? undefined,
    retryAfterSeconds: (() => {
      const ms = parseRetryAfterMs(response.headers.get('retry-after'));
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
      const waitMs = parseRetryAfterMs(response.headers.get('retry-after')) ?? DEFAULT_ITEM_WAIT_MS;
      return waitMs <= maxRetryWaitMs && Date.now() + waitMs < send.deadline;
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
    if (!response.ok) throw new ServiceHttpError('graph', response.status, await errorDetails(response));
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
      Math.max(0, sendOptions.deadline - Date.now()),
    );
    const results = new Map<string, BatchItemResponse>();
    try {
      let pending = items;
      for (let attempt = 0; ; attempt += 1) {
        for (const item of await postOnce(pending, sendOptions, controller.signal)) results.set(item.id, item);
        const throttled = pending.filter((item) => RETRYABLE_ITEM_STATUS.has(results.get(item.id)?.status ?? 0));
        if (throttled.length === 0 || attempt >= maxItemRetries) break;
        const waitMs = Math.max(
          ...throttled.map(
            (item) => parseRetryAfterMs(results.get(item.id)?.headers['retry-after']) ?? DEFAULT_ITEM_WAIT_MS,
          ),
        );
        if (waitMs > maxRetryWaitMs || Date.now() + waitMs >= sendOptions.deadline) break;
        await wait(waitMs, controller.signal);
        pending = throttled;
      }
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
