import { Verbs } from '../../../src/cards/verbs';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { DEMO } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, invokeCard, startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation } from '../../helpers/teamsActivities';

/** Retest always visibly answers: "no change", or what changed. */
let sandbox: SandboxTenant;
let bot: BotHarness;

beforeAll(async () => {
  sandbox = await startSandboxTenant({ fixture: demoAndScenarios() });
  bot = await startBotHarness({ sandbox });
});
afterAll(async () => {
  await bot.stop();
  await sandbox.stop();
});

it('Retest says "no change" when nothing changed, then names what changed after consent', async () => {
  const conv = conversation();
  const first = cardText(
    invokeCard(
      await bot.click(conv, Verbs.submitSetup, {
        tenant: DEMO.tenantId,
        clientId: DEMO.clientId,
        clientSecret: DEMO.clientSecret,
      }),
    ),
  );
  expect(first).toContain('Action needed');
  expect(first).not.toMatch(/Checked just now/);
  const [registration] = await bot.runtime.store.listRegistrations(conv.userAadId);
  const registrationId = registration?.id;

  const same = cardText(invokeCard(await bot.click(conv, Verbs.retest, { registrationId })));
  expect(same).toMatch(/Checked just now: no change since the last check/);

  sandbox.controls.grantAdminConsent(DEMO.tenantId, DEMO.clientId);
  const changed = cardText(invokeCard(await bot.click(conv, Verbs.retest, { registrationId })));
  expect(changed).toMatch(/Changed since the last check/);
  expect(changed).toMatch(/Verdict: Action needed → Ready/);
  expect(changed).toMatch(/\((Application|Delegated)\): Not granted → Granted/);
});
