import { IncomingHttpHeaders } from 'http';
import { request } from 'https';
import { ensureSandboxCertificates } from './certificates';

/** A raw HTTP answer from the sandbox. */
export interface SandboxResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json(): unknown;
}

export interface SandboxRequestInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Abort with an error after this many ms (default 10 s). */
  readonly timeoutMs?: number;
  /** PEM of the CA to trust; default: the sandbox CA from .sandbox/certs. */
  readonly ca?: string;
}

/**
 * A bare HTTPS request that trusts the sandbox CA explicitly (no NODE_EXTRA_CA_CERTS needed),
 * with no connection reuse. For tests, benchmarks and scripts that talk to the sandbox directly.
 */
export function sandboxRequest(url: string, init: SandboxRequestInit = {}): Promise<SandboxResponse> {
  const ca = init.ca ?? ensureSandboxCertificates().caPem;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
      });
    });
    req.setTimeout(init.timeoutMs ?? 10_000, () => req.destroy(new Error(`sandbox request timed out: ${url}`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Form-encodes a client-credentials token request body. */
export function tokenForm(fields: Record<string, string>): { headers: Record<string, string>; body: string } {
  return {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}

/**
 * POSTs a client-credentials token request straight to the sandbox (no MSAL) and returns the raw
 * answer; the scope defaults to the sandbox's own Graph endpoint.
 */
export function requestSandboxToken(
  authorityHost: string,
  graphEndpoint: string,
  credentials: { tenant: string; clientId: string; clientSecret: string; scope?: string },
): Promise<SandboxResponse> {
  const form = tokenForm({
    grant_type: 'client_credentials',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    scope: credentials.scope ?? `${graphEndpoint}/.default`,
  });
  return sandboxRequest(`${authorityHost}/${credentials.tenant}/oauth2/v2.0/token`, { method: 'POST', ...form });
}
