import { statusCard } from '../../../src/cards/statusCard';
import { collectText } from '../../helpers/validateCard';
import { makeReport } from './cardFixtures';

const ctx = {
  registrationId: 'r1',
  label: 'Contoso',
  consentMode: 'manual' as const,
  consentUrl: 'https://x.example/c',
};

describe('status card after a Retest', () => {
  it('says "no change" when a re-check changed nothing', () => {
    expect(collectText(statusCard(makeReport(), { ...ctx, changes: [] }))).toMatch(/Checked just now: no change/);
  });

  it('lists what changed', () => {
    const text = collectText(
      statusCard(makeReport(), { ...ctx, changes: ['User.Read.All (Application): Not granted → Granted'] }),
    );
    expect(text).toMatch(/Changed since the last check/);
    expect(text).toContain('User.Read.All (Application): Not granted → Granted');
  });

  it('a first check says neither', () => {
    const text = collectText(statusCard(makeReport(), ctx));
    expect(text).not.toMatch(/Checked just now/);
  });
});
