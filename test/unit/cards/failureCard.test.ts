import { failureCard } from '../../../src/cards/failureCard';
import { Verbs } from '../../../src/cards/verbs';
import { collectActions, collectText } from '../../helpers/validateCard';
import { expectCleanCard, FAILURE_CODES, HOSTILE_NAMES, makeFailure } from './cardFixtures';

describe('failureCard', () => {
  it.each(FAILURE_CODES)('renders %s cleanly with title, explanation and fix', (code) => {
    const failure = makeFailure(code);
    for (const ctx of [{}, { registrationId: 'reg-1', label: 'Contoso', timeZone: 'Europe/Berlin' }]) {
      const card = failureCard(failure, ctx);
      expectCleanCard(card);
      const text = collectText(card);
      expect(text).toContain(`Failure ${code}`);
      expect(text).toContain(`Explanation for ${code}.`);
      expect(text).toContain(`Fix for ${code}.`);
      expect(text).toContain('c0ffee00-1111-2222-3333-444444444444');
      expect(text).not.toMatch(/\bat .*\(.*:\d+:\d+\)/); // no stack frames
    }
  });

  it('shows the AADSTS code and support ids, with the time in the given zone', () => {
    const card = failureCard(makeFailure('invalid-secret'), { timeZone: 'Europe/Berlin' });
    const facts = card.body.flatMap((e) => (e.type === 'FactSet' ? e.facts : []));
    expect(facts).toEqual(
      expect.arrayContaining([
        { title: 'Error code', value: 'AADSTS7000215' },
        { title: 'Correlation ID', value: 'c0ffee00-1111-2222-3333-444444444444' },
        { title: 'Time', value: '10 Mar 2025, 10:30 (Europe/Berlin)' },
      ]),
    );
  });

  it('offers Retest and Update credentials for a known registration', () => {
    const card = failureCard(makeFailure('timeout'), { registrationId: 'reg-1' });
    const actions = collectActions(card);
    expect(actions[0]).toMatchObject({
      title: 'Retest',
      verb: Verbs.retest,
      data: { verb: Verbs.retest, registrationId: 'reg-1' },
    });
    expect(actions[1]).toMatchObject({
      title: 'Update credentials',
      verb: Verbs.updateCredentials,
      data: { registrationId: 'reg-1' },
    });
    expect(collectText(card)).toMatch(/temporary/);
  });

  it('offers Start setup when there is no registration yet', () => {
    const actions = collectActions(failureCard(makeFailure('tenant-not-found')));
    expect(actions.map((a) => a.verb)).toEqual([Verbs.startSetup]);
  });

  it('links Certificates & secrets for secret problems, when the link is known', () => {
    const failure = makeFailure('secret-id-given');
    const withLink = collectActions(failureCard(failure));
    expect(withLink).toContainEqual({
      type: 'Action.OpenUrl',
      title: 'Open Certificates & secrets',
      url: failure.links?.portalCredentials,
    });
    const without = collectActions(failureCard({ ...failure, links: undefined }));
    expect(without.some((a) => a.type === 'Action.OpenUrl')).toBe(false);
  });

  it('leaves out absent support fields', () => {
    const card = failureCard(
      makeFailure('network', { correlationId: undefined, traceId: undefined, aadsts: undefined }),
    );
    expectCleanCard(card);
    const titles = card.body.flatMap((e) => (e.type === 'FactSet' ? e.facts.map((f) => f.title) : []));
    expect(titles).not.toContain('Correlation ID');
    expect(titles).not.toContain('Error code');
  });

  it.each(HOSTILE_NAMES)('escapes hostile text in failure fields: %s', (name) => {
    const card = failureCard(makeFailure('app-not-found', { title: name, explanation: name, tenantInput: name }), {
      label: name,
    });
    expectCleanCard(card);
    expect(collectText(card)).not.toMatch(/<at>|(^|[^\\])\[click\]\(/);
  });
});
