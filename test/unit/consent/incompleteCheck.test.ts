import { verdictOf } from '../../../src/consent/buildReport';
import { incompleteCheck, isUnfinishedRead } from '../../../src/consent/incompleteCheck';
import type { IncompleteCheck } from '../../../src/consent/report';
import { facts, PROFILE } from './helpers/consentFactsBuilder';
import { deriveStatuses } from '../../../src/consent/deriveStatuses';

const AT = new Date('2025-03-10T09:30:00.000Z');
const unavailable = { ok: false as const, status: 503, reason: 'Microsoft Graph failed (HTTP 503).' };

describe('incompleteCheck', () => {
  test('403 and 404 are answers about the app, not an unfinished check', () => {
    expect(isUnfinishedRead({ ok: false, status: 403, reason: 'x' })).toBe(false);
    expect(isUnfinishedRead({ ok: false, status: 404, reason: 'x' })).toBe(false);
    expect(isUnfinishedRead({ ok: false, status: 429, reason: 'x' })).toBe(true);
    expect(isUnfinishedRead({ ok: false, status: 0, reason: 'cut short' })).toBe(true);
    expect(incompleteCheck(facts({ configured: 'unreadable', grantedDelegated: 'unreadable' }), AT)).toBeUndefined();
  });

  test('a failed read with no Retry-After: the reason and a retry hint, no time', () => {
    const result = incompleteCheck({ ...facts(), application: unavailable }, AT);
    expect(result).toEqual({ reasons: [unavailable.reason], retry: expect.stringMatching(/temporary error/) });
  });

  test('the longest Retry-After becomes the time to retry', () => {
    const result = incompleteCheck(
      {
        ...facts(),
        application: { ...unavailable, status: 429, retryAfterSeconds: 30 },
        oauth2PermissionGrants: { ...unavailable, status: 429, reason: 'other', retryAfterSeconds: 300 },
      },
      AT,
    );
    expect(result).toMatchObject({ retryAfterSeconds: 300, retryAt: '2025-03-10T09:35:00.000Z' });
    expect(result?.retry).toBe('Microsoft Graph asked to wait 5 minutes: retest after 2025-03-10 09:35 UTC.');
    expect(result?.reasons).toHaveLength(2);
  });
});

describe('verdictOf', () => {
  const incomplete: IncompleteCheck = { reasons: ['r'], retry: 'later' };
  const granted = deriveStatuses(
    PROFILE,
    facts({
      configured: PROFILE.permissions,
      grantedDelegated: PROFILE.permissions.filter((p) => p.kind === 'Delegated').map((p) => p.name),
      grantedRoleIds: PROFILE.permissions.filter((p) => p.kind === 'Application').map((p) => p.id),
    }),
  ).permissions;
  const unknown = granted.map((p) => ({ ...p, status: 'Unknown' as const }));
  const missing = granted.map((p, i) => (i === 0 ? { ...p, status: 'Not granted' as const } : p));

  test('every permission granted but a read failed: never Ready', () => {
    expect(verdictOf(granted, true, undefined)).toBe('Ready');
    expect(verdictOf(granted, true, incomplete)).toBe('Check incomplete');
  });

  test('Unknown for want of an answer is not Action needed; shown missing still is', () => {
    expect(verdictOf(unknown, true, incomplete)).toBe('Check incomplete');
    expect(verdictOf(unknown, true, undefined)).toBe('Action needed');
    expect(verdictOf(missing, true, incomplete)).toBe('Action needed');
  });
});
