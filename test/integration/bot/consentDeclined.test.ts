import { Verbs } from '../../../src/cards/verbs';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { DEMO } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, cardsIn, invokeCard, startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation } from '../../helpers/teamsActivities';

/** A declined or failed consent reaches Teams, in plain words with the next step. */
let sandbox: SandboxTenant;
let bot: BotHarness;

beforeAll(async () => {
  sandbox = await startSandboxTenant({ fixture: demoAndScenarios() });
  bot = await startBotHarness({ sandbox, env: { PUBLIC_URL: 'http://localhost:3978' } });
});
afterAll(async () => {
  await bot.stop();
  await sandbox.stop();
});

function consentUrl(card: unknown): URL {
  let found: string | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.OpenUrl' && n.title === 'Grant admin consent' && typeof n.url === 'string') found = n.url;
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  if (!found) throw new Error('no Grant admin consent link on the card');
  return new URL(found);
}

it('the admin cancelling on the consent page (AADSTS65004) is explained in the chat and on the page', async () => {
  const conv = conversation();
  const card = invokeCard(
    await bot.click(
      conv,
      Verbs.submitSetup,
      { tenant: DEMO.tenantId, clientId: DEMO.clientId, clientSecret: DEMO.clientSecret },
      '1:form',
    ),
  );
  const state = consentUrl(card).searchParams.get('state');
  expect(state).toBeTruthy();
  bot.connector.clear();

  const query = new URLSearchParams({
    error: 'access_denied',
    error_description: 'AADSTS65004: User declined to consent to access the app.',
    state: state!,
  });
  const page = await fetch(`${bot.url}/api/consent/callback?${query.toString()}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toMatch(/Consent was declined/);
  expect(html).not.toMatch(/\.\./);

  await bot.connector.waitFor((calls) => calls.some((c) => /Consent was declined/.test(cardText(cardsIn([c])[0]))));
  const notice = bot.connector
    .calls()
    .map((c) => cardsIn([c])[0])
    .find((c) => /Consent was declined/.test(cardText(c)));
  const text = cardText(notice);
  expect(text).toMatch(/Accept/);
  expect(text).toMatch(/Grant admin consent/);
  expect(JSON.stringify(notice)).not.toContain(DEMO.clientSecret);
});
