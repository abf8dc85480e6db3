import { CLIENT_ID_PATTERN, setupCard, TENANT_PATTERN } from '../../../src/cards/setupCard';
import type { InputText } from '../../../src/cards/cardTypes';
import { SetupInputs, Verbs } from '../../../src/cards/verbs';
import { collectActions, collectText } from '../../helpers/validateCard';
import { CLIENT_ID, expectCleanCard, HOSTILE_NAMES, TENANT_ID } from './cardFixtures';

const inputs = (card: ReturnType<typeof setupCard>): InputText[] =>
  card.body.filter((e): e is InputText => e.type === 'Input.Text');

describe('setupCard', () => {
  it('has the three labelled, required inputs with the shared ids', () => {
    const card = setupCard();
    expectCleanCard(card);
    const [tenant, clientId, secret] = inputs(card);
    expect(tenant).toMatchObject({ id: SetupInputs.tenant, label: 'Directory (tenant) ID', isRequired: true });
    expect(clientId).toMatchObject({
      id: SetupInputs.clientId,
      label: 'Application (client) ID',
      isRequired: true,
      regex: CLIENT_ID_PATTERN,
    });
    expect(secret).toMatchObject({
      id: SetupInputs.clientSecret,
      label: 'Client secret value',
      isRequired: true,
      style: 'password',
    });
    for (const input of [tenant, clientId, secret]) {
      expect(input.placeholder).toBeTruthy();
      expect(input.errorMessage).toBeTruthy();
    }
    expect(collectText(card)).toMatch(/Secret ID/);
  });

  it('pre-fills tenant and client id but never the secret', () => {
    const card = setupCard({ tenant: TENANT_ID, clientId: CLIENT_ID, registrationId: 'reg-1' });
    expectCleanCard(card);
    const [tenant, clientId, secret] = inputs(card);
    expect(tenant.value).toBe(TENANT_ID);
    expect(clientId.value).toBe(CLIENT_ID);
    expect(secret).not.toHaveProperty('value');
  });

  it('client-side patterns accept GUIDs and domains and refuse junk', () => {
    const clientRe = new RegExp(CLIENT_ID_PATTERN);
    const tenantRe = new RegExp(TENANT_PATTERN);
    expect(clientRe.test(` ${CLIENT_ID} `)).toBe(true);
    expect(clientRe.test('contoso.onmicrosoft.com')).toBe(false);
    expect(tenantRe.test(TENANT_ID)).toBe(true);
    expect(tenantRe.test('contoso.onmicrosoft.com')).toBe(true);
    expect(tenantRe.test('not a tenant')).toBe(false);
  });

  it('shows each validation message under its field, marked with an icon', () => {
    const card = setupCard({ errors: { tenant: 'Tenant not valid.', clientSecret: 'This looks like the Secret ID.' } });
    expectCleanCard(card);
    const ids = card.body.map((e) => (e.type === 'Input.Text' ? e.id : e.type === 'TextBlock' ? e.text : e.type));
    const after = (id: string): string => String(ids[ids.indexOf(id) + 1]);
    expect(after(SetupInputs.tenant)).toContain('Tenant not valid.');
    expect(after(SetupInputs.clientSecret)).toContain('This looks like the Secret ID.');
    expect(after(SetupInputs.clientId)).not.toMatch(/⚠️/);
    const marked = card.body.filter((e) => e.type === 'TextBlock' && /^⚠️ |Please correct/.test(e.text));
    expect(marked).toHaveLength(3); // summary + two fields
  });

  it('submits with setup.submit (inputs included) and cancels without validating', () => {
    const card = setupCard({ registrationId: 'reg-1' });
    const [submit, cancel] = collectActions(card);
    expect(submit).toMatchObject({
      type: 'Action.Execute',
      verb: Verbs.submitSetup,
      data: { verb: Verbs.submitSetup, registrationId: 'reg-1' },
    });
    expect(submit).not.toHaveProperty('associatedInputs');
    expect(cancel).toMatchObject({
      verb: Verbs.cancelSetup,
      associatedInputs: 'none',
      data: { verb: Verbs.cancelSetup, registrationId: 'reg-1' },
    });
    const fresh = collectActions(setupCard());
    expect(fresh[0].data).toEqual({ verb: Verbs.submitSetup });
  });

  it.each(HOSTILE_NAMES)('escapes a hostile intro: %s', (name) => {
    const card = setupCard({ intro: `New secret for ${name}`, errors: { clientId: name } });
    expectCleanCard(card);
    const text = collectText(card);
    expect(text).not.toMatch(/<at>/);
    expect(text).not.toMatch(/(^|[^\\])\[click\]\(/);
  });
});
