import { mkdtempSync, rmSync } from 'fs';
import { request } from 'https';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadConfig } from '../../../src/config';
import { createRuntime, type Runtime } from '../../../src/runtime';
import type { SandboxFixture } from '../../../tools/sandbox-tenant/fixture';
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
}): Promise<PlaygroundStack> {
  const botLog: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'playground-e2e-'));
  const started: Array<() => Promise<void>> = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const step of started.reverse()) await step().catch(() => undefined);
    started.length = 0;
  };
  try {
    const sandbox = await startSandboxTenant(options.fixture ? { fixture: options.fixture } : {});
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
        ...options.env,
      }),
      { logSink: (line) => botLog.push(line) },
    );
    const port = await runtime.listen(0, '127.0.0.1');
    started.push(() => runtime.stop());
    const playground = await startPlayground({ botEndpoint: `http://127.0.0.1:${port}/api/messages` });
    started.push(() => playground.stop());
    const browser = await openPlaygroundPage(playground.url);
    started.push(() => browser.close());
    return { sandbox, runtime, playground, browser, botUrl: `http://127.0.0.1:${port}`, botLog, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The bot's PUBLIC_URL in these tests is an app's registered redirect address
 * (http://localhost:3978), which the bot does not listen on: the browser's requests matching
 * `pattern` (a glob on that address) are passed to the bot's real port, redirects included, so
 * nothing else that may listen on 3978 here is contacted.
 */
export async function forwardToBot(stack: PlaygroundStack, pattern: string): Promise<void> {
  await stack.browser.context.route(pattern, async (route) => {
    const asked = new URL(route.request().url());
    const response = await route.fetch({ url: `${stack.botUrl}${asked.pathname}${asked.search}`, maxRedirects: 0 });
    await route.fulfill({ response });
  });
}
