import { deriveStatuses } from '../../../src/consent/deriveStatuses';
import type { PermissionStatus, StatusSource } from '../../../src/consent/report';
import { facts, GRAPH_SP_ID, OTHER_SP_ID, perm, PROFILE, type FactsSpec } from './helpers/consentFactsBuilder';

type Configured = 'yes' | 'no' | 'unreadable';

function statusOf(spec: FactsSpec, name: string, kind: 'Delegated' | 'Application') {
  const result = deriveStatuses(PROFILE, facts(spec));
  const found = result.permissions.find((p) => p.permission.name === name && p.permission.kind === kind);
  if (!found) throw new Error('missing result');
  return found;
}

describe('deriveStatuses: delegated permission, every combination', () => {
  const p = perm('User.Read.All', 'Delegated');
  const cases: [Configured, 'granted' | 'not' | 'unreadable', PermissionStatus, StatusSource][] = [
    ['yes', 'granted', 'Granted', 'graph'],
    ['yes', 'not', 'Not granted', 'graph'],
    ['no', 'granted', 'Granted', 'graph'],
    ['no', 'not', 'Not added', 'graph'],
    ['unreadable', 'granted', 'Granted', 'graph'],
    ['unreadable', 'not', 'Unknown', 'graph'],
    ['yes', 'unreadable', 'Unknown', 'none'],
    ['no', 'unreadable', 'Unknown', 'none'],
    ['unreadable', 'unreadable', 'Unknown', 'none'],
  ];
  test.each(cases)('configured=%s grant=%s -> %s from %s', (configured, grant, status, source) => {
    const result = statusOf(
      {
        configured: configured === 'unreadable' ? 'unreadable' : configured === 'yes' ? [p] : [],
        grantedDelegated:
          grant === 'unreadable' ? 'unreadable' : grant === 'granted' ? ['User.Read.All'] : ['User.Read'],
      },
      p.name,
      p.kind,
    );
    expect(result.status).toBe(status);
    expect(result.source).toBe(source);
    if (status === 'Unknown') expect(result.reason).toMatch(/\S/);
  });
});

describe('deriveStatuses: application permission, every combination', () => {
  const p = perm('Directory.Read.All', 'Application');
  const cases: [Configured, 'granted' | 'not' | 'token-yes' | 'token-no', PermissionStatus, StatusSource][] = [
    ['yes', 'granted', 'Granted', 'graph'],
    ['yes', 'not', 'Not granted', 'graph'],
    ['no', 'granted', 'Granted', 'graph'],
    ['no', 'not', 'Not added', 'graph'],
    ['unreadable', 'granted', 'Granted', 'graph'],
    ['unreadable', 'not', 'Unknown', 'graph'],
    ['yes', 'token-yes', 'Granted', 'token-roles'],
    ['yes', 'token-no', 'Not granted', 'token-roles'],
    ['no', 'token-yes', 'Granted', 'token-roles'],
    ['no', 'token-no', 'Not added', 'token-roles'],
    ['unreadable', 'token-yes', 'Granted', 'token-roles'],
    // The token is Graph's: a role absent from its claim is not granted (issue 9, item 7).
    ['unreadable', 'token-no', 'Not granted', 'token-roles'],
  ];
  test.each(cases)('configured=%s grant=%s -> %s from %s', (configured, grant, status, source) => {
    const viaToken = grant === 'token-yes' || grant === 'token-no';
    const result = statusOf(
      {
        configured: configured === 'unreadable' ? 'unreadable' : configured === 'yes' ? [p] : [],
        grantedRoleIds: viaToken ? 'unreadable' : grant === 'granted' ? [p.id] : [],
        tokenRoles: grant === 'token-yes' || grant === 'granted' ? ['Directory.Read.All'] : [],
      },
      p.name,
      p.kind,
    );
    expect(result.status).toBe(status);
    expect(result.source).toBe(source);
    if (source === 'token-roles') expect(result.reason).toMatch(/roles claim/);
  });
});

