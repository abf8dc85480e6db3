import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Verbs } from '../../../src/cards/verbs';
import { DEFAULT_AZURE_TABLE_PREFIX } from '../../../src/store/azureTableStore';
import { SQLITE_FILE_NAME } from '../../../src/store/sqliteStore';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { startAzurite, type Azurite } from '../../helpers/azurite';
import { cardText, cardsIn, invokeCard, startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation } from '../../helpers/teamsActivities';
import { rawRows, rawTable } from './azureTestKit';

let sandbox: SandboxTenant;
let azurite: Azurite;
const bots: BotHarness[] = [];

beforeAll(async () => {
  [sandbox, azurite] = await Promise.all([startSandboxTenant({ fixture: demoAndScenarios() }), startAzurite()]);
});
afterAll(async () => {
  for (const bot of bots) await bot.stop();
  await Promise.all([sandbox.stop(), azurite.stop()]);
});

describe('the bot with STORE=azure', () => {
  it('keeps a registration in Azure tables: status answers after a restart and from a second instance', async () => {
    // Instances of one deployment share the storage account and the sealing key.
    const env = {
      STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    const first = await startBotHarness({ sandbox, env });
    bots.push(first);
    const conv = conversation();
    const s = SCENARIOS.allGranted;
    const setup = await first.click(conv, Verbs.submitSetup, {
      tenant: s.tenantId,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
    });
    expect(cardText(invokeCard(setup))).toContain('Ready');

    await first.restart();
    const status = await first.send(conv, 'status');
    expect(cardText(cardsIn(status.sent))).toContain('Ready');

    const second = await startBotHarness({ sandbox, env });
    bots.push(second);
    const elsewhere = await second.send(conv, 'status');
    expect(cardText(cardsIn(elsewhere.sent))).toContain('Ready');

    // The data is in Azure (the default tables), not in a SQLite file, and the secret only sealed.
    expect(existsSync(path.join(first.dataDir, SQLITE_FILE_NAME))).toBe(false);
    const rows = await rawRows(rawTable(azurite, DEFAULT_AZURE_TABLE_PREFIX, 'registrations'));
    const main = rows.find((r) => String(r.rowKey).startsWith('reg|'));
    expect(main).toMatchObject({
      clientId: s.clientId,
      ownerId: conv.userAadId,
      sealedSecret: expect.stringMatching(/^v1\./),
    });
    expect(JSON.stringify(rows)).not.toContain(s.clientSecret);
  });
});
