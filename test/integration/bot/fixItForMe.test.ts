import { Verbs } from '../../../src/cards/verbs';
import { loadProfile } from '../../../src/consent';
import type { FixRequest } from '../../../src/repair/fixRequest';
import type { RepairOutcome } from '../../../src/repair/repairOutcome';
import { planHash, planRepair, type PlanInput, type RepairPlan } from '../../../src/repair/repairPlan';
import { startSandboxTenant, type SandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { SCENARIOS, SIGN_IN_APP } from '../../../tools/sandbox-tenant/scenarios';
import {
  cardText,
  cardsIn,
  invokeCard,
  startBotHarness,
  type BotHarness,
  type CardLike,
} from '../../helpers/botHarness';
import { demoAndScenarios } from '../../helpers/sandboxFixtures';
import { conversation, type TestConversation } from '../../helpers/teamsActivities';

/**
 * Fix it for me in the chat, through the real bot: the button, the preview with the plan and
 * the sign-in link, Cancel, `history`, and refusals outside personal chat. The sign-in module
 * and the Graph writes are other modules: here a recording link maker and repair session stand in.
 */
let sandbox: SandboxTenant;
let bot: BotHarness;
let plain: BotHarness;
const links: FixRequest[] = [];
const applied: RepairPlan[] = [];
let freshRead: PlanInput | undefined;

const SCENARIO = SCENARIOS.needsRepair;

beforeAll(async () => {
  sandbox = await startSandboxTenant({ fixture: demoAndScenarios() });
  bot = await startBotHarness({
    sandbox,
    env: { ADMIN_SIGNIN_CLIENT_ID: SIGN_IN_APP.clientId, ADMIN_SIGNIN_CLIENT_SECRET: SIGN_IN_APP.clientSecret },
    overrides: {
      fix: {
        fixStartLink: async (request) => (
          links.push(request),
          `https://bot.example/api/fix/start?state=s${links.length}`
        ),
        openSession: () => ({
          read: async () => {
            if (!freshRead) throw new Error('the test set no fresh read');
            return freshRead;
          },
          apply: async (plan): Promise<RepairOutcome> => {
            applied.push(plan);
            return {
              completed: true,
              changes: plan.addToRegistration.map((p) => ({
                step: 'add-permissions',
                summary: `Added to the registration: ${p.name} (${p.kind})`,
                result: 'applied',
              })),
              requests: 1,
              replicationRetries: 0,
            };
          },
        }),
      },
    },
  });
  plain = await startBotHarness({ sandbox });
});
afterAll(async () => {
  await bot.stop();
  await plain.stop();
  await sandbox.stop();
});

const hasVerb = (card: unknown, verb: string): boolean => JSON.stringify(card ?? {}).includes(`"verb":"${verb}"`);

async function setUp(harness: BotHarness, conv: TestConversation): Promise<{ card: CardLike | undefined; id: string }> {
  const turn = await harness.click(conv, Verbs.submitSetup, {
    tenant: SCENARIO.tenantId,
    clientId: SCENARIO.clientId,
    clientSecret: SCENARIO.clientSecret,
  });
  const [registration] = await harness.runtime.store.listRegistrations(conv.userAadId);
  if (!registration) throw new Error('not registered');
  return { card: invokeCard(turn), id: registration.id };
}

describe('Fix it for me in the chat', () => {
  it('the status card offers it; clicking answers the preview with the plan and a sign-in link bound to it', async () => {
    const conv = conversation();
    const { card, id } = await setUp(bot, conv);
    expect(cardText(card)).toMatch(/Action needed/);
    expect(hasVerb(card, Verbs.fix)).toBe(true);

    const before = links.length;
    const preview = invokeCard(await bot.click(conv, Verbs.fix, { registrationId: id }, 'status-card-1'));
    const shown = cardText(preview);
    expect(shown).toContain('Add to the registration: Directory.AccessAsUser.All (Delegated)');
    expect(shown).toContain('Nothing is ever removed');
    expect(shown).toContain('Sign in and apply');
    expect(links).toHaveLength(before + 1);
    const request = links[links.length - 1];
    expect(shown).toContain(`https://bot.example/api/fix/start?state=s${links.length}`);
    expect(request).toMatchObject({
      registrationId: id,
      tenantId: SCENARIO.tenantId,
      requestedBy: { teamsUserId: `29:${conv.userAadId}`, objectId: conv.userAadId },
      conversationKey: conv.id,
      cardActivityId: 'status-card-1',
    });
    const stored = await bot.runtime.store.getRegistration(id);
    const report = stored?.lastResult?.kind === 'report' ? stored.lastResult : undefined;
    expect(report).toBeDefined();
    if (!report) return;
    const statuses = new Map(
      report.permissions.map((r) => [`${r.permission.kind}:${r.permission.id.toLowerCase()}`, r.status]),
    );
    const plan = planRepair(
      { tenantId: report.tenantId, clientId: report.clientId, servicePrincipalMissing: false, statuses },
      loadProfile(report.profileId),
    );
    expect(request?.planHash).toBe(planHash(plan));
  });

  it('Cancel brings the status card back and changes nothing', async () => {
    const conv = conversation();
    const { id } = await setUp(bot, conv);
    await bot.click(conv, Verbs.fix, { registrationId: id }, 'status-card-2');
    const applies = applied.length;
    const back = invokeCard(await bot.click(conv, Verbs.fixCancel, { registrationId: id }, 'status-card-2'));
    expect(cardText(back)).toMatch(/Action needed/);
    expect(hasVerb(back, Verbs.retest)).toBe(true);
    expect(hasVerb(back, Verbs.fix)).toBe(true);
    expect(applied).toHaveLength(applies);
  });

  it('without an admin sign-in app the button is absent and the admin-consent link stays', async () => {
    const conv = conversation();
    const { card, id } = await setUp(plain, conv);
    expect(cardText(card)).toMatch(/Action needed/);
    expect(hasVerb(card, Verbs.fix)).toBe(false);
    expect(cardText(card)).toContain('Grant admin consent');
    const answer = invokeCard(await plain.click(conv, Verbs.fix, { registrationId: id }));
    expect(cardText(answer)).toMatch(/not set up here/);
    expect(plain.runtime.fixHandlers).toBeUndefined();
  });

  it('a signed-in repair is kept: `history` lists it, and forgetting the registration deletes it', async () => {
    const conv = conversation();
    const { id } = await setUp(bot, conv);
    await bot.click(conv, Verbs.fix, { registrationId: id }, 'status-card-3');
    const request = links[links.length - 1];
    if (!request) throw new Error('no request');
    const stored = await bot.runtime.store.getRegistration(id);
    const report = stored?.lastResult?.kind === 'report' ? stored.lastResult : undefined;
    if (!report) throw new Error('no report');
    freshRead = {
      tenantId: report.tenantId,
      clientId: report.clientId,
      servicePrincipalMissing: false,
      statuses: new Map(
        report.permissions.map((r) => [`${r.permission.kind}:${r.permission.id.toLowerCase()}`, r.status]),
      ),
    };
    const handlers = bot.runtime.fixHandlers;
    if (!handlers) throw new Error('fix handlers not wired');
    const page = await handlers.onSignedIn(
      request,
      { tenantId: SCENARIO.tenantId, objectId: 'admin-oid', userPrincipalName: 'ada@scenario.example' },
      'delegated-token-for-this-test',
    );
    expect(page.status).toBe(200);
    expect(applied.length).toBeGreaterThan(0);
    // The card the fix was asked from is updated in place with the re-check and who fixed it.
    const updates = bot.connector.calls().filter((c) => c.kind === 'update' && c.activityId === 'status-card-3');
    expect(updates.length).toBeGreaterThan(0);
    expect(cardText(cardsIn(updates))).toMatch(
      /Fixed by ada@scenario\.example just now: Added to the registration: Directory\.AccessAsUser\.All/,
    );

    const turn = await bot.send(conv, 'history');
    const history = cardText(cardsIn(turn.sent));
    expect(history).toMatch(/Repair history/);
    expect(history).toContain('ada@scenario.example');
    expect(history).toContain('Added to the registration: Directory.AccessAsUser.All (Delegated): done');

    await bot.click(conv, Verbs.forgetConfirm, { registrationId: id });
    expect(await bot.runtime.store.listKv?.('repair-audit', `${id}|`)).toEqual([]);
  });

  it('`history` with several registrations asks which one, and the picker button shows its history', async () => {
    const conv = conversation();
    const { id } = await setUp(bot, conv);
    await bot.click(conv, Verbs.submitSetup, {
      tenant: SCENARIOS.partlyConsented.tenantId,
      clientId: SCENARIOS.partlyConsented.clientId,
      clientSecret: SCENARIOS.partlyConsented.clientSecret,
    });
    const [picker] = cardsIn((await bot.send(conv, 'history')).sent);
    expect(cardText(picker)).toMatch(/Whose repair history\?/);
    expect(hasVerb(picker, Verbs.historyPick)).toBe(true);
    const answer = invokeCard(await bot.click(conv, Verbs.historyPick, { registrationId: id, purpose: 'history' }));
    expect(cardText(answer)).toMatch(/Repair history/);
    expect(cardText(answer)).toMatch(/No repairs yet/);
  });

  it('is refused in a channel: no preview, no link, no history', async () => {
    const personal = conversation();
    const { id } = await setUp(bot, personal);
    const channel = conversation({ scope: 'channel', userAadId: personal.userAadId });
    const before = links.length;
    const answer = invokeCard(await bot.click(channel, Verbs.fix, { registrationId: id }));
    expect(cardText(answer)).toMatch(/does not work in this kind of conversation/);
    expect(links).toHaveLength(before);
    const turn = await bot.send(channel, 'history');
    expect(cardText(cardsIn(turn.sent))).not.toMatch(/Repair history/);
  });
});
