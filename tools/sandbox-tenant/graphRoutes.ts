import { randomUUID } from 'crypto';
import { runBatch } from './graphBatch';
import { answerGraphRequest } from './graphRequest';
import { GRAPH_ERRORS, graphError, GraphResult, injectedFault } from './graphResult';
import { Handler, RequestContext, sendJson } from './httpKit';
import { headerValue, SandboxContext } from './sandboxContext';
import { AccessTokenClaims, TokenCheck } from './tokenIssuer';
import { graphAudiences } from './tokenEndpoint';

const TOKEN_ERRORS: Record<Exclude<TokenCheck, { ok: true }>['reason'], string> = {
  empty: 'Access token is empty.',
  malformed: 'IDX14100: JWT is not well formed.',
  signature: 'Access token validation failure. Invalid signature.',
  expired: 'Lifetime validation failed, the token is expired.',
  audience: 'Access token validation failure. Invalid audience.',
};

/** The "graph.microsoft.com" double: bearer-token check, then $batch or a single read under /v1.0 or /beta. */
export function createGraphHandler(ctx: SandboxContext): Handler {
  return async (rc) => {
    const clientRequestId = headerValue(rc, 'client-request-id');
    const [version, ...restSegments] = rc.path.split('/').filter((s) => s !== '');
    if (version !== 'v1.0' && version !== 'beta') {
      return send(rc, graphError(400, 'BadRequest', `Invalid version: ${version ?? ''}`, ctx.now(), clientRequestId));
    }
    const auth = authenticate(ctx, rc, clientRequestId);
    if ('failure' in auth) return send(rc, auth.failure);
    const rest = restSegments.join('/');
    if (rest === '$batch') {
      if (rc.method !== 'POST') {
        const e = GRAPH_ERRORS.methodNotAllowed();
        return send(rc, graphError(e.status, e.code, e.message, ctx.now(), clientRequestId));
      }
      return send(rc, await runBatch(ctx, rc, auth.claims, clientRequestId, version));
    }
    const itemUrl = `/${rest}${rc.query.toString() === '' ? '' : `?${rc.query.toString()}`}`;
    const fault = ctx.state.takeFault('graph-item', itemUrl);
    if (fault) return send(rc, injectedFault(fault.status, fault.retryAfterSeconds, ctx.now(), clientRequestId));
    let body: unknown;
    if (rc.method === 'POST' || rc.method === 'PATCH') {
      const parsed = await jsonBody(rc);
      if ('error' in parsed) return send(rc, graphError(400, 'BadRequest', parsed.error, ctx.now(), clientRequestId));
      body = parsed.body;
    }
    send(rc, answerGraphRequest(ctx, auth.claims, { method: rc.method, url: itemUrl, body, clientRequestId, version }));
  };
}

/** A write's body: JSON with a JSON Content-Type, as Graph requires. */
async function jsonBody(rc: RequestContext): Promise<{ body: unknown } | { error: string }> {
  const text = await rc.readBody();
  if (!(headerValue(rc, 'content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return { error: 'Content-Type must be application/json for a request with a body.' };
  }
  try {
    return { body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  } catch {
    return {
      error:
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    };
  }
}

function authenticate(
  ctx: SandboxContext,
  rc: RequestContext,
  clientRequestId: string | undefined,
): { claims: AccessTokenClaims } | { failure: GraphResult } {
  const header = headerValue(rc, 'authorization') ?? '';
  const match = /^Bearer\s+(.*)$/i.exec(header.trim());
  const check = ctx.issuer.verify(match ? match[1].trim() : '', graphAudiences(ctx));
  if (check.ok && ctx.directory.findTenant(check.claims.tid)) return { claims: check.claims };
  const message = check.ok ? 'Access token validation failure. Invalid tenant.' : TOKEN_ERRORS[check.reason];
  return {
    failure: graphError(401, 'InvalidAuthenticationToken', message, ctx.now(), clientRequestId, {
      'WWW-Authenticate': `Bearer realm="", authorization_uri="${ctx.authorityHost}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
    }),
  };
}

function send(rc: RequestContext, result: GraphResult): void {
  if (result.status === 204) {
    rc.res.writeHead(204, { ...result.headers, 'request-id': randomUUID() });
    rc.res.end();
    return;
  }
  const requestId = innerRequestId(result.body);
  sendJson(rc.res, result.status, result.body, {
    ...result.headers,
    ...(requestId ? { 'request-id': requestId } : {}),
    ...(headerValue(rc, 'client-request-id') ? { 'client-request-id': headerValue(rc, 'client-request-id') } : {}),
  });
}

function innerRequestId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error: unknown = body.error;
  if (typeof error !== 'object' || error === null || !('innerError' in error)) return undefined;
  const inner: unknown = error.innerError;
  if (typeof inner !== 'object' || inner === null || !('request-id' in inner)) return undefined;
  return typeof inner['request-id'] === 'string' ? inner['request-id'] : undefined;
}
