import { deriveStatuses } from '../../../src/consent/deriveStatuses';
import { facts, GRAPH_SP_ID, OTHER_SP_ID, perm, PROFILE } from './helpers/consentFactsBuilder';

/**
 * What each status rests on: a grant is credited to Microsoft Graph only when Graph's own
 * service principal id is known, and the token's roles claim is evidence on its own.
 */

function find(result: ReturnType<typeof deriveStatuses>, name: string, kind: 'Delegated' | 'Application') {
  const found = result.permissions.find((p) => p.permission.name === name && p.permission.kind === kind);
  if (!found) throw new Error(`missing ${name} ${kind}`);
  return found;
}

describe("deriveStatuses without Graph's service principal id", () => {
  const other = (scope: string) => ({
    ok: true as const,
    value: [{ consentType: 'AllPrincipals', resourceId: OTHER_SP_ID, scope }],
  });

  test('a delegated grant on another API is never credited to Graph: Unknown, with the reason', () => {
    const base = facts({ configured: PROFILE.permissions, resourceSp: 'unreadable' });
    const result = deriveStatuses(PROFILE, { ...base, oauth2PermissionGrants: other('Directory.AccessAsUser.All') });
    const row = find(result, 'Directory.AccessAsUser.All', 'Delegated');
    expect(row.status).toBe('Unknown');
    expect(row.reason).toMatch(/Microsoft Graph's service principal/);
    expect(row.reason).toMatch(/another API/);
  });

  test('a scope no grant of any API carries is still known to be missing', () => {
    const base = facts({ configured: PROFILE.permissions, resourceSp: 'unreadable' });
    const result = deriveStatuses(PROFILE, { ...base, oauth2PermissionGrants: other('Directory.AccessAsUser.All') });
    expect(find(result, 'User.Read.All', 'Delegated').status).toBe('Not granted');
  });

  test("the report says Graph's service principal could not be read", () => {
    const result = deriveStatuses(PROFILE, facts({ configured: PROFILE.permissions, resourceSp: 'unreadable' }));
    expect(result.notes.join(' ')).toMatch(/Microsoft Graph refused \(403\)/);
  });

  test("an app role assignment on another API is not credited: the token's roles decide", () => {
    const p = perm('User.Read.All', 'Application');
    const base = facts({ configured: [p], resourceSp: 'unreadable', tokenRoles: [] });
    const result = deriveStatuses(PROFILE, {
      ...base,
      appRoleAssignments: { ok: true, value: [{ appRoleId: p.id, resourceId: OTHER_SP_ID }] },
    });
    const row = find(result, p.name, p.kind);
    expect(row.status).toBe('Not granted');
    expect(row.source).toBe('token-roles');
  });

  test('the token still proves a granted application permission', () => {
    const p = perm('User.Read.All', 'Application');
    const result = deriveStatuses(
      PROFILE,
      facts({ configured: [p], grantedRoleIds: [p.id], resourceSp: 'unreadable', tokenRoles: [p.name] }),
    );
    expect(find(result, p.name, p.kind)).toMatchObject({ status: 'Granted', source: 'token-roles' });
  });

  test("another API's delegated grants are not listed as Graph extras", () => {
    const base = facts({ resourceSp: 'unreadable' });
    const result = deriveStatuses(PROFILE, { ...base, oauth2PermissionGrants: other('Files.ReadWrite.All') });
    expect(result.extraPermissions).toEqual([]);
  });

  test("with Graph's id known, a grant on Graph still counts (control)", () => {
    const base = facts({ configured: PROFILE.permissions });
    const result = deriveStatuses(PROFILE, {
      ...base,
      oauth2PermissionGrants: {
        ok: true,
        value: [{ consentType: 'AllPrincipals', resourceId: GRAPH_SP_ID, scope: 'Directory.AccessAsUser.All' }],
      },
    });
    expect(find(result, 'Directory.AccessAsUser.All', 'Delegated').status).toBe('Granted');
  });
});

describe("deriveStatuses: what the token's roles claim proves", () => {
  const p = perm('User.Read.All', 'Application');

  test('Graph unreadable and the role missing from the token: Not granted, and says the rest is unknown', () => {
    const result = deriveStatuses(
      PROFILE,
      facts({ configured: 'unreadable', grantedRoleIds: 'unreadable', grantedDelegated: 'unreadable', tokenRoles: [] }),
    );
    const row = find(result, p.name, p.kind);
    expect(row.status).toBe('Not granted');
    expect(row.source).toBe('token-roles');
    expect(row.reason).toMatch(/whether it is added could not be read/);
  });

  test('delegated permissions stay Unknown: the app-only token says nothing about them', () => {
    const result = deriveStatuses(
      PROFILE,
      facts({ configured: 'unreadable', grantedRoleIds: 'unreadable', grantedDelegated: 'unreadable', tokenRoles: [] }),
    );
    expect(find(result, 'User.Read.All', 'Delegated').status).toBe('Unknown');
  });
});
