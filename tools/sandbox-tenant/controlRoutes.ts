import { headerValue, SandboxContext } from './sandboxContext';
import { RequestContext, sendJson } from './httpKit';
import { FaultTarget, SandboxFault, SandboxMode } from './types';

const TARGETS: readonly FaultTarget[] = ['discovery', 'token', 'graph-batch', 'graph-item'];
const MODES: readonly SandboxMode[] = ['ok', 'refuse', 'hang'];

class BadControlRequest extends Error {}

/**
 * The controls over HTTP for browser and end-to-end tests, on the login listener:
 * POST /_sandbox/{latency|page-size|fault|mode|grant|revoke|requests/clear} with a JSON body, GET /_sandbox/requests.
 * POSTs must be application/json, which a cross-site page cannot send without a CORS preflight.
 */
export async function handleControl(
  ctx: SandboxContext,
  rc: RequestContext,
  segments: readonly string[],
): Promise<void> {
  const route = segments.join('/');
  const controls = ctx.state.controls;
  try {
    if (rc.method === 'GET' && route === 'requests') return sendJson(rc.res, 200, { requests: controls.requestLog() });
    if (rc.method !== 'POST') return sendJson(rc.res, 405, { error: 'use POST with a JSON body' });
    if (!(headerValue(rc, 'content-type') ?? '').toLowerCase().startsWith('application/json')) {
      return sendJson(rc.res, 415, { error: 'Content-Type must be application/json' });
    }
    const body = parseObject(await rc.readBody());
    switch (route) {
      case 'latency':
        controls.setLatency(num(body, 'ms'));
        break;
      case 'page-size':
        controls.setPageSize(num(body, 'size'));
        break;
      case 'batch-id-case':
        controls.setBatchAnswerIdCase(oneOf(body, 'mode', ['as-sent', 'upper'] as const));
        break;
      case 'fault':
        controls.injectFault(fault(body));
        break;
      case 'mode':
        controls.setMode(oneOf(body, 'target', ['login', 'graph'] as const), oneOf(body, 'mode', MODES));
        break;
      case 'grant':
        controls.grantAdminConsent(str(body, 'tenantId'), str(body, 'appId'));
        break;
      case 'revoke':
        controls.revokePermission(
          str(body, 'tenantId'),
          str(body, 'appId'),
          str(body, 'name'),
          oneOf(body, 'kind', ['Delegated', 'Application'] as const),
        );
        break;
      case 'requests/clear':
        controls.clearRequestLog();
        break;
      default:
        return sendJson(rc.res, 404, { error: `no control /_sandbox/${route}` });
    }
    sendJson(rc.res, 200, { ok: true });
  } catch (error) {
    // Bad input, unknown tenant/app/permission: all are the caller's mistake here.
    if (!(error instanceof Error)) throw error;
    sendJson(rc.res, 400, { error: error.message });
  }
}

function fault(body: Record<string, unknown>): SandboxFault {
  const result: SandboxFault = { target: oneOf(body, 'target', TARGETS), status: num(body, 'status') };
  if (body.times !== undefined) result.times = num(body, 'times');
  if (body.retryAfterSeconds !== undefined) result.retryAfterSeconds = num(body, 'retryAfterSeconds');
  if (body.itemUrlContains !== undefined) result.itemUrlContains = str(body, 'itemUrlContains');
  return result;
}

function parseObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text === '' ? '{}' : text);
  } catch {
    throw new BadControlRequest('body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadControlRequest('body must be a JSON object');
  return value as Record<string, unknown>;
}

function num(body: Record<string, unknown>, key: string): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new BadControlRequest(`${key} must be a number`);
  return value;
}

function str(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw new BadControlRequest(`${key} must be a non-empty string`);
  return value;
}

function oneOf<T extends string>(body: Record<string, unknown>, key: string, allowed: readonly T[]): T {
  const value = body[key];
  const match = allowed.find((a) => a === value);
  if (match === undefined) throw new BadControlRequest(`${key} must be one of ${allowed.join(', ')}`);
  return match;
}
