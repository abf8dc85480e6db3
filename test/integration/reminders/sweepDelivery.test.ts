import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { createProactive } from '../../../src/bot/proactive';
import { createServiceUrlPolicy } from '../../../src/bot/serviceUrlPolicy';
import { createTeamsNotifier } from '../../../src/bot/reminders/teamsNotifier';
import { resolveCloud } from '../../../src/consent/cloud';
import { createNullLogger } from '../../../src/log/logger';
import { setNextDue } from '../../../src/reminders/remindRegistration';
import { createSubscriptions } from '../../../src/reminders/subscriptions';
import { createReminderSweep, type ReminderSweepDeps } from '../../../src/reminders/sweep';
import { createSqliteStore, type SqliteStore } from '../../../src/store/sqliteStore';
import { createFakeClock, type FakeClock } from '../../../src/time/clock';
import { startConnectorDouble, type ConnectorDouble } from '../../../tools/connector-double/connectorDouble';
import { cardsIn, cardText } from '../../helpers/botHarness';
import { validateCard } from '../../helpers/validateCard';
import { DAY, registration, report, TENANT } from '../../unit/reminders/reminderFixtures';

let connector: ConnectorDouble;
let dir: string;
let clock: FakeClock;
let store: SqliteStore;
const extraStores: SqliteStore[] = [];
const sleeps: number[] = [];

