const MAX_BATCH = 20;

/** One request of a $batch as validated: writes carry a JSON body. */
export interface BatchItem {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly body?: unknown;
  /** Ids of items that must succeed first (at most one, see `dependencyPatternError`). */
  readonly dependsOn: readonly string[];
}

/**
 * The batch items, or a message saying why the whole batch is rejected: not JSON, 0 or more than
 * 20 requests, a missing or repeated id, no method or url, a body that is not a JSON object or
 * comes without a `Content-Type: application/json` header, or a `dependsOn` Graph cannot run.
 */
export function parseBatch(text: string): BatchItem[] | string {
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
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return `Invalid batch payload format: request ${index} is not an object.`;
    const r = raw as Record<string, unknown>;
    const { id, method, url } = r;
    if (typeof id !== 'string' || id === '')
      return `Invalid batch payload format: request ${index} has no string "id".`;
    if (typeof method !== 'string' || typeof url !== 'string' || url === '') {
      return `Invalid batch payload format: request '${id}' needs "method" and "url".`;
    }
    if (ids.has(id)) return `Batch request ids must be unique; '${id}' is repeated.`;
    ids.add(id);
    if (r.body !== undefined) {
      if (typeof r.body !== 'object' || r.body === null) {
        return `Invalid batch payload format: the body of request '${id}' must be a JSON object.`;
      }
      if (!jsonContentType(r.headers)) {
        return `Invalid batch payload format: request '${id}' has a body but no "Content-Type": "application/json" header.`;
      }
    }
    const dependsOn = r.dependsOn === undefined ? [] : r.dependsOn;
    if (!Array.isArray(dependsOn) || !dependsOn.every((d): d is string => typeof d === 'string')) {
      return `Invalid batch payload format: "dependsOn" of request '${id}' must be an array of request ids.`;
    }
    items.push({ id, method, url, ...(r.body !== undefined ? { body: r.body } : {}), dependsOn });
  }
  return dependencyPatternError(items) ?? items;
}

/**
 * Graph runs `dependsOn` in three shapes only: no dependencies (parallel), every request depending
 * on the one before it (serial), or every dependent request depending on the same one
 * (https://learn.microsoft.com/graph/known-issues, JSON batching). Anything else, an unknown id or
 * more than one dependency per request, is refused here rather than run in some order.
 */
function dependencyPatternError(items: readonly BatchItem[]): string | undefined {
  const ids = new Set(items.map((i) => i.id));
  for (const item of items) {
    if (item.dependsOn.length > 1) return `Request '${item.id}' depends on more than one request.`;
    const d = item.dependsOn[0];
    if (d !== undefined && (!ids.has(d) || d === item.id)) {
      return `Request '${item.id}' depends on '${d}', which is not another request of this batch.`;
    }
  }
  const dependent = items.filter((i) => i.dependsOn.length > 0);
  if (dependent.length === 0) return undefined;
  const serial = items.every((item, k) =>
    k === 0 ? item.dependsOn.length === 0 : item.dependsOn[0] === items[k - 1].id,
  );
  const root = dependent[0].dependsOn[0];
  const same =
    dependent.every((i) => i.dependsOn[0] === root) && items.find((i) => i.id === root)?.dependsOn.length === 0;
  return serial || same
    ? undefined
    : 'Requests with dependsOn must form one chain (each depending on the one before) or all depend on the same request.';
}

function jsonContentType(headers: unknown): boolean {
  if (typeof headers !== 'object' || headers === null) return false;
  return Object.entries(headers).some(
    ([k, v]) =>
      k.toLowerCase() === 'content-type' && typeof v === 'string' && v.toLowerCase().startsWith('application/json'),
  );
}
