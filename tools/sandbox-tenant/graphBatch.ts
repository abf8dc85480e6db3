import { parseBatch, BatchItem } from './graphBatchParse';
import { answerGraphRequest } from './graphRequest';
import { GRAPH_ERRORS, graphError, graphOk, GraphResult, injectedFault } from './graphResult';
import { headerValue, SandboxContext } from './sandboxContext';
import { RequestContext } from './httpKit';
import { AccessTokenClaims } from './tokenIssuer';

/**
 * POST /v1.0/$batch as Graph does it: at most 20 items with unique ids, item URLs relative to the
 * version ("/applications(...)", never "/v1.0/..."), each item answered on its own (a 429 item
    const result = answers.get(item.id) ?? bad('not run');
    return {
      id: ctx.state.batchIdCase === 'upper' ? item.id.toUpperCase() : item.id,
      status: result.status,
      headers: result.headers,
      ...(result.body === undefined ? {} : { body: result.body }),
    };
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
  const answers = new Map<string, GraphResult>();
  for (const item of executionOrder(parsed)) {
    const failedDependency = item.dependsOn.find((d) => (answers.get(d)?.status ?? 0) >= 400);
    answers.set(
      item.id,
      failedDependency
        ? graphError(
            424,
            'FailedDependency',
            `Failed dependency: request '${failedDependency}' failed.`,
            ctx.now(),
            clientRequestId,
          )
        : answerItem(ctx, claims, item, clientRequestId, version),
    );
  }
  const responses = parsed.map((item) => {
    const result = answers.get(item.id) ?? bad('not run');
    return {
      id: ctx.state.batchIdCase === 'upper' ? item.id.toUpperCase() : item.id,
      status: result.status,
      headers: result.headers,
      ...(result.body === undefined ? {} : { body: result.body }),
    };
  });
  rc.noteBatchItems(
    parsed.map((i) => i.url),
    responses.map((r) => r.status),
  );
  return graphOk({ responses: responses.reverse() });
}

/** Dependencies first, otherwise in the order given (the patterns allowed keep this acyclic). */
function executionOrder(items: readonly BatchItem[]): BatchItem[] {
  const done = new Set<string>();
  const order: BatchItem[] = [];
  const visit = (item: BatchItem): void => {
    if (done.has(item.id)) return;
    done.add(item.id);
    for (const d of item.dependsOn) {
      const dep = items.find((i) => i.id === d);
      if (dep) visit(dep);
    }
    order.push(item);
  };
  items.forEach(visit);
  return order;
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
  return answerGraphRequest(ctx, claims, {
    method: item.method,
    url: item.url,
    body: item.body,
    clientRequestId,
    version,
  });
}
