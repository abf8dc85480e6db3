import { mkdtempSync, rmSync } from 'fs';
import { createServer, type Server } from 'http';
import { request } from 'https';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadConfig } from '../../../src/config';
import { createRuntime, type Runtime } from '../../../src/runtime';
import { loadDemoFixture, type SandboxFixture } from '../../../tools/sandbox-tenant/fixture';
import { withRedirectOrigin } from '../../../tools/sandbox-tenant/fixtureRedirects';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { openPlaygroundPage, startPlayground, type PlaygroundPage, type RunningPlayground } from './playground';

/** Everything a browser test drives: sandbox tenant, the real bot in process, the playground, a page. */
export interface PlaygroundStack {
  readonly sandbox: SandboxTenant;
  readonly runtime: Runtime;
  readonly playground: RunningPlayground;
  readonly browser: PlaygroundPage;
  /** Where the bot listens, e.g. http://127.0.0.1:41234. */
  readonly botUrl: string;
  /** The bot's PUBLIC_URL (http://localhost:<its port>) when started with `publicUrl: true`. */
  readonly publicUrl?: string;
  /**
   * Without PUBLIC_URL, where the sandbox sends the browser after admin consent (the apps'
   * registered redirect URIs are moved here): a page with `<h1 id="redirected">`.
   */
  readonly landingUrl: string;
  /** The bot's log lines (JSON), for assertions and failure messages. */
  readonly botLog: string[];
  stop(): Promise<void>;
}

/** Fails early and clearly when this process does not trust the sandbox CA. */
function assertSandboxTrusted(authorityHost: string, tenantId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(`${authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration`, (res) => {
      res.resume();
      resolve();
    });
    req.on('error', (error) =>
      reject(
        new Error(
          `The sandbox's TLS certificate is not trusted (${error.message}). Start jest with ` +
            'NODE_EXTRA_CA_CERTS=$PWD/.sandbox/certs/ca.pem (npm test does this).',
        ),
      ),
    );
    req.end();
  });
}

/**
 * Starts the stack on free ports (bot in local mode, LOG_LEVEL=info) and opens the playground
 * page. Whatever started is stopped again if a later part fails, so no process is left behind.
 */
export async function startPlaygroundStack(options: {
  readonly fixture?: SandboxFixture;
  /** A tenant of the fixture, to check the sandbox CA is trusted. */
  readonly probeTenantId: string;
  readonly env?: Record<string, string>;
  /** Give the bot PUBLIC_URL = its own http://localhost address (consent callback, admin sign-in, secret page). */
  readonly publicUrl?: boolean;
}): Promise<PlaygroundStack> {
  const botLog: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'playground-e2e-'));
  const started: Array<() => Promise<void>> = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const step of started.reverse()) await step().catch(() => undefined);
    started.length = 0;
  };
  try {
    // The apps' registered redirect URIs name port 3978: they are moved to the bot's own port, or
    // to a landing page of ours, so whatever else listens on 3978 here is never contacted.
    const landing = await startLandingPage();
    started.push(() => new Promise<void>((resolve) => landing.server.close(() => resolve())));
    const botPort = await freePort();
    const publicUrl = options.publicUrl ? `http://localhost:${botPort}` : undefined;
    const fixture = withRedirectOrigin(options.fixture ?? loadDemoFixture(), publicUrl ?? landing.url);
    const sandbox = await startSandboxTenant({ fixture });
    started.push(() => sandbox.stop());
    await assertSandboxTrusted(sandbox.authorityHost, options.probeTenantId);
    const runtime = createRuntime(
      loadConfig({
        PORT: '0',
        BOT_ID: '',
        DATA_DIR: dataDir,
        AUTHORITY_HOST: sandbox.authorityHost,
        GRAPH_ENDPOINT: sandbox.graphEndpoint,
        LOG_LEVEL: 'info',
        ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}),
        ...options.env,
      }),
      { logSink: (line) => botLog.push(line) },
    );
    const port = await runtime.listen(botPort, '127.0.0.1');
    started.push(() => runtime.stop());
    const playground = await startPlayground({ botEndpoint: `http://127.0.0.1:${port}/api/messages` });
    started.push(() => playground.stop());
    const browser = await openPlaygroundPage(playground.url);
    started.push(() => browser.close());
    return {
      sandbox,
      runtime,
      playground,
      browser,
      botUrl: `http://127.0.0.1:${port}`,
      ...(publicUrl ? { publicUrl } : {}),
      landingUrl: landing.url,
      botLog,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A port nothing listens on right now, for the bot (its PUBLIC_URL must name it before it starts). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Where admin consent lands when the bot has no PUBLIC_URL: one static page on a free port. */
async function startLandingPage(): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><h1 id="redirected">Back from admin consent</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}` };
}
