import { forgetConfirmCard } from '../../../src/cards/forgetConfirmCard';
import { Verbs } from '../../../src/cards/verbs';
import { collectActions, collectText } from '../../helpers/validateCard';
import { expectCleanCard, HOSTILE_NAMES } from './cardFixtures';

describe('forgetConfirmCard', () => {
  it('asks before deleting, with confirm and cancel carrying the registration id', () => {
    const card = forgetConfirmCard({ registrationId: 'reg-9', label: 'Contoso' });
    expectCleanCard(card);
    expect(collectText(card)).toMatch(/Forget Contoso\?/);
    expect(collectText(card)).toMatch(/not changed/);
    const [confirm, cancel] = collectActions(card);
    expect(confirm).toMatchObject({
      verb: Verbs.forgetConfirm,
      style: 'destructive',
      data: { verb: Verbs.forgetConfirm, registrationId: 'reg-9' },
    });
    expect(cancel).toMatchObject({
      verb: Verbs.forgetCancel,
      data: { verb: Verbs.forgetCancel, registrationId: 'reg-9' },
    });
  });

  it.each(HOSTILE_NAMES)('escapes the label: %s', (label) => {
    const card = forgetConfirmCard({ registrationId: 'reg-9', label });
    expectCleanCard(card);
    expect(collectText(card)).not.toMatch(/<at>|(^|[^\\])\[click\]\(/);
  });
});