beforeAll(async () => {
  connector = await startConnectorDouble();
});
afterAll(async () => {
  await connector.stop();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ccb-rem-'));
  clock = createFakeClock('2025-06-01T00:00:00.000Z');
  store = createSqliteStore({ dataDir: dir, clock });
  connector.clear();
  sleeps.length = 0;
});
afterEach(async () => {
  await store.close();
  for (const s of extraStores.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const at = (days: number): string => new Date(clock.now().getTime() + days * DAY).toISOString();

/** The real Teams notifier (TeamsAdapter → Bot Connector REST) against the connector double. */
function makeSweep(db: SqliteStore, extra: Partial<ReminderSweepDeps> = {}, allowLoopback = true) {
  const adapter = new TeamsAdapter({
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppType: 'MultiTenant',
    MicrosoftAppTenantId: '',
  });
  const logger = createNullLogger();
  const serviceUrlAllowed = createServiceUrlPolicy({
    allowedPrefixes: ['https://smba.trafficmanager.net/'],
    localMode: allowLoopback,
  });
  const proactive = createProactive({
    adapter,
    botAppId: '',
    store: db,
    serviceUrlAllowed,
    logger,
    clock,
  });
  const notifier = createTeamsNotifier(proactive, logger);
  return createReminderSweep({
    store: db,
    rechecker: { recheckAny: async (id) => ({ registration: await db.getRegistration(id) }) },
    notifier,
    clock,
    logger,
    links: { cloud: resolveCloud('public'), personalChatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:bot' },
    thresholdDays: [30, 14, 7, 3, 1, 0],
    recheckIntervalMs: DAY,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    ...extra,
  });
}

async function conversationAt(
  key: string,
  scope: 'channel' | 'groupChat' | 'personal',
  serviceUrl = connector.serviceUrl,
): Promise<void> {
  await store.saveConversation({
    key,
    scope,
    tenantId: TENANT,
    reference: {
      serviceUrl,
      channelId: 'msteams',
      conversation: { id: key, conversationType: scope, tenantId: TENANT },
      bot: { id: '28:bot', name: 'Bot' },
    },
    updatedAt: clock.now().toISOString(),
  });
}

async function subscribed(
  id: string,
  endInDays: number,
  conversationKey: string,
  extra: Parameters<typeof registration>[2] = {},
) {
  const existing = await store.getRegistration(id);
  if (!existing)
    await store.saveRegistration(
      registration(id, report({ checkedAt: clock.now().toISOString(), end: at(endInDays), keyId: `key-${id}` }), extra),
    );
  await conversationAt(conversationKey, 'channel');
  const sub = await createSubscriptions(store).subscribe(
    { registrationId: id, conversationKey, scope: 'channel', subscriberId: 'owner-1', tenantId: TENANT },
    clock.now(),
  );
  await setNextDue({ store }, id, clock.now().getTime());
  return sub;
}

describe('reminder sweep → Teams notifier → Bot Connector double', () => {
  it('the right cards land in the right conversations, as new posts', async () => {
    await subscribed('soon', 5, '19:alpha@thread.tacv2');
    await subscribed('soon', 5, '19:beta@thread.tacv2');
    await subscribed('month', 25, '19:gamma@thread.tacv2');
    await subscribed('far', 90, '19:delta@thread.tacv2');
    const summary = await makeSweep(store).runOnce();
    expect(summary.sent).toBe(3);
    const sends = connector.activities();
    expect(sends.map((c) => c.kind)).toEqual(['send', 'send', 'send']);
    expect(sends.map((c) => c.conversationId).sort()).toEqual([
      '19:alpha@thread.tacv2',
      '19:beta@thread.tacv2',
      '19:gamma@thread.tacv2',
    ]);
    for (const c of sends) expect(validateCard(cardsIn([c])[0])).toEqual([]);
    expect(cardText(cardsIn(connector.activities('19:alpha@thread.tacv2')))).toContain('expires in 5 days');
    expect(cardText(cardsIn(connector.activities('19:gamma@thread.tacv2')))).toContain('expires in 25 days');
    await makeSweep(store).runOnce();
    expect(connector.activities()).toHaveLength(3);
  });

  it('429 with Retry-After is honoured by every retry until the card goes through', async () => {
    const key = '19:throttled@thread.tacv2';
    await subscribed('r1', 5, key);
    connector.injectFault({ status: 429, times: 4, retryAfterSeconds: 1, conversationId: key });
    await makeSweep(store).runOnce();
    const calls = connector.calls().filter((c) => c.conversationId === key);
    expect(calls.map((c) => c.status)).toEqual([429, 429, 429, 429, 200]);
    for (let i = 1; i < calls.length; i += 1)
      expect((calls[i]?.at ?? 0) - (calls[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(990);
    expect(sleeps.some((ms) => ms >= 1_000)).toBe(true); // the last 429 reached our own policy, which waited Retry-After
  }, 20_000);

  it.each([403, 404])('%s deactivates the subscription and tells the subscriber in personal chat', async (status) => {
    const key = `19:gone${status}@thread.tacv2`;
    await conversationAt('a:owner-personal', 'personal');
    const sub = await subscribed('r1', 5, key, {
      statusCard: { conversationKey: 'a:owner-personal', activityId: '1:x' },
    });
    connector.injectFault({ status, times: 1, conversationId: key });
    expect((await makeSweep(store).runOnce()).deactivated).toBe(1);
    expect((await createSubscriptions(store).get('r1', sub.id))?.status).toBe('inactive');
    expect(connector.calls().filter((c) => c.conversationId === key)).toHaveLength(1);
    expect(cardText(cardsIn(connector.activities('a:owner-personal')))).toContain(`HTTP ${status}`);
    clock.set(at(3));
    await makeSweep(store).runOnce();
    expect(connector.calls().filter((c) => c.conversationId === key)).toHaveLength(1);
  });

  it('a reference whose serviceUrl is not an allowed Bot Connector host is never contacted', async () => {
    const key = '19:poisoned@thread.tacv2';
    const sub = await subscribed('r1', 5, key);
    await conversationAt(key, 'channel', 'https://evil.example/');
    await makeSweep(store).runOnce();
    expect(connector.calls()).toHaveLength(0);
    expect((await createSubscriptions(store).get('r1', sub.id))?.status).toBe('inactive');
  });

  it('a crash injected between claim and send is recovered by the next sweep after the lease', async () => {
    const key = '19:crash@thread.tacv2';
    await subscribed('r1', 5, key);
    const crashed = makeSweep(store, {
      hooks: {
        afterClaim: async () => {
          throw new Error('simulated process death');
        },
      },
    });
    expect((await crashed.runOnce()).failed).toBe(1);
    expect(connector.calls()).toHaveLength(0);
    // A restarted process with a fresh connection to the same file.
    const restarted = createSqliteStore({ dataDir: dir, clock });
    extraStores.push(restarted);
    await makeSweep(restarted).runOnce();
    expect(connector.calls()).toHaveLength(0);
    clock.advance(11 * 60_000);
    await makeSweep(restarted).runOnce();
    expect(connector.activities(key)).toHaveLength(1);
    clock.advance(60 * 60_000);
    await makeSweep(restarted).runOnce();
    expect(connector.activities(key)).toHaveLength(1);
  });

  it('two sweeps at once (two processes on one SQLite file) send each reminder once', async () => {
    const keys = ['19:one@thread.tacv2', '19:two@thread.tacv2', '19:three@thread.tacv2'];
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) {
      for (const key of keys.slice(0, (i % 3) + 1)) await subscribed(id, 2 + i, key);
    }
    const other = createSqliteStore({ dataDir: dir, clock });
    extraStores.push(other);
    const [first, second] = await Promise.all([
      makeSweep(store, { concurrency: 4 }).runOnce(),
      makeSweep(other, { concurrency: 4 }).runOnce(),
    ]);
    expect(first.sent + second.sent).toBe(1 + 2 + 3 + 1);
    const delivered = connector
      .activities()
      .map((c) => `${c.conversationId}|${/"registrationId":"(\w+)"/.exec(JSON.stringify(c.activity))?.[1]}`);
    expect(delivered).toHaveLength(7);
    expect(new Set(delivered).size).toBe(7);
  });
});
