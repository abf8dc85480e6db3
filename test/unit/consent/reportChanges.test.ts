import { describeChanges } from '../../../src/consent';
import type { CheckFailure } from '../../../src/consent';
import { makeReport, results } from '../cards/cardFixtures';

const failure = (code: CheckFailure['code'], title: string): CheckFailure => ({
  kind: 'failure',
  code,
  checkedAt: '2025-03-10T09:30:00.000Z',
  title,
  explanation: 'x',
  fix: 'y',
  retryable: false,
});

describe('describeChanges: what a re-check changed', () => {
  it('nothing changed: no lines', () => {
    const report = makeReport({
      permissions: results(['Granted', 'Not granted', 'Granted', 'Granted', 'Granted', 'Granted', 'Granted']),
    });
    expect(describeChanges(report, { ...report, checkedAt: '2025-03-10T09:31:00.000Z' })).toEqual([]);
  });

  it('names each permission whose status moved, old → new, and the verdict', () => {
    const before = makeReport({
      verdict: 'Action needed',
      permissions: results(['Granted', 'Not granted', 'Granted', 'Not added', 'Granted', 'Granted', 'Granted']),
    });
    const after = makeReport({ verdict: 'Ready', permissions: results(Array(7).fill('Granted')) });
    const lines = describeChanges(before, after);
    expect(lines).toContain('Verdict: Action needed → Ready');
    expect(lines).toContain(`${before.permissions[1]?.permission.name} (Delegated): Not granted → Granted`);
    expect(lines).toContain(`${before.permissions[3]?.permission.name} (Delegated): Not added → Granted`);
    expect(lines).toHaveLength(3);
  });

  it('a check that starts or stops failing says so in plain words', () => {
    const report = makeReport();
    expect(describeChanges(failure('invalid-secret', 'The client secret is wrong'), report)).toEqual([
      'The check now succeeds (was: The client secret is wrong)',
    ]);
    expect(describeChanges(report, failure('secret-expired', 'The client secret has expired'))).toEqual([
      'The check now fails: The client secret has expired',
    ]);
    expect(describeChanges(failure('timeout', 'A'), failure('timeout', 'A'))).toEqual([]);
  });

  it('a new secret shows its new expiry date', () => {
    const before = makeReport();
    const after = makeReport({ secret: { ...before.secret, endDateTime: '2027-01-31T00:00:00Z' } });
    expect(describeChanges(before, after)).toEqual(['Client secret: now expires 2027-01-31']);
  });
});
