import { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'http';
import { createServer, Server } from 'https';
import { AddressInfo } from 'net';
import { ControlState } from './controlState';

/** One request as a handler sees it: the parsed URL, a body reader, and a hook for the request log. */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readBody(): Promise<string>;
  noteBatchItems(urls: readonly string[], statuses?: readonly number[]): void;
}

export type Handler = (ctx: RequestContext) => Promise<void>;

/** A started HTTPS listener on 127.0.0.1. */
export interface Listener {
  readonly port: number;
  close(): Promise<void>;
}

export interface ListenerOptions {
  readonly name: 'login' | 'graph';
  readonly port: number;
  readonly tls: { readonly cert: string; readonly key: string };
  readonly state: ControlState;
  readonly now: () => Date;
  readonly handle: Handler;
  /** Control routes skip latency, modes and the request log. */
  readonly isControl?: (path: string) => boolean;
}

const MAX_BODY_BYTES = 1_000_000;

/** Starts a loopback HTTPS listener that applies the sandbox's latency, modes and request log. */
export async function startListener(options: ListenerOptions): Promise<Listener> {
  const { name, state, now } = options;
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => {
    void serve(req, res);
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? '/';
    const queryAt = raw.indexOf('?');
    const path = safeDecode(queryAt < 0 ? raw : raw.slice(0, queryAt));
    const query = new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1));
    const method = req.method ?? 'GET';
    const control = options.isControl?.(path) ?? false;
    let batchItemUrls: readonly string[] | undefined;
    let batchItemStatuses: readonly number[] | undefined;
    if (!control) {
      const mode = state.modes[name];
      if (mode !== 'ok') {
        state.record({ host: name, method, path, status: 0, at: now() });
        if (mode === 'refuse') req.socket.destroy();
        return;
      }
      res.on('finish', () =>
        state.record({
          host: name,
          method,
          path,
          status: res.statusCode,
          at: now(),
          ...(batchItemUrls ? { batchItemUrls } : {}),
          ...(batchItemStatuses ? { batchItemStatuses } : {}),
        }),
      );
      if (state.latencyMs > 0) await delay(state.latencyMs, timers);
      if (req.socket.destroyed) return;
    }
    const ctx: RequestContext = {
      req,
      res,
      method,
      path,
      query,
      readBody: () => readBody(req),
      noteBatchItems: (urls, statuses) => {
        batchItemUrls = urls;
        batchItemStatuses = statuses;
      },
    };
    try {
      await options.handle(ctx);
    } catch (error) {
      if (!res.headersSent) {
        const status = error instanceof BodyTooLargeError ? 413 : 500;
        sendJson(res, status, {
          error: {
            code: status === 413 ? 'RequestEntityTooLarge' : 'InternalServerError',
            message: status === 413 ? 'The request body is too large.' : 'The sandbox tenant failed on this request.',
          },
        });
      } else {
        res.destroy();
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Sends a JSON body with an exact Content-Length. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Sends an HTML page (the admin-consent screens). */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
  });
  res.end(html);
}

/** Redirects the browser (302, like Entra ID after consent). */
export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyTooLargeError());
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function delay(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
