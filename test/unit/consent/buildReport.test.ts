import { buildReport, reportLinks } from '../../../src/consent/buildReport';
import { resolveCloud } from '../../../src/consent/cloud';
import type { ConsentFacts } from '../../../src/consent/consentFacts';
import { facts, forbidden, perm, PROFILE, type FactsSpec } from './helpers/consentFactsBuilder';

const TENANT = '2f4a9c1e-6b3d-4e8f-a5c7-1d9e0b2f6a4c';
const CLIENT = '3f1c2b9e-8d4a-4f6e-9b1d-2c7a5e0f8a31';
const SECRET = 'abc8Q~0123456789abcdefghijklmnopqrstuvwx';
const NOW = new Date('2025-03-01T12:00:00Z');
const ALL_DELEGATED = PROFILE.permissions.filter((p) => p.kind === 'Delegated').map((p) => p.name);
const ALL_ROLE_IDS = PROFILE.permissions.filter((p) => p.kind === 'Application').map((p) => p.id);
const GOOD_SECRET = [
  {
    keyId: 'k',
    displayName: 'prod',
    hint: 'abc',
    startDateTime: '2025-01-01T00:00:00Z',
    endDateTime: '2025-12-01T00:00:00Z',
  },
];

function report(spec: FactsSpec, override?: Partial<ConsentFacts>, extra?: { redirectUri?: string }) {
  return buildReport({
    cloud: resolveCloud('public'),
    profile: PROFILE,
    facts: { ...facts({ passwordCredentials: GOOD_SECRET, ...spec }), ...override },
    tenantInput: 'contoso.onmicrosoft.com',
    tenantId: TENANT,
    clientId: CLIENT,
    clientSecret: SECRET,
    now: NOW,
    links: reportLinks(resolveCloud('public'), TENANT, CLIENT, extra?.redirectUri),
    ...extra,
  });
}

const codes = (r: ReturnType<typeof report>) => r.nextSteps.map((s) => s.code);

