import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Verbs } from '../../../src/cards/verbs';
import { createSqliteStore, type SqliteStore } from '../../../src/store/sqliteStore';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, cardsIn, invokeCard, startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { countingStore, REGISTRATION_CALLS, type CountingStore } from '../../helpers/countingStore';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation, type TestConversation } from '../../helpers/teamsActivities';

let sandbox: SandboxTenant;
let bot: BotHarness;
let counting: CountingStore<SqliteStore>;
let storeDir: string;

beforeAll(async () => {
  sandbox = await startSandboxTenant({ fixture: demoAndScenarios() });
  storeDir = mkdtempSync(path.join(tmpdir(), 'ccb-calls-'));
  counting = countingStore(createSqliteStore({ dataDir: storeDir }));
  // Follow-up re-checks far in the future, so only the click itself is counted.
  bot = await startBotHarness({ sandbox, overrides: { store: counting.store, followUpDelaysMs: [600_000] } });
});
afterAll(async () => {
  await bot.stop();
  await sandbox.stop();
  rmSync(storeDir, { recursive: true, force: true });
});

const s = SCENARIOS.allGranted;

async function registered(conv: TestConversation): Promise<string> {
  const turn = await bot.click(
    conv,
    Verbs.submitSetup,
    { tenant: s.tenantId, clientId: s.clientId, clientSecret: s.clientSecret },
    '1:form',
  );
  const match = /"registrationId":"([^"]+)"/.exec(JSON.stringify(invokeCard(turn)));
  if (!match?.[1]) throw new Error('no registrationId in the answer');
  return match[1];
}

describe('store calls per check', () => {
  it.each([
    ['Retest', Verbs.retest, {}],
    // The follow-up schedule is one key/value record, not a registration write.
    ["I've granted consent", Verbs.consentGranted, { putKv: 1 }],
  ])('%s reads the registration once and writes it once, status-card reference included', async (_name, verb, kv) => {
    const conv = conversation();
    const id = await registered(conv);
    counting.reset();
    const turn = await bot.click(conv, verb, { registrationId: id }, '1:status');
    expect(cardText(invokeCard(turn))).toContain('Ready');
    expect(counting.counts(REGISTRATION_CALLS)).toEqual({ getRegistration: 1, updateRegistrationIfPresent: 1 });
    expect(counting.counts(['putKv'])).toEqual(kv);
    expect((await counting.store.getRegistration(id))?.statusCard).toEqual({
      conversationKey: conv.id,
      activityId: '1:status',
    });
  });

  it('"check" in chat lists the registrations and writes the checked one once', async () => {
    const conv = conversation();
    const id = await registered(conv);
    counting.reset();
    const turn = await bot.send(conv, 'check');
    expect(cardText(cardsIn(turn.sent))).toContain('Ready');
    expect(counting.counts(REGISTRATION_CALLS)).toEqual({ listRegistrations: 1, updateRegistrationIfPresent: 1 });
    // The "Checking…" card replaced by the result is the one remembered.
    const update = turn.sent.find((c) => c.kind === 'update');
    expect(update?.activityId).toBeDefined();
    expect((await counting.store.getRegistration(id))?.statusCard?.activityId).toBe(update?.activityId);
  });
});
