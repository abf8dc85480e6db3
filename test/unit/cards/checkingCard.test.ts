import { checkingCard } from '../../../src/cards/checkingCard';
import { collectActions, collectText } from '../../helpers/validateCard';
import { expectCleanCard, HOSTILE_NAMES, LONG_NAME } from './cardFixtures';

describe('checkingCard', () => {
  it('says what is being checked, with no buttons to double-submit', () => {
    const card = checkingCard({ label: 'Contoso' });
    expectCleanCard(card);
    expect(collectText(card)).toMatch(/Checking…/);
    expect(collectText(card)).toContain('**Contoso**');
    expect(collectActions(card)).toEqual([]);
  });

  it.each([...HOSTILE_NAMES, LONG_NAME])('escapes and bounds the label: %s', (label) => {
    const card = checkingCard({ label });
    expectCleanCard(card);
    expect(collectText(card)).not.toMatch(/<at>|(^|[^\\])\[click\]\(/);
  });
});