describe('deriveStatuses: filtering and fallbacks', () => {
  test('grants to another resource and per-user grants do not count', () => {
    const base = facts({ configured: PROFILE.permissions });
    const result = deriveStatuses(PROFILE, {
      ...base,
      oauth2PermissionGrants: {
        ok: true,
        value: [
          { consentType: 'AllPrincipals', resourceId: OTHER_SP_ID, scope: 'User.Read' },
          { consentType: 'Principal', resourceId: GRAPH_SP_ID, scope: 'User.Read.All' },
        ],
      },
      appRoleAssignments: {
        ok: true,
        value: [{ appRoleId: perm('User.Read.All', 'Application').id, resourceId: OTHER_SP_ID }],
      },
    });
    expect(result.permissions.every((p) => p.status === 'Not granted')).toBe(true);
  });

  test('scope names match case-insensitively and tolerate extra spaces', () => {
    const result = statusOf(
      { configured: PROFILE.permissions, grantedDelegated: ['  user.read   USER.READBASIC.ALL '] },
      'User.ReadBasic.All',
      'Delegated',
    );
    expect(result.status).toBe('Granted');
  });

  test("without Graph's service principal id, role assignments are not attributed: the token's roles decide", () => {
    const p = perm('User.Read.All', 'Application');
    const result = statusOf({ configured: [p], grantedRoleIds: [p.id], resourceSp: 'unreadable' }, p.name, p.kind);
    expect(result.status).toBe('Not granted');
    expect(result.source).toBe('token-roles');
  });

  test('nothing readable before consent: delegated Unknown, application from the (empty) roles claim, and notes say so', () => {
    const result = deriveStatuses(
      PROFILE,
      facts({
        configured: 'unreadable',
        grantedDelegated: 'unreadable',
        grantedRoleIds: 'unreadable',
        resourceSp: 'unreadable',
      }),
    );
    const byKind = (kind: string) => result.permissions.filter((p) => p.permission.kind === kind);
    expect(byKind('Delegated').map((p) => p.status)).toEqual(Array(5).fill('Unknown'));
    // The empty roles claim proves the application permissions are not granted.
    expect(byKind('Application').map((p) => p.status)).toEqual(['Not granted', 'Not granted']);
    expect(result.permissions.filter((p) => p.source === 'token-roles')).toHaveLength(2);
    expect(result.notes.join(' ')).toMatch(/roles claim/);
    expect(result.notes.join(' ')).toMatch(/403/);
  });

  test('a role in the token that Graph does not list signals replication lag', () => {
    const p = perm('User.Read.All', 'Application');
    const lagging = deriveStatuses(
      PROFILE,
      facts({ configured: [p], grantedRoleIds: [], tokenRoles: ['User.Read.All'] }),
    );
    expect(lagging.replicationLag).toBe(true);
    const settled = deriveStatuses(PROFILE, facts({ configured: [p], grantedRoleIds: [p.id], tokenRoles: [] }));
    expect(settled.replicationLag).toBe(false);
  });
});

describe('deriveStatuses: extra permissions', () => {
  const MAIL_READ = '810c84a8-4a9e-49e6-bf7d-12d183f40d01';

  test('delegated and application extras are listed; OpenID scopes are not', () => {
    const result = deriveStatuses(
      PROFILE,
      facts({
        configured: PROFILE.permissions,
        grantedDelegated: ['User.Read', 'openid', 'profile', 'offline_access', 'Files.Read.All'],
        grantedRoleIds: [perm('Directory.Read.All', 'Application').id, MAIL_READ],
        appRoles: [{ id: MAIL_READ, value: 'Mail.Read' }],
      }),
    );
    expect(result.extraPermissions).toEqual([
      { name: 'Files.Read.All', kind: 'Delegated' },
      { name: 'Mail.Read', kind: 'Application', id: MAIL_READ },
    ]);
  });

  test('an extra app role Graph cannot name is still listed by id', () => {
    const result = deriveStatuses(PROFILE, facts({ grantedRoleIds: [MAIL_READ] }));
    expect(result.extraPermissions).toEqual([
      { name: `Unknown application permission ${MAIL_READ}`, kind: 'Application', id: MAIL_READ },
    ]);
  });

  test('when role assignments are unreadable, extras come from the token roles', () => {
    const result = deriveStatuses(
      PROFILE,
      facts({ grantedRoleIds: 'unreadable', tokenRoles: ['User.Read.All', 'Mail.Read'] }),
    );
    expect(result.extraPermissions).toEqual([{ name: 'Mail.Read', kind: 'Application' }]);
  });

  test('no extras are invented when grants are unreadable', () => {
    const result = deriveStatuses(PROFILE, facts({ grantedDelegated: 'unreadable' }));
    expect(result.extraPermissions).toEqual([]);
  });

  test('every required permission granted yields no extras', () => {
    const result = deriveStatuses(
      PROFILE,
      facts({
        configured: PROFILE.permissions,
        grantedDelegated: PROFILE.permissions.filter((p) => p.kind === 'Delegated').map((p) => p.name),
        grantedRoleIds: PROFILE.permissions.filter((p) => p.kind === 'Application').map((p) => p.id),
      }),
    );
    expect(result.permissions.every((p) => p.status === 'Granted')).toBe(true);
    expect(result.extraPermissions).toEqual([]);
  });
});
