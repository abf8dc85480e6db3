import { readResource } from './graphResources';
import { GRAPH_ERRORS, graphError, graphOk, GraphResult, injectedFault } from './graphResult';
import { headerValue, SandboxContext } from './sandboxContext';
import { RequestContext } from './httpKit';
import { AccessTokenClaims } from './tokenIssuer';

const MAX_BATCH = 20;

interface BatchItem {
  readonly id: string;
  readonly method: string;
  readonly url: string;
}

/**
 * POST /v1.0/$batch as Graph does it: at most 20 items with unique ids, item URLs relative to the
 * version ("/applications(...)", never "/v1.0/..."), each item answered on its own (a 429 item
 * carries its own Retry-After). Responses come back in reverse order: clients must match by id
 * (and, when `setBatchAnswerIdCase('upper')` is on, without case, as Graph's docs allow).
 * `version` is the batch's own ("v1.0" or "beta"): items' nextLinks point back at it.
 */
export async function runBatch(
  ctx: SandboxContext,
  rc: RequestContext,
  claims: AccessTokenClaims,
  clientRequestId: string | undefined,
  version = 'v1.0',
): Promise<GraphResult> {
  const bad = (message: string): GraphResult => graphError(400, 'BadRequest', message, ctx.now(), clientRequestId);
  const batchFault = ctx.state.takeFault('graph-batch');
  if (batchFault) return injectedFault(batchFault.status, batchFault.retryAfterSeconds, ctx.now(), clientRequestId);
  if (!(headerValue(rc, 'content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return bad('Invalid batch payload format: Content-Type must be application/json.');
  }
  const parsed = parseBatch(await rc.readBody());
  if (typeof parsed === 'string') return bad(parsed);
  const responses = parsed.map((item) => {
    const result = answerItem(ctx, claims, item, clientRequestId, version);
    const id = ctx.state.batchIdCase === 'upper' ? item.id.toUpperCase() : item.id;
    return { id, status: result.status, headers: result.headers, body: result.body };
  });
  rc.noteBatchItems(
    parsed.map((i) => i.url),
    responses.map((r) => r.status),
  );
  return graphOk({ responses: responses.reverse() });
}

function answerItem(
  ctx: SandboxContext,
  claims: AccessTokenClaims,
  item: BatchItem,
  clientRequestId: string | undefined,
  version: string,
): GraphResult {
  if (/^https?:/i.test(item.url)) {
    return graphError(
      400,
      'BadRequest',
      'Invalid request URL: batch item URLs are relative to the version.',
      ctx.now(),
      clientRequestId,
    );
  }
  const versioned = /^\/?(v1\.0|beta)(\/|$)/i.exec(item.url);
  if (versioned) {
    const e = GRAPH_ERRORS.badSegment(versioned[1]);
    return graphError(e.status, e.code, e.message, ctx.now(), clientRequestId);
  }
  const fault = ctx.state.takeFault('graph-item', item.url);
  if (fault) return injectedFault(fault.status, fault.retryAfterSeconds, ctx.now(), clientRequestId);
  return readResource(ctx, claims, { method: item.method, url: item.url, clientRequestId, version });
}

/** The batch items, or a message saying why the whole batch is rejected. */
function parseBatch(text: string): BatchItem[] | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'Invalid batch payload format: the body is not valid JSON.';
  }
  if (typeof json !== 'object' || json === null || !('requests' in json) || !Array.isArray(json.requests)) {
    return 'Invalid batch payload format: expected an object with a "requests" array.';
  }
  const requests: readonly unknown[] = json.requests;
  if (requests.length === 0) return 'Invalid batch payload format: the batch holds no requests.';
  if (requests.length > MAX_BATCH)
    return `The number of requests in the batch (${requests.length}) exceeds the limit of ${MAX_BATCH}.`;
  const items: BatchItem[] = [];
  const ids = new Set<string>();
  for (const [index, raw] of requests.entries()) {
    if (typeof raw !== 'object' || raw === null)
      return `Invalid batch payload format: request ${index} is not an object.`;
    const id: unknown = 'id' in raw ? raw.id : undefined;
    const method: unknown = 'method' in raw ? raw.method : undefined;
    const url: unknown = 'url' in raw ? raw.url : undefined;
    if (typeof id !== 'string' || id === '')
      return `Invalid batch payload format: request ${index} has no string "id".`;
    if (typeof method !== 'string' || typeof url !== 'string' || url === '') {
      return `Invalid batch payload format: request '${id}' needs "method" and "url".`;
    }
    if (ids.has(id)) return `Batch request ids must be unique; '${id}' is repeated.`;
    ids.add(id);
    items.push({ id, method, url });
  }
  return items;
}
