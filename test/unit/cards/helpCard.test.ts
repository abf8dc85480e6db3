import { helpCard } from '../../../src/cards/helpCard';
import { Verbs } from '../../../src/cards/verbs';
import { collectActions } from '../../helpers/validateCard';
import { expectCleanCard } from './cardFixtures';

describe('helpCard', () => {
  const commands = [
    { name: 'setup', description: 'Give me a tenant, client id and secret to check.' },
    { name: 'check', description: 'Re-run the check for a registration.' },
    { name: 'status', description: 'Show the last report.' },
    { name: 'forget', description: 'Delete a registration and its secret.' },
    { name: 'help', description: 'This list.' },
  ];

  it('lists every command with its description and offers Start setup', () => {
    const card = helpCard({ commands, offerSetup: true });
    expectCleanCard(card);
    const facts = card.body.flatMap((e) => (e.type === 'FactSet' ? e.facts : []));
    expect(facts).toEqual(commands.map((c) => ({ title: c.name, value: c.description })));
    expect(collectActions(card)).toEqual([
      expect.objectContaining({ verb: Verbs.startSetup, data: { verb: Verbs.startSetup } }),
    ]);
  });

  it('offers no Start setup where setup cannot work (channels, group chats)', () => {
    const card = helpCard({ commands, offerSetup: false });
    expectCleanCard(card);
    expect(collectActions(card)).toEqual([]);
  });
});
