import { Verbs } from '../../../src/cards/verbs';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { SCENARIOS, WRONG_SECRET } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, cardsIn, invokeCard, startBotHarness, textsIn, type BotHarness } from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation } from '../../helpers/teamsActivities';

/**
 * Issue 7 item 1: after an error in the setup form both ways stay open. The form says the
 * secret may also be pasted in the chat; doing so continues the same setup with the tenant and
 * client ID the form held, instead of "I need the tenant and client IDs first".
 */
let sandbox: SandboxTenant;
let bot: BotHarness;
const s = SCENARIOS.allGranted;

beforeAll(async () => {
  sandbox = await startSandboxTenant({ fixture: demoAndScenarios() });
  bot = await startBotHarness({ sandbox });
});
afterAll(async () => {
  await bot.stop();
  await sandbox.stop();
});

describe('a form error keeps the chat path open', () => {
  it('a wrong secret in the form, then the right one pasted in chat: checked with the form’s IDs', async () => {
    const conv = conversation();
    const form = await bot.click(conv, Verbs.submitSetup, {
      tenant: s.tenantId,
      clientId: s.clientId,
      clientSecret: WRONG_SECRET,
    });
    const again = cardText(invokeCard(form));
    expect(again).toMatch(/secret/i); // the same form, in place, with the error on the secret
    expect(form.sent.filter((c) => c.kind === 'send' || c.kind === 'reply')).toEqual([]);

    const pasted = await bot.send(conv, s.clientSecret);
    const said = [...textsIn(pasted.sent), ...cardsIn(pasted.sent).map(cardText)].join('\n');
    expect(said).not.toContain('I need the tenant and client IDs first');
    expect(said).toContain('Ready');
    expect(said).not.toContain(s.clientSecret);
    expect((await bot.runtime.store.listRegistrations(conv.userAadId)).map((r) => r.clientId)).toEqual([s.clientId]);
  });

  it('an invalid client ID in the form: the chat asks for it next, keeping the tenant', async () => {
    const conv = conversation();
    await bot.click(conv, Verbs.submitSetup, {
      tenant: s.tenantId,
      clientId: 'not-a-guid',
      clientSecret: s.clientSecret,
    });
    const next = await bot.send(conv, s.clientId);
    const said = [...textsIn(next.sent), ...cardsIn(next.sent).map(cardText)].join('\n');
    expect(said).toMatch(/secret/i); // tenant kept, client ID taken: now the secret
    const done = await bot.send(conv, s.clientSecret);
    expect(cardsIn(done.sent).map(cardText).join('\n')).toContain('Ready');
  });

  it('after a typed error the form still works on its own', async () => {
    const conv = conversation();
    await bot.send(conv, 'setup');
    await bot.send(conv, 'not a tenant!!');
    const form = await bot.click(conv, Verbs.submitSetup, {
      tenant: s.tenantId,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
    });
    expect(cardText(invokeCard(form))).toContain('Ready');
  });
});
