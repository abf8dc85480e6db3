import { Verbs } from '../../../src/cards/verbs';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { DEMO } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, invokeCard, startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation } from '../../helpers/teamsActivities';

/**
 * One invoke budget per turn. Entra ID hangs, so the check ends at its own deadline
 * (CHECK_TIMEOUT, 3 s) — after one budget (2 s) but before two. Answering within one budget
 * means "Checking…" now and the result as an in-place update later; a handler that waited the
 * budget twice would instead hold Teams' request until the check ended and answer with it.
 */
const BUDGET_MS = 2000;

let sandbox: SandboxTenant;
let bot: BotHarness;

beforeAll(async () => {
  sandbox = await startSandboxTenant({ fixture: demoAndScenarios() });
  bot = await startBotHarness({ sandbox, env: { CHECK_TIMEOUT: '3s' }, overrides: { invokeBudgetMs: BUDGET_MS } });
});
afterAll(async () => {
  sandbox.controls.setMode('login', 'ok');
  await bot.stop();
  await sandbox.stop();
});

async function until<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('setup form submit with Entra ID hanging', () => {
  it('answers "Checking…" within one budget, then replaces it with the result', async () => {
    sandbox.controls.setMode('login', 'hang');
    const conv = conversation();
    const formId = '1:setup-form';
    const turn = await bot.click(
      conv,
      Verbs.submitSetup,
      { tenant: DEMO.tenantId, clientId: DEMO.clientId, clientSecret: DEMO.clientSecret },
      formId,
    );
    expect(turn.status).toBe(200);
    const answer = cardText(invokeCard(turn));
    expect(answer).toMatch(/Checking…/);

    const update = await until(() =>
      bot.connector.calls().find((c) => c.kind === 'update' && c.activityId === formId && c.conversationId === conv.id),
    );
    const updated = JSON.stringify(update.activity);
    expect(updated).not.toMatch(/Checking…/);
    expect(updated).toMatch(/did not answer in time/);
    expect(updated).not.toContain(DEMO.clientSecret);
  });
});
