import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setNextDue } from '../../../src/reminders/remindRegistration';
import { createSubscriptions } from '../../../src/reminders/subscriptions';
import { createAzureTableStore } from '../../../src/store/azureTableStore';
import type { FullStore } from '../../../src/store/store';
import { startConnectorDouble, type ConnectorDouble } from '../../../tools/connector-double/connectorDouble';
import { startAzurite, type Azurite } from '../../helpers/azurite';
import { DAY, registration, report, TENANT } from '../../unit/reminders/reminderFixtures';

const REGISTRATIONS = 200;
const ENTRY = path.resolve(__dirname, '../../../lib/src/index.js');

/**
 * Issue 11's proof with real processes: two bots (`node lib/src/index.js`, STORE=azure) share one
 * Azurite account holding 200 registrations whose secrets have crossed the 7-day reminder
 * threshold, each subscribed in its own channel of the Bot Connector double. One instance holds
 * the sweep lease and sends; it is killed with SIGKILL mid-sweep; the other takes the lease once
 * it runs out and finishes. Every channel gets its reminder; a duplicate is possible only for a
 * send that was in flight at the kill (the claim window), and such duplicates are counted.
 */
describe('two bot processes on one Azure store: one sweeper, and a takeover after SIGKILL', () => {
  let azurite: Azurite;
  let connector: ConnectorDouble;
  let store: FullStore;
  let dataDir: string;
  const bots: ChildProcess[] = [];
  let stderr = '';

  beforeAll(async () => {
    [azurite, connector] = await Promise.all([startAzurite(), startConnectorDouble()]);
    dataDir = mkdtempSync(path.join(tmpdir(), 'two-bots-'));
    store = createAzureTableStore({ connectionString: azurite.connectionString });
  });
  afterAll(async () => {
    for (const bot of bots) bot.kill('SIGKILL');
    await store.close();
    await Promise.all([azurite.stop(), connector.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function seed(now: Date): Promise<void> {
    const subscriptions = createSubscriptions(store);
    const one = async (i: number): Promise<void> => {
      const id = `reg-${String(i).padStart(3, '0')}`;
      const channel = `19:chan-${id}@thread.tacv2`;
      await store.saveRegistration(
        registration(
          id,
          report({
            checkedAt: now.toISOString(),
            end: new Date(now.getTime() + 5 * DAY).toISOString(),
            keyId: `key-${id}`,
            clientId: `c1c1c1c1-0000-4000-8000-000000000${String(i).padStart(3, '0')}`,
          }),
          { lastCheckedAt: now.toISOString() },
        ),
      );
      await store.saveConversation({
        key: channel,
        scope: 'channel',
        tenantId: TENANT,
        reference: {
          serviceUrl: connector.serviceUrl,
          channelId: 'msteams',
          conversation: { id: channel, conversationType: 'channel', tenantId: TENANT },
          bot: { id: '28:bot', name: 'Bot' },
        },
        updatedAt: now.toISOString(),
      });
      await subscriptions.subscribe(
        { registrationId: id, conversationKey: channel, scope: 'channel', subscriberId: 'owner-1', tenantId: TENANT },
        now,
      );
      await setNextDue({ store }, id, now.getTime());
    };
    for (let i = 0; i < REGISTRATIONS; i += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, k) => one(i + k)));
    }
  }

  function startBot(): ChildProcess {
    const child = spawn(process.execPath, [ENTRY], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'development',
        PORT: '0',
        BOT_ID: '',
        BOT_PASSWORD: '',
        DATA_DIR: dataDir,
        STORE: 'azure',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        SECRET_ENCRYPTION_KEY: key,
        REMINDER_SWEEP_INTERVAL: '1s',
        RECHECK_INTERVAL: '30d',
        REMINDER_CLAIM_TIMEOUT: '5s',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    bots.push(child);
    return child;
  }
  const key = randomBytes(32).toString('base64');

  const uniqueChannels = (): Set<string> => new Set(connector.activities().map((c) => c.conversationId ?? ''));

  it('sends every reminder once from the lease holder, and the survivor finishes after the holder is killed', async () => {
    await seed(new Date());
    connector.setLatency(40); // a Teams that takes its time, so the kill lands mid-sweep
    const [a, b] = [startBot(), startBot()];

    await connector
      .waitFor((calls) => calls.filter((c) => c.kind === 'send').length >= 30, 60_000)
      .catch((error: unknown) => {
        throw new Error(`no reminders were sent: ${String(error)}\n${stderr}`);
      });
    const lease = await store.getKv<{ owner: string }>('sweep-lease', 'reminders');
    const holderPid = Number(lease?.owner.split(':')[1]);
    const holder = [a, b].find((p) => p.pid === holderPid);
    const survivor = [a, b].find((p) => p.pid !== holderPid);
    expect(holder).toBeDefined();
    expect(survivor?.exitCode).toBeNull();
    const exited = new Promise((resolve) => holder?.once('exit', resolve));
    holder?.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    const sentByHolder = connector.activities().length;
    expect(sentByHolder).toBeLessThan(REGISTRATIONS); // killed mid-sweep, not after it

    await connector.waitFor(() => uniqueChannels().size === REGISTRATIONS, 90_000);
    // Give a duplicate, if any, the claim timeout and a few sweeps to show up.
    await new Promise((resolve) => setTimeout(resolve, 7000));
    const sends = connector.activities();
    const perChannel = new Map<string, number>();
    for (const s of sends) perChannel.set(s.conversationId ?? '', (perChannel.get(s.conversationId ?? '') ?? 0) + 1);
    const duplicates = [...perChannel.values()].filter((n) => n > 1).length;
    expect(uniqueChannels().size).toBe(REGISTRATIONS);
    // Only sends in flight at the kill (at most the sweep's concurrency, 4) can repeat.
    expect(duplicates).toBeLessThanOrEqual(4);
    expect(survivor?.exitCode).toBeNull();
    expect(sends.length).toBeGreaterThan(sentByHolder); // the rest came from the survivor
    const takeoverMs = Math.min(...sends.filter((c) => c.at > killedAt).map((c) => c.at)) - killedAt;
    process.stdout.write(
      `two-process sweep: ${REGISTRATIONS} reminders, ${sentByHolder} sent before SIGKILL, survivor's first send ` +
        `${Math.round(takeoverMs / 100) / 10} s after it, ${duplicates} duplicate(s)\n`,
    );
  }, 180_000);
});
