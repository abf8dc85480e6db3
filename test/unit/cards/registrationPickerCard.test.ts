import {
  MAX_PICKER_ENTRIES,
  registrationPickerCard,
  type PickPurpose,
} from '../../../src/cards/registrationPickerCard';
import { Verbs } from '../../../src/cards/verbs';
import { collectActions, collectText } from '../../helpers/validateCard';
import { CLIENT_ID, expectCleanCard, HOSTILE_NAMES, LONG_NAME, TENANT_ID } from './cardFixtures';

const reg = (i: number, label = `Customer ${i}`) => ({
  id: `reg-${i}`,
  label,
  tenantId: TENANT_ID,
  clientId: CLIENT_ID,
  ...(i % 3 === 0 ? {} : { verdict: i % 3 === 1 ? ('Ready' as const) : ('Action needed' as const) }),
});

describe('registrationPickerCard', () => {
  it.each<PickPurpose>(['check', 'status', 'forget', 'remind'])(
    'sends registration.pick with id and purpose (%s)',
    (purpose) => {
      const card = registrationPickerCard({
        purpose,
        verb: Verbs.pickRegistration,
        registrations: [reg(1), reg(2), reg(3)],
      });
      expectCleanCard(card);
      const actions = collectActions(card);
      expect(actions).toHaveLength(3);
      actions.forEach((action, i) => {
        expect(action).toMatchObject({
          type: 'Action.Execute',
          verb: Verbs.pickRegistration,
          data: { verb: Verbs.pickRegistration, registrationId: `reg-${i + 1}`, purpose },
        });
        expect(action.title).toContain(`Customer ${i + 1}`);
      });
      const text = collectText(card);
      expect(text).toContain('✅ Ready');
      expect(text).toContain('⚠️ Action needed');
      expect(text).toContain('Not checked');
    },
  );

  it('caps a long list and says how many are hidden', () => {
    const card = registrationPickerCard({
      purpose: 'check',
      verb: Verbs.pickRegistration,
      registrations: Array.from({ length: 45 }, (_, i) => reg(i, `${LONG_NAME} ${i}`)),
    });
    expectCleanCard(card);
    expect(collectActions(card)).toHaveLength(MAX_PICKER_ENTRIES);
    expect(collectText(card)).toMatch(/25 more not shown/);
  });

  it('says so when there is nothing to pick', () => {
    const card = registrationPickerCard({ purpose: 'status', verb: Verbs.pickRegistration, registrations: [] });
    expectCleanCard(card);
    expect(collectText(card)).toMatch(/no registrations/);
  });

  it.each(HOSTILE_NAMES)('escapes hostile labels: %s', (name) => {
    const card = registrationPickerCard({
      purpose: 'forget',
      verb: Verbs.pickRegistration,
      registrations: [reg(1, name)],
    });
    expectCleanCard(card);
    const texts = card.body
      .flatMap((e) => (e.type === 'ColumnSet' ? e.columns.flatMap((c) => c.items) : []))
      .map((e) => (e.type === 'TextBlock' ? e.text : ''))
      .join('\n');
    expect(texts).not.toMatch(/<at>|(^|[^\\])\[click\]\(/);
  });
});
