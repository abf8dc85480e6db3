import { loadProfile } from '../../../src/consent';
import { mergedRequiredResourceAccess, mergedScope } from '../../../src/repair/graphRepairSession';

const PROFILE = loadProfile('office365-connector');
const GRAPH = PROFILE.resourceAppId;
const perm = (name: string, kind: 'Delegated' | 'Application') => {
  const p = PROFILE.permissions.find((x) => x.name === name && x.kind === kind);
  if (!p) throw new Error(`${name} ${kind} not in the profile`);
  return p;
};

describe('what a repair writes back', () => {
  it('adds missing entries to the resource, keeps everything else (other APIs, existing entries) as it was', () => {
    const other = {
      resourceAppId: '00000002-0000-0ff1-ce00-000000000000',
      resourceAccess: [{ id: 'x', type: 'Role' }],
    };
    const userRead = perm('User.Read', 'Delegated');
    const current = [
      other,
      { resourceAppId: GRAPH.toUpperCase(), resourceAccess: [{ id: userRead.id.toUpperCase(), type: 'Scope' }] },
    ];
    const merged = mergedRequiredResourceAccess(current, GRAPH, [
      userRead,
      perm('Directory.Read.All', 'Application'),
      perm('Directory.Read.All', 'Delegated'),
    ]);
    expect(merged[0]).toBe(other);
    expect(merged[1]?.resourceAccess).toEqual([
      { id: userRead.id.toUpperCase(), type: 'Scope' },
      { id: perm('Directory.Read.All', 'Application').id, type: 'Role' },
      { id: perm('Directory.Read.All', 'Delegated').id, type: 'Scope' },
    ]);
    expect(merged).toHaveLength(2);
  });

  it('adds the resource when the registration lists nothing for it', () => {
    const merged = mergedRequiredResourceAccess([], GRAPH, [perm('User.Read.All', 'Application')]);
    expect(merged).toEqual([
      { resourceAppId: GRAPH, resourceAccess: [{ id: perm('User.Read.All', 'Application').id, type: 'Role' }] },
    ]);
  });

  it("merges scope names into the grant's, without duplicates in any case, keeping the others", () => {
    expect(
      mergedScope('openid  user.read Mail.Read', [perm('User.Read', 'Delegated'), perm('User.Read.All', 'Delegated')]),
    ).toBe('openid user.read Mail.Read User.Read.All');
    expect(mergedScope('', [perm('User.Read', 'Delegated')])).toBe('User.Read');
  });
});
