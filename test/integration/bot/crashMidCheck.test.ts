import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Verbs } from '../../../src/cards/verbs';
import { startConnectorDouble, type ConnectorDouble } from '../../../tools/connector-double/connectorDouble';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, invokeCard } from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { actionExecuteActivity, conversation, messageActivity } from '../../helpers/teamsActivities';

const ENTRY = path.resolve(__dirname, '../../../lib/src/index.js');

/**
 * Issue 9 item 12 with a real process: the bot (`node lib/src/index.js`, SQLite in DATA_DIR) is
 * killed with SIGKILL in the middle of a first check (Graph hangs), then started again on the same
 * DATA_DIR. The registration is still there, the admin is told in that chat that the check was
 * interrupted, and Retest runs it.
 */
describe('a crash in the middle of a first check', () => {
  let sandbox: SandboxTenant;
  let connector: ConnectorDouble;
  let dataDir: string;
  const bots: ChildProcess[] = [];

  beforeAll(async () => {
    [sandbox, connector] = await Promise.all([
      startSandboxTenant({ fixture: demoAndScenarios() }),
      startConnectorDouble(),
    ]);
    dataDir = mkdtempSync(path.join(tmpdir(), 'crash-mid-check-'));
  });
  afterAll(async () => {
    for (const bot of bots) bot.kill('SIGKILL');
    await Promise.all([sandbox.stop(), connector.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts the bot and resolves its URL once it listens. */
  function startBot(checkTimeout: string): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, [ENTRY], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'development',
        NODE_EXTRA_CA_CERTS: sandbox.caPath,
        PORT: '0',
        BOT_ID: '',
        DATA_DIR: dataDir,
        AUTHORITY_HOST: sandbox.authorityHost,
        GRAPH_ENDPOINT: sandbox.graphEndpoint,
        CHECK_TIMEOUT: checkTimeout,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bots.push(child);
    let out = '';
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    return new Promise((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const port = /"msg":"bot\.started"[^\n]*"port":(\d+)/.exec(out)?.[1];
        if (port) resolve({ child, url: `http://127.0.0.1:${port}` });
      });
      child.once('exit', (code) => reject(new Error(`the bot exited (${String(code)}) before listening:\n${out}`)));
    });
  }

  const post = (url: string, activity: Record<string, unknown>): Promise<Response> =>
    fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });

  it('keeps the registration, tells the admin after the restart, and Retest runs the check', async () => {
    const s = SCENARIOS.allGranted;
    const conv = conversation();
    const first = await startBot('60s');
    sandbox.controls.setMode('graph', 'hang');
    sandbox.controls.clearRequestLog();
    void post(
      first.url,
      actionExecuteActivity(conv, connector.serviceUrl, Verbs.submitSetup, {
        verb: Verbs.submitSetup,
        tenant: s.tenantId,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
      }),
    ).catch(() => undefined);
    // The token was issued: the check is now waiting on Graph, past the point of saving.
    for (let i = 0; i < 100 && !sandbox.controls.requestLog().some((r) => r.host === 'login'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(sandbox.controls.requestLog().some((r) => r.host === 'login')).toBe(true);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    sandbox.controls.setMode('graph', 'ok');

    connector.clear();
    const second = await startBot('1s'); // a marker older than 1 s + 10 s counts as interrupted
    await connector.waitFor((calls) => calls.some((c) => c.conversationId === conv.id && c.kind === 'send'), 30_000);
    const told = connector.activities(conv.id).at(-1)?.activity;
    const text = cardText(told);
    expect(text).toContain(`The check of ${s.clientId} was interrupted`);
    expect(text).toContain('Nothing you typed was lost');
    expect(JSON.stringify(told)).not.toContain(s.clientSecret);
    const registrationId = /"registrationId":"([^"]+)"/.exec(JSON.stringify(told))?.[1] ?? '';
    expect(registrationId).not.toBe('');

    const status = await post(second.url, messageActivity(conv, connector.serviceUrl, 'status'));
    expect(status.status).toBe(200);
    const retest = await post(
      second.url,
      actionExecuteActivity(conv, connector.serviceUrl, Verbs.retest, { verb: Verbs.retest, registrationId }),
    );
    const body = (await retest.json()) as Record<string, unknown>;
    const card = invokeCard({ status: retest.status, body, sent: [] });
    expect(cardText(card)).toContain('Ready');
    // Told once: the marker was taken.
    const notices = connector.activities(conv.id).filter((c) => JSON.stringify(c.activity).includes('was interrupted'));
    expect(notices).toHaveLength(1);
  }, 90_000);
});
