import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that went through the proxy, and how many entities its answer carried. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly entities: number;
}

export interface CountingProxy {
  readonly endpoint: string;
  requests(): readonly ProxiedRequest[];
  clear(): void;
  stop(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of Azurite that records each request and counts the entities
 * in JSON answers, so a test can show that a query reads an index range rather than a table.
 */
export async function startCountingProxy(
  targetPort: number,
  listenPort = 0,
  accountPath = '/devstoreaccount1',
): Promise<CountingProxy> {
  const log: ProxiedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const upstream = request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          let entities = 0;
          try {
            const parsed = JSON.parse(body.toString('utf8')) as { value?: unknown[]; PartitionKey?: unknown };
            entities = Array.isArray(parsed.value) ? parsed.value.length : parsed.PartitionKey !== undefined ? 1 : 0;
          } catch {
            /* not JSON (batch answers, empty bodies) */
          }
          log.push({ method: req.method ?? '', path: decodeURIComponent(req.url ?? ''), entities });
          const headers = { ...answer.headers };
          delete headers['transfer-encoding'];
          headers['content-length'] = String(body.length);
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}${accountPath}`,
    requests: () => [...log],
    clear: () => void log.splice(0),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
