import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { createRuntime, type Runtime } from '../../../src/runtime';
import { startConnectorDouble, type ConnectorDouble } from '../../../tools/connector-double/connectorDouble';
import { conversation, messageActivity } from '../../helpers/teamsActivities';

/**
 * With a bot identity (BOT_ID) the adapter must refuse activities that do not carry a Bot
 * Connector token: nothing is processed, nothing is stored, nothing is sent.
 */
describe('Bot Framework authentication outside local mode', () => {
  let runtime: Runtime;
  let connector: ConnectorDouble;
  let dataDir: string;
  let port: number;
  const logs: string[] = [];

  beforeAll(async () => {
    connector = await startConnectorDouble();
    dataDir = mkdtempSync(path.join(tmpdir(), 'ccb-auth-'));
    const config = loadConfig({
      BOT_ID: '3f4c7f1e-55b4-4a39-9d5a-3d1f0d6d8a11',
      BOT_PASSWORD: 'not-a-real-password-for-tests',
      BOT_TYPE: 'SingleTenant',
      BOT_TENANT_ID: '11111111-2222-4333-8444-555555555555',
      DATA_DIR: dataDir,
      ALLOWED_SERVICE_URLS: connector.serviceUrl.replace('http://', 'https://'),
      LOG_LEVEL: 'info',
    });
    runtime = createRuntime(config, { logSink: (line) => logs.push(line) });
    port = await runtime.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await runtime.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a request without an Authorization header gets 401 and is not processed', async () => {
    // botbuilder's CloudAdapter writes every refused request to console.error itself; that
    // refusal is what this test provokes, so it is expected here instead of printed.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const conv = conversation();
    let response: Response;
    let printed: unknown[][];
    try {
      response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(messageActivity(conv, connector.serviceUrl, 'help')),
      });
    } finally {
      printed = [...consoleError.mock.calls];
      consoleError.mockRestore();
    }
    expect(printed).toHaveLength(1);
    expect(String(printed[0]?.[0])).toMatch(/Unauthorized Access/);
    expect(printed[0]?.[0]).toMatchObject({ statusCode: 401 });
    expect(response.status).toBe(401);
    expect(connector.calls()).toHaveLength(0);
    expect(await runtime.store.getConversation(conv.id)).toBeUndefined();
  });

  it('logs the refused request without the password', () => {
    expect(logs.join('\n')).toMatch(/"status":401/);
    expect(logs.join('\n')).not.toContain('not-a-real-password-for-tests');
  });
});
