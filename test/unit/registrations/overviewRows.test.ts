import { overviewCard, MAX_OVERVIEW_ROWS } from '../../../src/cards/overviewCard';
import { overviewRows } from '../../../src/registrations/overviewRows';
import type { StoredRegistration } from '../../../src/store/store';
import { validateCard } from '../../helpers/validateCard';
import { DAY, failure, registration, report } from '../reminders/reminderFixtures';
import { textOf } from '../reminders/sweepSetup';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const inDays = (d: number): string => new Date(NOW.getTime() + d * DAY).toISOString();

function reg(id: string, label: string, lastResult?: Parameters<typeof registration>[1]): StoredRegistration {
  const base = registration(id, lastResult ?? failure('invalid-input', NOW.toISOString()), {
    label,
    lastCheckedAt: NOW.toISOString(),
  });
  if (lastResult) return base;
  const { lastResult: _dropped, lastCheckedAt: _never, ...unchecked } = base;
  return unchecked;
}

describe('overview order and card', () => {
  const registrations = [
    reg('a', 'Fine far', report({ checkedAt: NOW.toISOString(), end: inDays(200) })),
    reg('b', 'Needs consent', {
      ...report({ checkedAt: NOW.toISOString(), end: inDays(100) }),
      verdict: 'Action needed',
    }),
    reg('c', 'Expires in 3 days', report({ checkedAt: NOW.toISOString(), end: inDays(3.5) })),
    reg('d', 'Expired', report({ checkedAt: NOW.toISOString(), end: inDays(-2) })),
    reg('e', 'Failing', failure('invalid-secret', NOW.toISOString())),
    reg('f', 'Month left', report({ checkedAt: NOW.toISOString(), end: inDays(20) })),
    reg('g', 'never checked'),
    reg('h', 'Also fine', report({ checkedAt: NOW.toISOString(), end: inDays(150) })),
  ];

  it('puts the most urgent first: expired, failing, ending within a week, consent, this month, unchecked, the rest', () => {
    const rows = overviewRows(registrations, NOW);
    expect(rows.map((r) => r.label)).toEqual([
      'Expired',
      'Failing',
      'Expires in 3 days',
      'Needs consent',
      'Month left',
      'never checked',
      'Also fine',
      'Fine far',
    ]);
    expect(rows[0]).toMatchObject({ state: 'Ready', daysLeft: -2, expired: true });
    expect(rows[1]).toMatchObject({ state: 'Check failed' });
    expect(rows[5]).toMatchObject({ state: 'Not checked', expired: false });
    expect(rows[5]?.daysLeft).toBeUndefined();
  });

  it('draws one valid card with each state in words, the days left and a Retest per line', () => {
    const card = overviewCard({ rows: overviewRows(registrations, NOW), timeZone: 'UTC' });
    expect(validateCard(card)).toEqual([]);
    const text = textOf(card);
    expect(text).toContain('Your connectors (8)');
    expect(text).toContain('Secret expired 2 days ago');
    expect(text).toContain('Secret expires in 3 days');
    expect(text).toContain('⛔ Check failed');
    expect(text).toContain('Not checked yet');
    const retests = JSON.stringify(card).match(/"verb":"overview\.retest"/g) ?? [];
    expect(retests).toHaveLength(16); // the action's verb and its data's verb, per line
  });

  it('caps a long list and says how many more there are; an empty list says how to start', () => {
    const many = Array.from({ length: MAX_OVERVIEW_ROWS + 5 }, (_, i) =>
      reg(`r${i}`, `App ${String(i).padStart(2, '0')}`, report({ checkedAt: NOW.toISOString(), end: inDays(90 + i) })),
    );
    const card = overviewCard({ rows: overviewRows(many, NOW) });
    expect(validateCard(card)).toEqual([]);
    expect(textOf(card)).toContain('…and 5 more');
    expect(textOf(overviewCard({ rows: [] }))).toContain('Type "setup" to connect one.');
  });

  it('escapes names so a registration cannot inject markdown links', () => {
    const evil = reg('x', '[click](https://evil.example)', report({ checkedAt: NOW.toISOString() }));
    expect(JSON.stringify(overviewCard({ rows: overviewRows([evil], NOW) }))).not.toContain('](https://evil');
  });
});
