import { randomUUID } from 'node:crypto';
import { Verbs } from '../../../src/cards/verbs';
import { SCENARIOS, WRONG_SECRET } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, cardsIn, invokeCard, textsIn, type TurnOutcome } from '../../helpers/botHarness';
import { botWithSandbox } from '../../helpers/botWithSandbox';
import { conversation } from '../../helpers/teamsActivities';

/**
 * Issue 7 item 1: after an error in the setup form both ways stay open. The form says the
 * secret may also be pasted in the chat; doing so continues the same setup with the tenant and
 * client ID the form held, instead of "I need the tenant and client IDs first".
 */
const harness = botWithSandbox();
const s = SCENARIOS.allGranted;

describe('a form error keeps the chat path open', () => {
  it('a wrong secret in the form, then the right one pasted in chat: checked with the form’s IDs', async () => {
    const conv = conversation();
    const form = await harness().click(conv, Verbs.submitSetup, {
      tenant: s.tenantId,
      clientId: s.clientId,
      clientSecret: WRONG_SECRET,
    });
    const again = cardText(invokeCard(form));
    expect(again).toMatch(/secret/i); // the same form, in place, with the error on the secret
    expect(form.sent.filter((c) => c.kind === 'send' || c.kind === 'reply')).toEqual([]);

    const pasted = await harness().send(conv, s.clientSecret);
    const said = [...textsIn(pasted.sent), ...cardsIn(pasted.sent).map(cardText)].join('\n');
    expect(said).not.toContain('I need the tenant and client IDs first');
    expect(said).toContain('Ready');
    expect(said).not.toContain(s.clientSecret);
    expect((await harness().runtime.store.listRegistrations(conv.userAadId)).map((r) => r.clientId)).toEqual([
      s.clientId,
    ]);
  });

  it('an invalid client ID in the form: the chat asks for it next, keeping the tenant', async () => {
    const conv = conversation();
    await harness().click(conv, Verbs.submitSetup, {
      tenant: s.tenantId,
      clientId: 'not-a-guid',
      clientSecret: s.clientSecret,
    });
    const next = await harness().send(conv, s.clientId);
    const said = [...textsIn(next.sent), ...cardsIn(next.sent).map(cardText)].join('\n');
    expect(said).toMatch(/secret/i); // tenant kept, client ID taken: now the secret
    const done = await harness().send(conv, s.clientSecret);
    expect(cardsIn(done.sent).map(cardText).join('\n')).toContain('Ready');
  });

  it('after a typed error the form still works on its own', async () => {
    const conv = conversation();
    await harness().send(conv, 'setup');
    await harness().send(conv, 'not a tenant!!');
    const form = await harness().click(conv, Verbs.submitSetup, {
      tenant: s.tenantId,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
    });
    expect(cardText(invokeCard(form))).toContain('Ready');
  });
});

/** Cards a turn posted as new messages (not updates of cards already on screen). */
const posted = (outcome: TurnOutcome) => cardsIn(outcome.sent.filter((c) => c.kind === 'send' || c.kind === 'reply'));
const updates = (outcome: TurnOutcome) => outcome.sent.filter((c) => c.kind === 'update');

describe('a repeated form error updates the same form instead of posting another', () => {
  it('a second wrong submit answers in place again: no new message, secret never echoed', async () => {
    const conv = conversation();
    const formId = `1:${randomUUID()}`;
    const values = { tenant: s.tenantId, clientId: s.clientId, clientSecret: WRONG_SECRET };
    const first = await harness().click(conv, Verbs.submitSetup, values, formId);
    const second = await harness().click(conv, Verbs.submitSetup, values, formId);
    for (const turn of [first, second]) {
      const card = invokeCard(turn);
      expect(cardText(card)).toMatch(/Please correct the values marked below/);
      expect(JSON.stringify(card)).toContain(s.clientId); // the form keeps what it held
      expect(turn.sent).toEqual([]); // replaced in place by the invoke answer, nothing posted
      expect(JSON.stringify(turn.body)).not.toContain(WRONG_SECRET);
    }
  });

  it('a form error, then a malformed secret typed: the clicked form is updated, then the right one checks', async () => {
    const conv = conversation();
    const formId = `1:${randomUUID()}`;
    await harness().click(
      conv,
      Verbs.submitSetup,
      { tenant: s.tenantId, clientId: s.clientId, clientSecret: WRONG_SECRET },
      formId,
    );
    const typed = await harness().send(conv, s.secretKeyId);
    expect(posted(typed)).toEqual([]);
    expect(updates(typed).map((c) => c.activityId)).toEqual([formId]);
    const form = cardsIn(updates(typed))[0];
    expect(cardText(form)).toMatch(/Secret ID/); // the error under the secret field
    expect(JSON.stringify(form)).toContain(s.clientId);
    expect(JSON.stringify(form)).not.toContain(s.secretKeyId);
    expect(textsIn(typed.sent).join('\n')).toMatch(/form above/);
    expect(JSON.stringify(typed.sent)).not.toContain(WRONG_SECRET);

    const done = await harness().send(conv, s.clientSecret);
    expect(JSON.stringify(done.sent)).not.toContain(s.clientSecret);
    expect(cardsIn(done.sent).map(cardText).join('\n')).toContain('Ready');
    expect((await harness().runtime.store.listRegistrations(conv.userAadId)).map((r) => r.clientId)).toEqual([
      s.clientId,
    ]);
  });

  it('step by step: repeated bad secrets update the step-3 form already posted', async () => {
    const conv = conversation();
    await harness().send(conv, 'setup');
    await harness().send(conv, s.tenantId);
    const step3 = await harness().send(conv, s.clientId);
    expect(posted(step3)).toHaveLength(1);
    const first = await harness().send(conv, s.secretKeyId);
    const second = await harness().send(conv, 'short');
    for (const turn of [first, second]) {
      expect(posted(turn)).toEqual([]);
      expect(updates(turn)).toHaveLength(1);
      expect(JSON.stringify(turn.sent)).not.toContain(s.secretKeyId);
    }
    expect(updates(second)[0].activityId).toBe(updates(first)[0].activityId);
    const form = cardsIn(updates(second))[0];
    expect(JSON.stringify(form)).toContain(s.tenantId);
    expect(JSON.stringify(form)).toContain(s.clientId);
  });

  it('a form Teams will not update any more (deleted): a fresh form is posted and used from then on', async () => {
    const conv = conversation();
    await harness().click(conv, Verbs.submitSetup, {
      tenant: s.tenantId,
      clientId: s.clientId,
      clientSecret: WRONG_SECRET,
    });
    harness().connector.injectFault({ status: 404, conversationId: conv.id });
    const refused = await harness().send(conv, s.secretKeyId);
    expect(updates(refused).map((c) => c.status)).toEqual([404]);
    expect(posted(refused)).toHaveLength(1);
    expect(textsIn(refused.sent).join('\n')).toMatch(/Secret ID/);
    const again = await harness().send(conv, s.secretKeyId);
    expect(posted(again)).toEqual([]);
    expect(updates(again).map((c) => c.status)).toEqual([200]);
  });
});
