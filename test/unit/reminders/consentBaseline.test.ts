import { absorbResult, type ConsentBaseline } from '../../../src/reminders/consentBaseline';
import { failure, report } from './reminderFixtures';

const NOW = new Date('2025-05-01T00:00:00.000Z');
const t = (n: number): string => new Date(NOW.getTime() + n * 60_000).toISOString();

function baselineFrom(statuses: Parameters<typeof report>[0]['statuses'] = {}): ConsentBaseline {
  return absorbResult(undefined, report({ checkedAt: t(0), statuses }), NOW).baseline;
}

describe('absorbResult: consent drift', () => {
  it('the first result sets the baseline without any drift', () => {
    const { baseline, drift } = absorbResult(
      undefined,
      report({ checkedAt: t(0), statuses: { 'User.Read.All|Application': 'Not granted' } }),
      NOW,
    );
    expect(drift).toBeUndefined();
    expect(baseline.granted).toHaveLength(6);
    expect(baseline.granted).not.toContain('User.Read.All|Application');
    expect(baseline.secretWorking).toBe(true);
    expect(baseline.secret?.seriesId).toBe('key:k-1');
  });

  it('a permission leaving Granted is drift, reported once for that result', () => {
    const start = baselineFrom();
    const revoked = report({
      checkedAt: t(1),
      statuses: { 'Directory.Read.All|Application': 'Not granted', 'User.Read|Delegated': 'Not added' },
    });
    const first = absorbResult(start, revoked, NOW);
    expect(first.drift?.changes).toEqual([
      { permission: 'Directory.Read.All', kind: 'Application', from: 'Granted', to: 'Not granted' },
      { permission: 'User.Read', kind: 'Delegated', from: 'Granted', to: 'Not added' },
    ]);
    expect(absorbResult(first.baseline, revoked, NOW).drift).toBeUndefined();
    const stillRevoked = report({
      checkedAt: t(2),
      statuses: { 'Directory.Read.All|Application': 'Not granted', 'User.Read|Delegated': 'Not added' },
    });
    expect(absorbResult(first.baseline, stillRevoked, NOW).drift).toBeUndefined();
  });

  it('Unknown proves nothing: the permission stays in the baseline until a real answer', () => {
    const start = baselineFrom();
    const unknown = absorbResult(
      start,
      report({ checkedAt: t(1), statuses: { 'User.Read.All|Delegated': 'Unknown' } }),
      NOW,
    );
    expect(unknown.drift).toBeUndefined();
    expect(unknown.baseline.granted).toContain('User.Read.All|Delegated');
    const lost = absorbResult(
      unknown.baseline,
      report({ checkedAt: t(2), statuses: { 'User.Read.All|Delegated': 'Not granted' } }),
      NOW,
    );
    expect(lost.drift?.changes.map((c) => c.permission)).toEqual(['User.Read.All']);
  });

  it('a permission granted again and lost again is a new change', () => {
    const lost = absorbResult(
      baselineFrom(),
      report({ checkedAt: t(1), statuses: { 'User.Read|Delegated': 'Not granted' } }),
      NOW,
    );
    const back = absorbResult(lost.baseline, report({ checkedAt: t(2) }), NOW);
    expect(back.drift).toBeUndefined();
    expect(
      absorbResult(back.baseline, report({ checkedAt: t(3), statuses: { 'User.Read|Delegated': 'Not granted' } }), NOW)
        .drift?.changes,
    ).toHaveLength(1);
  });

  it('a secret that stops working is drift once; retryable failures change nothing', () => {
    const start = baselineFrom();
    expect(absorbResult(start, failure('throttled', t(1), true), NOW).drift).toBeUndefined();
    const broken = absorbResult(start, failure('invalid-secret', t(2)), NOW);
    expect(broken.drift).toEqual({ changes: [], secretStoppedWorking: true, secretProblem: 'Failure invalid-secret' });
    expect(broken.baseline.granted).toEqual(start.granted);
    expect(absorbResult(broken.baseline, failure('invalid-secret', t(3)), NOW).drift).toBeUndefined();
    const fixed = absorbResult(broken.baseline, report({ checkedAt: t(4) }), NOW);
    expect(fixed.drift).toBeUndefined();
    expect(fixed.baseline.secretWorking).toBe(true);
  });

  it('a secret failing at its known expiry date is left to the "expired" reminder', () => {
    const start = absorbResult(undefined, report({ checkedAt: t(0), end: '2025-04-30T00:00:00.000Z' }), NOW).baseline;
    expect(absorbResult(start, failure('secret-expired', t(1)), NOW).drift).toBeUndefined();
    const early = absorbResult(undefined, report({ checkedAt: t(0), end: '2025-09-30T00:00:00.000Z' }), NOW).baseline;
    expect(absorbResult(early, failure('secret-expired', t(1)), NOW).drift?.secretStoppedWorking).toBe(true);
  });

  it('keeps the last known secret when credentials cannot be read, unless another secret is in use', () => {
    const start = baselineFrom();
    const unreadable = absorbResult(start, report({ checkedAt: t(1), identified: false }), NOW);
    expect(unreadable.baseline.secret?.seriesId).toBe('key:k-1');
    const otherHint = absorbResult(start, report({ checkedAt: t(1), identified: false, hint: 'xyz' }), NOW);
    expect(otherHint.baseline.secret).toBeUndefined();
  });
});
