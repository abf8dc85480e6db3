import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector REST API. */
export interface ConnectorCall {
  readonly method: 'POST' | 'PUT' | 'DELETE' | 'GET';
  readonly kind: 'send' | 'reply' | 'update' | 'delete' | 'createConversation' | 'members';
  readonly conversationId?: string;
  readonly activityId?: string;
  /** The activity as the bot sent it (parsed JSON). */
  readonly activity?: Record<string, unknown>;
  readonly status: number;
  /** When the request arrived (before any latency). */
  readonly at: number;
  readonly authorization?: string;
}

export interface ConnectorFault {
  readonly status: number;
  /** How many matching calls fail; default 1. */
  readonly times?: number;
  readonly retryAfterSeconds?: number;
  /** Only calls for this conversation. */
  readonly conversationId?: string;
}

export interface ConnectorDouble {
  /** The serviceUrl to put in activities, with a trailing slash like Teams'. */
  readonly serviceUrl: string;
  calls(): readonly ConnectorCall[];
  /** Calls for one conversation that carried an activity (send, reply, update). */
  activities(conversationId?: string): readonly ConnectorCall[];
  clear(): void;
  injectFault(fault: ConnectorFault): void;
  /** Every answer waits this long first (a slow Teams); default 0. */
  setLatency(ms: number): void;
  /** Resolves when `predicate` holds for the calls, or rejects after `timeoutMs`. */
  waitFor(predicate: (calls: readonly ConnectorCall[]) => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations(?:\/([^/]+)(?:\/(activities|members|pagedmembers)(?:\/([^/]+))?)?)?\/?$/;

/**
 * A local stand-in for the Bot Connector service (Teams' side of a bot): records every
 * send/reply/update the real botbuilder client makes, answers with ids like the real one,
 * and can fail on demand (429 with Retry-After, 403, 404...).
 */
export async function startConnectorDouble(): Promise<ConnectorDouble> {
  const calls: ConnectorCall[] = [];
  const faults: Array<ConnectorFault & { left: number }> = [];
  const waiters = new Set<() => void>();
  let latencyMs = 0;

  const record = (call: ConnectorCall): void => {
    calls.push(call);
    for (const wake of waiters) wake();
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const receivedAt = Date.now();
      setTimeout(() => answer(receivedAt), latencyMs);
    });
    const answer = (receivedAt: number): void => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = ROUTE.exec(url.pathname);
      const method = (req.method ?? 'GET') as ConnectorCall['method'];
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (!match) return reply(404, { error: { code: 'NotFound', message: 'Unknown route' } });
      const conversationId = match[1] ? decodeURIComponent(match[1]) : undefined;
      const sub = match[2];
      const activityId = match[3] ? decodeURIComponent(match[3]) : undefined;
      let activity: Record<string, unknown> | undefined;
      if (chunks.length > 0) {
        try {
          activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          return reply(400, { error: { code: 'BadSyntax', message: 'Invalid JSON' } });
        }
      }
      const kind: ConnectorCall['kind'] = !conversationId
        ? 'createConversation'
        : sub !== 'activities'
          ? 'members'
          : method === 'PUT'
            ? 'update'
            : method === 'DELETE'
              ? 'delete'
              : activityId
                ? 'reply'
                : 'send';
      const base = {
        method,
        kind,
        conversationId,
        activityId,
        activity,
        at: receivedAt,
        authorization: req.headers.authorization,
      };
      const fault = faults.find((f) => f.left > 0 && (!f.conversationId || f.conversationId === conversationId));
      if (fault) {
        fault.left -= 1;
        record({ ...base, status: fault.status });
        const headers: Record<string, string> =
          fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
        return reply(
          fault.status,
          { error: { code: fault.status === 429 ? 'Throttled' : 'Failed', message: `Injected ${fault.status}` } },
          headers,
        );
      }
      if (kind === 'members') {
        record({ ...base, status: 200 });
        return reply(200, sub === 'pagedmembers' ? { members: [] } : []);
      }
      if (kind === 'createConversation') {
        const id = `19:${randomUUID()}@thread.tacv2`;
        record({ ...base, conversationId: id, status: 201 });
        return reply(201, { id, activityId: randomUUID() });
      }
      if (kind !== 'delete' && (!activity || typeof activity.type !== 'string')) {
        record({ ...base, status: 400 });
        return reply(400, { error: { code: 'BadArgument', message: 'Activity must have a type' } });
      }
      record({ ...base, status: 200 });
      return reply(200, { id: kind === 'update' ? activityId : `1:${randomUUID()}` });
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    setLatency: (ms) => {
      latencyMs = Math.max(0, ms);
    },
    calls: () => [...calls],
    activities: (conversationId) =>
      calls.filter(
        (c) =>
          c.activity &&
          c.status < 300 &&
          (!conversationId || c.conversationId === conversationId) &&
          c.kind !== 'createConversation',
      ),
    clear: () => {
      calls.length = 0;
    },
    injectFault: (fault) => {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (predicate(calls)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`Connector double: condition not met within ${timeoutMs} ms (${calls.length} calls recorded)`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
