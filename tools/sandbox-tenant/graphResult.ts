import { randomUUID } from 'crypto';

/** One Graph answer, usable as a whole HTTP response or as a $batch item. */
export interface GraphResult {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** Graph's JSON content type, as real Graph sends it. */
export const GRAPH_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** A successful Graph answer. */
export function graphOk(body: unknown): GraphResult {
  return {
    status: 200,
    headers: { 'Content-Type': GRAPH_JSON, 'OData-Version': '4.0', 'Cache-Control': 'no-cache' },
    body,
  };
}

/** 201 Created with the new object. */
export function graphCreated(body: unknown): GraphResult {
  return { ...graphOk(body), status: 201 };
}

/** 204 No Content (PATCH). */
export function graphNoContent(): GraphResult {
  return { status: 204, headers: { 'Cache-Control': 'no-cache' }, body: undefined };
}

/** A Graph error: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export function graphError(
  status: number,
  code: string,
  message: string,
  now: Date,
  clientRequestId?: string,
  extraHeaders: Record<string, string> = {},
): GraphResult {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'Content-Type': GRAPH_JSON, 'Cache-Control': 'no-cache', ...extraHeaders },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: now.toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': requestId,
          'client-request-id': clientRequestId ?? requestId,
        },
      },
    },
  };
}

/** The standard errors the Graph double uses. */
export const GRAPH_ERRORS = {
  badSegment: (segment: string) => ({
    status: 400,
    code: 'BadRequest',
    message: `Resource not found for the segment '${segment}'.`,
  }),
  forbidden: () => ({
    status: 403,
    code: 'Authorization_RequestDenied',
    message: 'Insufficient privileges to complete the operation.',
  }),
  invalidRequest: (message: string) => ({ status: 400, code: 'Request_BadRequest', message }),
  invalidProperty: (property: string, resource: string) => ({
    status: 400,
    code: 'Request_BadRequest',
    message: `Invalid value specified for property '${property}' of resource '${resource}'.`,
  }),
  conflict: (message: string) => ({ status: 409, code: 'Request_MultipleObjectsWithSameKeyValue', message }),
  notFound: (id: string) => ({
    status: 404,
    code: 'Request_ResourceNotFound',
    message: `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  }),
  methodNotAllowed: () => ({
    status: 405,
    code: 'Request_BadRequest',
    message: 'Specified HTTP method is not allowed for the request target.',
  }),
  badTop: (value: string) => ({
    status: 400,
    code: 'BadRequest',
    message: `Invalid value '${value}' for $top query option found. The $top query option requires a non-negative integer value.`,
  }),
  pageSizeOutOfRange: (value: string) => ({
    status: 400,
    code: 'Request_UnsupportedQuery',
    message: `Invalid page size specified: '${value}'. Must be between 1 and 999 inclusive.`,
  }),
  badSkipToken: () => ({
    status: 400,
    code: 'Directory_ExpiredPageToken',
    message: 'The specified page token value has expired and can no longer be included in your request.',
  }),
  injected: (status: number) =>
    status === 429
      ? { status, code: 'TooManyRequests', message: 'Too many requests.' }
      : {
          status,
          code: status >= 500 ? 'ServiceUnavailable' : 'BadRequest',
          message: `Injected sandbox fault (HTTP ${status}).`,
        },
} as const;

/** The error a fault injection answers with, carrying Retry-After when one was given. */
export function injectedFault(
  status: number,
  retryAfterSeconds: number | undefined,
  now: Date,
  clientRequestId: string | undefined,
): GraphResult {
  const e = GRAPH_ERRORS.injected(status);
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
  return graphError(e.status, e.code, e.message, now, clientRequestId, headers);
}
