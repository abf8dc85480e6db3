import { Verbs } from '../../../src/cards/verbs';
import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, cardsIn, invokeCard } from '../../helpers/botHarness';
import { botWithSandbox } from '../../helpers/botWithSandbox';
import { conversation } from '../../helpers/teamsActivities';

/** `overview` through the real bot against the sandbox: one card for all, most urgent first, Retest in place. */
const harness = botWithSandbox();

describe('overview in personal chat', () => {
  it('lists every registration, the one needing action first, and Retest redraws the same card', async () => {
    const conv = conversation();
    for (const s of [SCENARIOS.allGranted, SCENARIOS.partlyConsented]) {
      await harness().click(conv, Verbs.submitSetup, {
        tenant: s.tenantId,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
      });
    }
    const shown = await harness().send(conv, 'overview');
    const [card] = cardsIn(shown.sent);
    const text = cardText(card);
    expect(text).toContain('Your connectors (2)');
    expect(text.indexOf('Action needed')).toBeGreaterThan(-1);
    expect(text.indexOf('Action needed')).toBeLessThan(text.indexOf('✅ Ready'));
    expect(text).not.toContain(SCENARIOS.allGranted.clientSecret);

    const id = /"registrationId":"([^"]+)"/.exec(JSON.stringify(card))?.[1] ?? '';
    expect(id).not.toBe('');
    const retest = await harness().click(conv, Verbs.overviewRetest, { registrationId: id }, 'overview-card-1');
    const redrawn = cardText(invokeCard(retest));
    expect(redrawn).toContain('Your connectors (2)');
    expect(redrawn).toMatch(/re-checked just now: Action needed \(nothing changed\)/);
    // Answered in place (the invoke response), not as a new message.
    expect(retest.sent.filter((c) => c.kind === 'send' || c.kind === 'reply')).toEqual([]);
  });

  it('another user sees only their own, and a forged id cannot re-check someone else’s', async () => {
    const owner = conversation();
    await harness().click(owner, Verbs.submitSetup, {
      tenant: SCENARIOS.allGranted.tenantId,
      clientId: SCENARIOS.allGranted.clientId,
      clientSecret: SCENARIOS.allGranted.clientSecret,
    });
    const ownerCard = cardsIn((await harness().send(owner, 'overview')).sent)[0];
    const id = /"registrationId":"([^"]+)"/.exec(JSON.stringify(ownerCard))?.[1] ?? '';
    const stranger = conversation();
    expect(cardText(cardsIn((await harness().send(stranger, 'overview')).sent)[0])).toContain('Your connectors (0)');
    const forged = await harness().click(stranger, Verbs.overviewRetest, { registrationId: id });
    expect(cardText(invokeCard(forged))).toContain('That registration is gone');
  });

  it('is refused outside personal chat', async () => {
    const channel = conversation({ scope: 'channel' });
    const answer = await harness().send(channel, 'overview');
    expect(JSON.stringify(answer.sent)).not.toContain('Your connectors');
  });
});
