import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** One closed-loop load round: `concurrency` clients each send, wait, send again. */
export interface LoadOptions {
  /** Full URL on loopback, e.g. http://127.0.0.1:1234/api/messages. */
  readonly url: string;
  readonly concurrency: number;
  /** Requests in the round, across all clients. */
  readonly requests: number;
  /** The round stops issuing new requests after this long (in-flight ones still finish). */
  readonly timeLimitMs: number;
  /** The JSON body for a client's next request (must be fresh each time: the bot de-duplicates ids). */
  readonly body: (client: number) => unknown;
}

export interface LoadResult {
  /** Latency of every request that got a 2xx answer, in completion order (ms). */
  readonly latenciesMs: number[];
  readonly ok: number;
  /** Non-2xx answers and transport errors. */
  readonly failed: number;
  /** First failure, for the report (status or error message, never a body). */
  readonly firstFailure?: string;
  /** From the first request sent to the last answer received. */
  readonly durationMs: number;
  readonly timedOut: boolean;
}

/**
 * Drives a URL with a fixed number of POSTs from concurrent keep-alive clients and times
 * each one. A closed loop (each client waits for its answer) measures the server's capacity
 * without queueing requests it could never serve.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latenciesMs: number[] = [];
  let issued = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  let timedOut = false;
  const start = performance.now();
  const deadline = start + options.timeLimitMs;

  const post = (payload: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  const client = async (index: number): Promise<void> => {
    for (;;) {
      if (issued >= options.requests) return;
      if (performance.now() >= deadline) {
        timedOut = true;
        return;
      }
      issued += 1;
      const payload = JSON.stringify(options.body(index));
      const sent = performance.now();
      try {
        const status = await post(payload);
        if (status >= 200 && status < 300) latenciesMs.push(performance.now() - sent);
        else {
          failed += 1;
          firstFailure ??= `HTTP ${status}`;
        }
      } catch (error) {
        failed += 1;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: options.concurrency }, (_, i) => client(i)));
  } finally {
    agent.destroy();
  }
  const durationMs = performance.now() - start;
  return { latenciesMs, ok: latenciesMs.length, failed, firstFailure, durationMs, timedOut };
}
