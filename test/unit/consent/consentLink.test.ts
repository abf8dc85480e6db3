import { resolveCloud } from '../../../src/consent/cloud';
import { buildAdminConsentUrl, parseAdminConsentCallback, portalLinks } from '../../../src/consent/consentLink';

const TENANT = '2f4a9c1e-6b3d-4e8f-a5c7-1d9e0b2f6a4c';
const CLIENT = '3f1c2b9e-8d4a-4f6e-9b1d-2c7a5e0f8a31';

describe('buildAdminConsentUrl (v1)', () => {
  test('public cloud, no redirect', () => {
    expect(buildAdminConsentUrl({ cloud: resolveCloud('public'), tenantId: TENANT, clientId: CLIENT })).toBe(
      `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${CLIENT}`,
    );
  });

  test('redirect_uri and state are encoded', () => {
    const url = new URL(
      buildAdminConsentUrl({
        cloud: resolveCloud('public'),
        tenantId: TENANT,
        clientId: CLIENT,
        redirectUri: 'https://bot.example.com/api/consent/callback?x=1&y=2',
        state: 'a b+c/=',
      }),
    );
    expect(url.pathname).toBe(`/${TENANT}/adminconsent`);
    expect(url.searchParams.get('redirect_uri')).toBe('https://bot.example.com/api/consent/callback?x=1&y=2');
    expect(url.searchParams.get('state')).toBe('a b+c/=');
    expect(url.search).not.toContain('&y=2');
  });

  test.each([
    ['usgov', 'https://login.microsoftonline.us'],
    ['china', 'https://login.chinacloudapi.cn'],
  ] as const)('%s cloud uses its own authority', (name, authority) => {
    expect(buildAdminConsentUrl({ cloud: resolveCloud(name), tenantId: TENANT, clientId: CLIENT })).toMatch(
      new RegExp(`^${authority.replace(/\./g, '\\.')}/`),
    );
  });

  test('a custom authority (sandbox) with a port', () => {
    const cloud = resolveCloud('public', {
      authorityHost: 'https://localhost:4443/',
      graphEndpoint: 'https://localhost:4444',
    });
    expect(buildAdminConsentUrl({ cloud, tenantId: 'contoso.onmicrosoft.com', clientId: CLIENT })).toBe(
      `https://localhost:4443/contoso.onmicrosoft.com/adminconsent?client_id=${CLIENT}`,
    );
  });
});

describe('portalLinks', () => {
  test('API permissions, credentials and overview blades per cloud', () => {
    expect(portalLinks(resolveCloud('public'), CLIENT)).toEqual({
      apiPermissions: `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/CallAnAPI/appId/${CLIENT}`,
      credentials: `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${CLIENT}`,
      overview: `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${CLIENT}`,
    });
    expect(portalLinks(resolveCloud('usgov'), CLIENT).apiPermissions.startsWith('https://portal.azure.us/#view/')).toBe(
      true,
    );
    expect(portalLinks(resolveCloud('china'), CLIENT).credentials.startsWith('https://portal.azure.cn/#view/')).toBe(
      true,
    );
  });
});

describe('parseAdminConsentCallback', () => {
  test('success', () => {
    expect(parseAdminConsentCallback(new URLSearchParams(`admin_consent=True&tenant=${TENANT}&state=abc`))).toEqual({
      granted: true,
      tenant: TENANT,
      state: 'abc',
    });
  });
  test('refusal with an AADSTS code', () => {
    expect(
      parseAdminConsentCallback({
        error: 'access_denied',
        error_description: 'AADSTS65004: User declined to consent.',
        state: 'abc',
      }),
    ).toEqual({
      granted: false,
      error: 'access_denied',
      description: 'AADSTS65004: User declined to consent.',
      aadsts: '65004',
      state: 'abc',
    });
  });
  test('neither', () => {
    expect(parseAdminConsentCallback({ tenant: TENANT })).toMatchObject({ granted: false, error: 'invalid_callback' });
  });
  test('a repeated parameter counts its first value, as in URLSearchParams (restify parses it to an array)', () => {
    const repeated = { admin_consent: ['True', 'False'], tenant: [TENANT], state: ['first', 'second'] };
    expect(parseAdminConsentCallback(repeated)).toEqual({ granted: true, tenant: TENANT, state: 'first' });
    expect(parseAdminConsentCallback(repeated)).toEqual(
      parseAdminConsentCallback(
        new URLSearchParams(`admin_consent=True&admin_consent=False&tenant=${TENANT}&state=first&state=second`),
      ),
    );
  });
  test('anything but text is absent', () => {
    expect(parseAdminConsentCallback({ admin_consent: 'True', state: { nested: 'x' }, tenant: 42 })).toEqual({
      granted: true,
      tenant: undefined,
      state: undefined,
    });
  });
});
