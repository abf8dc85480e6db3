import { ResponseType } from '@microsoft/microsoft-graph-client';
import { CheckTimeoutError, MalformedResponseError } from './errors';
import type { BatchItemResponse, BatchSendOptions } from './graphBatch';
import { createGraphClient } from './graphClient';
import { nextLinkHost, trustedNextLink } from './nextLink';
import { retryThrottled, RETRYABLE_ITEM_STATUS, throttleWaitMs } from './throttleRetry';
import { sleep } from '../time/sleep';
import { systemClock, type Clock } from '../time/clock';
import { isRecord } from '../shared/isRecord';

/**
 * Graph pages collections (100 entries by default): a batch item's body may end with an
 * `@odata.nextLink`. This follows those links with plain GETs through the same Graph client,
 * token and deadline, and hands back each collection whole, so a grant on page 2 is not
 * reported as missing. A nextLink is followed only on the configured Graph endpoint's origin:
 * a response cannot make the check send its access token anywhere else.
 */

export interface GraphPageReaderOptions {
  /** e.g. https://graph.microsoft.com (no version). */
  readonly graphEndpoint: string;
  /** Most pages read per collection, the first included; default 20. */
  readonly maxPages?: number;
  /** Re-sends of a page answered 429/503/504; default 2 (as for batch items). */
  readonly maxItemRetries?: number;
  /** Longest Retry-After honoured; default 10 s. */
  readonly maxRetryWaitMs?: number;
  /** Injected by tests to observe waits; defaults to a real, abortable timer. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Reads Retry-After dates and the deadline; default the wall clock. */
  readonly clock?: Clock;
}

/** Completes paged batch items. */
export interface GraphPageReader {
  /**
   * For each of `ids` whose answer carries `@odata.nextLink`, reads the following pages and
   * returns the item with every page's `value` concatenated (or why it could not). Items
   * without a nextLink cost no request; the same map comes back when nothing was paged.
   */
  complete(
    items: ReadonlyMap<string, BatchItemResponse>,
    ids: readonly string[],
    options: BatchSendOptions,
  ): Promise<ReadonlyMap<string, BatchItemResponse>>;
}

interface PageAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** Creates the page reader for one Graph endpoint; cheap, holds no token. */
export function createGraphPageReader(options: GraphPageReaderOptions): GraphPageReader {
  const graphEndpoint = options.graphEndpoint.replace(/\/+$/, '');
  const maxPages = Math.max(1, options.maxPages ?? 20);
  const maxItemRetries = options.maxItemRetries ?? 2;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 10_000;
  const wait = options.sleep ?? sleep;
  const clock = options.clock ?? systemClock;

  async function getOnce(url: URL, send: BatchSendOptions, signal: AbortSignal): Promise<PageAnswer> {
    const { client, fetcher } = createGraphClient(graphEndpoint, send.accessToken);
    let response: unknown;
    try {
      response = await client.api(url.href).option('signal', signal).responseType(ResponseType.RAW).get();
    } catch (error) {
      throw fetcher.lastError ?? error;
    }
    if (!(response instanceof Response)) throw new MalformedResponseError('graph', 'no HTTP response');
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    let body: unknown;
    try {
      body = JSON.parse(await response.text());
    } catch {
      body = undefined;
    }
    return { status: response.status, headers, body };
  }

  /** One page, a throttled answer re-sent after its Retry-After like a throttled batch item. */
  function getPage(url: URL, send: BatchSendOptions, signal: AbortSignal): Promise<PageAnswer> {
    return retryThrottled(
      () => getOnce(url, send, signal),
      (answer) =>
        RETRYABLE_ITEM_STATUS.has(answer.status) ? throttleWaitMs(answer.headers['retry-after'], clock) : undefined,
      { maxRetries: maxItemRetries, maxRetryWaitMs, deadline: send.deadline, clock, sleep: wait, signal },
    );
  }

  async function follow(
    first: BatchItemResponse,
    send: BatchSendOptions,
    signal: AbortSignal,
  ): Promise<BatchItemResponse> {
    if (first.status < 200 || first.status >= 300 || !isRecord(first.body) || !Array.isArray(first.body.value))
      return first;
    const { '@odata.nextLink': firstLink, ...firstBody } = first.body;
    if (firstLink === undefined) return first;
    const values: unknown[] = [...first.body.value];
    const whole = (incomplete?: BatchItemResponse['incomplete']): BatchItemResponse => ({
      ...first,
      body: { ...firstBody, value: values },
      ...(incomplete ? { incomplete } : {}),
    });
    let link: unknown = firstLink;
    for (let pages = 1; link !== undefined; pages += 1) {
      if (typeof link !== 'string')
        return whole({ code: 'MalformedResponse', reason: 'Microsoft Graph sent a next-page link that is not a URL.' });
      const url = trustedNextLink(link, graphEndpoint);
      if (!url) {
        return whole({
          code: 'UntrustedNextLink',
          reason: `Microsoft Graph's answer pointed its next page outside the configured Graph endpoint (${nextLinkHost(link)}); it was not followed, so the access token was not sent there.`,
        });
      }
      if (pages >= maxPages) {
        return whole({
          code: 'TooManyPages',
          reason: `The list is longer than the ${maxPages} pages the check reads.`,
        });
      }
      const page = await getPage(url, send, signal);
      if (page.status < 200 || page.status >= 300)
        return { id: first.id, status: page.status, headers: page.headers, body: page.body };
      if (!isRecord(page.body) || !Array.isArray(page.body.value)) {
        return whole({
          code: 'MalformedResponse',
          reason: `Microsoft Graph's page ${pages + 1} of the list could not be read.`,
        });
      }
      values.push(...page.body.value);
      link = page.body['@odata.nextLink'];
    }
    return whole();
  }

  async function complete(
    items: ReadonlyMap<string, BatchItemResponse>,
    ids: readonly string[],
    send: BatchSendOptions,
  ): Promise<ReadonlyMap<string, BatchItemResponse>> {
    const paged = ids.flatMap((id) => {
      const item = items.get(id);
      return item && isRecord(item.body) && item.body['@odata.nextLink'] !== undefined ? [item] : [];
    });
    if (paged.length === 0) return items;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        controller.abort(new CheckTimeoutError('graph', send.timeoutMs));
      },
      Math.max(0, send.deadline - clock.now().getTime()),
    );
    try {
      const done = await Promise.all(paged.map((first) => follow(first, send, controller.signal)));
      const result = new Map(items);
      for (const item of done) result.set(item.id, item);
      return result;
    } catch (error) {
      if (timedOut) throw new CheckTimeoutError('graph', send.timeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
      // A page still in flight after another one failed is of no use any more.
      controller.abort();
    }
  }

  return { complete };
}
