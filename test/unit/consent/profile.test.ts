import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadProfile, OFFICE365_CONNECTOR_PROFILE, parseProfile, ProfileError } from '../../../src/consent/profile';

describe('the Office 365 connector profile', () => {
  test('has the seven Graph permissions the Office 365 connector needs', () => {
    expect(OFFICE365_CONNECTOR_PROFILE.resourceAppId).toBe('00000003-0000-0000-c000-000000000000');
    expect(OFFICE365_CONNECTOR_PROFILE.permissions.map((p) => `${p.kind}:${p.name}:${p.id}`)).toEqual([
      'Delegated:User.Read:e1fe6dd8-ba31-4d61-89e7-88639da4683d',
      'Delegated:User.Read.All:a154be20-db9c-4678-8ab7-66f6cc099a59',
      'Delegated:User.ReadBasic.All:b340eb25-3456-403f-be2f-af7a0d370277',
      'Delegated:Directory.AccessAsUser.All:0e263e50-5827-48a4-b97c-d940288653c7',
      'Delegated:Directory.Read.All:06da0dbc-49e2-44d2-8312-53f166ab848a',
      'Application:User.Read.All:df021288-bdef-4463-88db-98f22de89214',
      'Application:Directory.Read.All:7ab1d382-f21e-4acd-a863-ba3e13f7da61',
    ]);
  });

  test('loadProfile() with no id is the same profile', () => {
    expect(loadProfile()).toBe(OFFICE365_CONNECTOR_PROFILE);
    expect(loadProfile('office365-connector')).toEqual(OFFICE365_CONNECTOR_PROFILE);
  });
});

describe('loadProfile from a directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
  const valid = {
    id: 'mail-connector',
    displayName: 'Mail connector',
    resourceAppId: '00000003-0000-0000-C000-000000000000',
    resourceDisplayName: 'Microsoft Graph',
    permissions: [
      {
        name: 'Mail.Read',
        kind: 'Application',
        id: '810C84A8-4A9E-49E6-BF7D-12D183F40D01',
        adminConsentRequired: true,
      },
    ],
  };
  writeFileSync(join(dir, 'mail-connector.json'), JSON.stringify(valid));
  writeFileSync(join(dir, 'broken.json'), '{ not json');
  writeFileSync(join(dir, 'renamed.json'), JSON.stringify(valid));

  test('a new connector is a new file; ids are lower-cased', () => {
    const profile = loadProfile('mail-connector', dir);
    expect(profile.permissions[0]?.id).toBe('810c84a8-4a9e-49e6-bf7d-12d183f40d01');
    expect(profile.resourceAppId).toBe('00000003-0000-0000-c000-000000000000');
  });

  test.each([
    ['../etc/passwd', /not a profile id/],
    ['Upper', /not a profile id/],
    ['missing', /No permission profile named "missing"/],
    ['broken', /not valid JSON/],
    ['renamed', /declares id "mail-connector"/],
  ])('%s is refused', (id, message) => {
    expect(() => loadProfile(id, dir)).toThrow(message);
  });
});

describe('parseProfile', () => {
  test('lists every problem at once', () => {
    let caught: unknown;
    try {
      parseProfile({
        id: 'x',
        displayName: '',
        resourceAppId: 'nope',
        resourceDisplayName: 'G',
        permissions: [{ name: 'A', kind: 'Both', id: 'x', adminConsentRequired: 'yes' }],
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProfileError);
    const message = (caught as Error).message;
    for (const part of [
      'displayName',
      'resourceAppId',
      'permissions[0].kind',
      'permissions[0].id',
      'permissions[0].adminConsentRequired',
    ]) {
      expect(message).toContain(part);
    }
  });

  test('refuses duplicates, empty lists and non-objects', () => {
    const p = {
      name: 'User.Read',
      kind: 'Delegated',
      id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
      adminConsentRequired: false,
    };
    const base = {
      id: 'x',
      displayName: 'X',
      resourceAppId: '00000003-0000-0000-c000-000000000000',
      resourceDisplayName: 'G',
    };
    expect(() => parseProfile({ ...base, permissions: [p, p] })).toThrow(/listed twice/);
    expect(() => parseProfile({ ...base, permissions: [] })).toThrow(/non-empty list/);
    expect(() => parseProfile(null)).toThrow(ProfileError);
    expect(() => parseProfile([])).toThrow(ProfileError);
  });
});
