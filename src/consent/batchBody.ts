import { MalformedResponseError } from './errors';
import type { BatchItemRequest, BatchItemResponse } from './graphBatch';

/**
 * The wire format of a Graph JSON batch: the request body (version-relative item URLs only,
 * the mistake real Graph rejects) and a strict reading of the response.
 */

/** One request of a batch body as Graph reads it. */
export interface BatchBodyRequest {
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: { readonly 'Content-Type': 'application/json' };
  readonly dependsOn?: readonly string[];
}

/**
 * The JSON body of POST /$batch, with item URLs checked to be version-relative. Items with a
 * body get the `Content-Type: application/json` header Graph requires of them.
 */
export function buildBatchBody(items: readonly BatchItemRequest[]): { requests: BatchBodyRequest[] } {
  if (items.length === 0 || items.length > 20) throw new RangeError('A Graph batch carries 1 to 20 requests.');
  return {
    requests: items.map((item) => {
      if (!item.url.startsWith('/') || /^\/v1\.0\/|^\/beta\//i.test(item.url)) {
        throw new RangeError(`Batch item URLs must be relative to the version: ${item.url}`);
      }
      return {
        id: item.id,
        method: item.method ?? 'GET',
        url: item.url,
        ...(item.body === undefined
          ? {}
          : { body: item.body, headers: { 'Content-Type': 'application/json' } as const }),
        ...(item.dependsOn && item.dependsOn.length > 0 ? { dependsOn: item.dependsOn } : {}),
      };
    }),
  };
}

function headersOf(raw: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return headers;
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') headers[key.toLowerCase()] = value;
    else if (typeof value === 'number') headers[key.toLowerCase()] = String(value);
  }
  return headers;
}

/** Validates the batch response shape (anything else is a MalformedResponseError); items carry the ids as sent. */
export function parseBatchResponse(json: unknown, expectedIds: readonly string[]): BatchItemResponse[] {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { responses?: unknown }).responses)) {
    throw new MalformedResponseError('graph', 'the batch response has no "responses" list');
  }
  const byLowerId = new Map(expectedIds.map((id) => [id.toLowerCase(), id]));
  const items: BatchItemResponse[] = [];
  for (const raw of (json as { responses: unknown[] }).responses) {
    if (typeof raw !== 'object' || raw === null)
      throw new MalformedResponseError('graph', 'a batch item is not an object');
    const { id, status, headers, body } = raw as { id?: unknown; status?: unknown; headers?: unknown; body?: unknown };
    if (typeof id !== 'string' || typeof status !== 'number' || !Number.isInteger(status)) {
      throw new MalformedResponseError('graph', 'a batch item has no id or status');
    }
    // Batch ids are not case-sensitive (Graph's JSON batching docs): key the answer by the id we sent.
    const sent = byLowerId.get(id.toLowerCase());
    if (sent !== undefined && !items.some((item) => item.id === sent)) {
      items.push({ id: sent, status, headers: headersOf(headers), body });
    }
  }
  const missing = expectedIds.filter((id) => !items.some((item) => item.id === id));
  if (missing.length > 0) throw new MalformedResponseError('graph', `no answer for ${missing.join(', ')}`);
  return items;
}
