import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import { GraphEntity } from './graphEntities';
import { GRAPH_ERRORS, graphError, graphOk, GraphResult } from './graphResult';

/** Graph's default page size for directory collections such as appRoleAssignments. */
export const DEFAULT_PAGE_SIZE = 100;
/** The largest `$top` Graph accepts on directory collections (more is a 400, not a cap). */
export const MAX_PAGE_SIZE = 999;

/** Where the next page starts, bound to the tenant and collection it was issued for. */
export interface PagePosition {
  readonly tenantId: string;
  /** The collection path relative to the version, decoded and lower-cased. */
  readonly collection: string;
  readonly offset: number;
  readonly size: number;
}

/**
 * The opaque `$skiptoken` values of one sandbox instance. They are HMAC-signed with a key made
 * at start, so a forged or edited token, or one moved to another collection, tenant or
 * sandbox run, is refused like a token real Graph cannot resolve.
 */
export interface PageTokens {
  issue(position: PagePosition): string;
  read(token: string): PagePosition | undefined;
}

/** Creates the token signer; tests may pass a fixed key. */
export function createPageTokens(key: Buffer = randomBytes(32)): PageTokens {
  const sign = (payload: string): Buffer => createHmac('sha256', key).update(payload).digest();
  return {
    issue(p) {
      const payload = Buffer.from(JSON.stringify([p.tenantId, p.collection, p.offset, p.size])).toString('base64url');
      return `${payload}.${sign(payload).toString('base64url')}`;
    },
    read(token) {
      const parts = token.split('.');
      if (parts.length !== 2) return undefined;
      const [payload, mac] = parts;
      const given = Buffer.from(mac, 'base64url');
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      let fields: unknown;
      try {
        fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return undefined;
      }
      if (!Array.isArray(fields) || fields.length !== 4) return undefined;
      const [tenantId, collection, offset, size]: unknown[] = fields;
      if (typeof tenantId !== 'string' || typeof collection !== 'string') return undefined;
      if (!Number.isInteger(offset) || !Number.isInteger(size)) return undefined;
      return { tenantId, collection, offset: Number(offset), size: Number(size) };
    },
  };
}

/** One request for a page of a directory collection. */
export interface CollectionPageRequest {
  readonly tenantId: string;
  /** The collection path relative to the version as the client wrote it (no leading slash, no query). */
  readonly rawPath: string;
  /** "v1.0" or "beta": the nextLink stays on the version that was asked. */
  readonly version: string;
  readonly query: URLSearchParams;
  readonly odataContext: string;
  readonly clientRequestId?: string;
}

/** What paging needs from the sandbox: its Graph URL, clock, token signer and default page size. */
export interface PagingContext {
  readonly graphEndpoint: string;
  readonly now: () => Date;
  readonly pageTokens: PageTokens;
  readonly defaultPageSize: number;
}

/**
 * Answers one page of a collection as Graph does: `$top` (1..999) or the default page size,
 * and while more entries remain an absolute `@odata.nextLink` on the Graph host carrying an
 * opaque `$skiptoken` (and the `$top` the client gave). An unreadable skiptoken is a 400.
 */
export function pageCollection(
  ctx: PagingContext,
  request: CollectionPageRequest,
  all: readonly GraphEntity[],
): GraphResult {
  const fail = (e: { status: number; code: string; message: string }): GraphResult =>
    graphError(e.status, e.code, e.message, ctx.now(), request.clientRequestId);
  const top = request.query.get('$top');
  let size: number | undefined;
  if (top !== null) {
    if (!/^\d+$/.test(top)) return fail(GRAPH_ERRORS.badTop(top));
    size = Number(top);
    if (size < 1 || size > MAX_PAGE_SIZE) return fail(GRAPH_ERRORS.pageSizeOutOfRange(top));
  }
  const collection = safeDecode(request.rawPath).toLowerCase();
  let offset = 0;
  const skipToken = request.query.get('$skiptoken');
  if (skipToken !== null) {
    const position = ctx.pageTokens.read(skipToken);
    if (
      !position ||
      position.tenantId !== request.tenantId ||
      position.collection !== collection ||
      position.offset < 0
    ) {
      return fail(GRAPH_ERRORS.badSkipToken());
    }
    offset = position.offset;
    size ??= position.size;
  }
  size ??= ctx.defaultPageSize;
  const value = all.slice(offset, offset + size);
  if (offset + size >= all.length) return graphOk({ '@odata.context': request.odataContext, value });
  const token = ctx.pageTokens.issue({ tenantId: request.tenantId, collection, offset: offset + size, size });
  const nextLink = `${ctx.graphEndpoint}/${request.version}/${request.rawPath}?${top === null ? '' : `$top=${size}&`}$skiptoken=${token}`;
  return graphOk({ '@odata.context': request.odataContext, '@odata.nextLink': nextLink, value });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