describe('buildReport', () => {
  test('all granted and a healthy secret: Ready, no steps', () => {
    const r = report({
      configured: PROFILE.permissions,
      grantedDelegated: ALL_DELEGATED,
      grantedRoleIds: ALL_ROLE_IDS,
    });
    expect(r.verdict).toBe('Ready');
    expect(r.nextSteps).toEqual([]);
    expect(r.secret).toMatchObject({ valid: true, identified: true, daysLeft: 274, displayName: 'prod' });
    expect(r.app).toMatchObject({
      objectId: 'app-object-id',
      servicePrincipal: 'present',
      redirectUris: ['https://example.test/callback'],
    });
    expect(r.links.adminConsent).toBe(`https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${CLIENT}`);
    expect(r).toMatchObject({
      kind: 'report',
      cloud: 'public',
      checkedAt: NOW.toISOString(),
      tenantInput: 'contoso.onmicrosoft.com',
      profileId: 'office365-connector',
    });
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  test('partly granted: Action needed, consent then retest', () => {
    const r = report({
      configured: PROFILE.permissions,
      grantedDelegated: ['User.Read'],
      grantedRoleIds: [perm('Directory.Read.All', 'Application').id],
    });
    expect(r.verdict).toBe('Action needed');
    expect(codes(r)).toEqual(['grant-admin-consent', 'retest']);
    expect(r.nextSteps[0]?.link).toBe(r.links.adminConsent);
    expect(r.nextSteps[0]?.text).toContain('User.Read.All (Delegated)');
  });

  test('not added permissions come first, then a missing redirect URI, then consent', () => {
    const r = report({ configured: [perm('User.Read', 'Delegated')], redirectUris: [] });
    expect(codes(r)).toEqual(['add-permissions', 'add-redirect-uri', 'grant-admin-consent', 'retest']);
    expect(r.nextSteps[0]?.link).toBe(r.links.portalApiPermissions);
    expect(r.nextSteps[1]?.text).toContain('AADSTS500113');
  });

  test('a redirect URI the app does not list is named', () => {
    const r = report({ configured: PROFILE.permissions }, undefined, {
      redirectUri: 'https://bot.example.com/api/consent/callback',
    });
    expect(r.nextSteps.find((s) => s.code === 'add-redirect-uri')?.text).toContain(
      'https://bot.example.com/api/consent/callback',
    );
    expect(r.links.adminConsent).toContain('redirect_uri=https%3A%2F%2Fbot.example.com');
  });

  test('no service principal: the first step says consent creates it', () => {
    const missing = { ok: false as const, status: 404, code: 'Request_ResourceNotFound', reason: 'not found' };
    const r = report(
      { configured: PROFILE.permissions },
      { appRoleAssignments: missing, oauth2PermissionGrants: missing },
    );
    expect(r.app.servicePrincipal).toBe('missing');
    expect(codes(r)[0]).toBe('create-service-principal');
  });

  test('before any consent: everything 403, Unknown, links still present, notes explain', () => {
    const r = report({
      configured: 'unreadable',
      grantedDelegated: 'unreadable',
      grantedRoleIds: 'unreadable',
      resourceSp: 'unreadable',
    });
    expect(r.verdict).toBe('Action needed');
    expect(r.app.servicePrincipal).toBe('unknown');
    expect(r.app.redirectUris).toBeUndefined();
    expect(r.secret).toMatchObject({ valid: true, identified: false });
    expect(codes(r)).toEqual(['grant-admin-consent', 'retest']);
    expect(r.notes.some((n) => /roles claim/.test(n))).toBe(true);
  });

  test('everything granted per the token but Graph unreadable: Ready, and a step to allow the full check', () => {
    const r = report(
      {
        configured: PROFILE.permissions,
        grantedDelegated: ALL_DELEGATED,
        grantedRoleIds: 'unreadable',
        tokenRoles: ['User.Read.All', 'Directory.Read.All'],
      },
      { application: facts({ configured: PROFILE.permissions, passwordCredentials: GOOD_SECRET }).application },
    );
    expect(r.verdict).toBe('Ready');
    expect(codes(r)).toEqual(['grant-directory-read']);
  });

  test('secret hygiene and extras do not change a Ready verdict but are listed in order', () => {
    const r = report({
      configured: PROFILE.permissions,
      grantedDelegated: [...ALL_DELEGATED, 'Files.Read.All'],
      grantedRoleIds: ALL_ROLE_IDS,
      passwordCredentials: [
        { hint: 'abc', startDateTime: '2024-03-20T00:00:00Z', endDateTime: '2025-03-20T00:00:00Z' },
      ],
    });
    expect(r.verdict).toBe('Ready');
    expect(codes(r)).toEqual(['rotate-secret', 'remove-extra-permissions']);
    expect(r.nextSteps[0]?.text).toMatch(/in 18 days/);
    expect(r.nextSteps[0]?.link).toBe(r.links.portalCredentials);
  });

  test('a long-lived secret gets a gentler rotation step', () => {
    const r = report({
      configured: PROFILE.permissions,
      grantedDelegated: ALL_DELEGATED,
      grantedRoleIds: ALL_ROLE_IDS,
      passwordCredentials: [
        { hint: 'abc', startDateTime: '2025-01-01T00:00:00Z', endDateTime: '2027-01-01T00:00:00Z' },
      ],
    });
    expect(codes(r)).toEqual(['rotate-secret']);
    expect(r.nextSteps[0]?.text).toMatch(/12 months or less/);
  });

  test('replication lag adds a wait step before retest', () => {
    const r = report({
      configured: PROFILE.permissions,
      grantedDelegated: ALL_DELEGATED,
      grantedRoleIds: [],
      tokenRoles: ['User.Read.All'],
    });
    expect(codes(r)).toEqual(['grant-admin-consent', 'wait-for-replication', 'retest']);
  });

  test('custom clouds are noted', () => {
    const cloud = resolveCloud('public', {
      authorityHost: 'https://localhost:1',
      graphEndpoint: 'https://localhost:2',
    });
    const r = buildReport({
      cloud,
      profile: PROFILE,
      facts: { ...facts(), application: forbidden() },
      tenantInput: TENANT,
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: SECRET,
      now: NOW,
      links: reportLinks(cloud, TENANT, CLIENT),
    });
    expect(r.cloud).toBe('custom');
    expect(r.notes.join(' ')).toContain('custom endpoint');
  });
});
