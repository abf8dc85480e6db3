import { consentReadRequests, parseConsentReads } from '../../../src/consent/consentReads';
import { MalformedResponseError } from '../../../src/consent/errors';
import { buildBatchBody, parseBatchResponse, type BatchItemResponse } from '../../../src/consent/graphBatch';
import { decodeJwtPayload, readTokenClaims, tokenRoles } from '../../../src/consent/jwtRoles';
import { graphScope } from '../../../src/consent/token';
import { MICROSOFT_AUTHORITY_HOSTS, MICROSOFT_GRAPH_HOSTS, resolveCloud } from '../../../src/consent/cloud';
import { fakeJwt } from './helpers/jwt';

const CLIENT = '3f1c2b9e-8d4a-4f6e-9b1d-2c7a5e0f8a31';
const GRAPH = '00000003-0000-0000-c000-000000000000';

describe('the batch body', () => {
  test('four reads, version-relative URLs, one batch', () => {
    const body = buildBatchBody(consentReadRequests(CLIENT, GRAPH));
    expect(body.requests.map((r) => r.url)).toEqual([
      `/applications(appId='${CLIENT}')?$select=id,appId,displayName,requiredResourceAccess,passwordCredentials,web,signInAudience`,
      `/servicePrincipals(appId='${CLIENT}')/appRoleAssignments`,
      `/servicePrincipals(appId='${CLIENT}')/oauth2PermissionGrants`,
      `/servicePrincipals(appId='${GRAPH}')?$select=id,appRoles`,
    ]);
    expect(body.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(new Set(body.requests.map((r) => r.id)).size).toBe(4);
  });

  test.each(['/v1.0/me', '/beta/me', 'https://graph.microsoft.com/v1.0/me', 'me'])('refuses item URL %s', (url) => {
    expect(() => buildBatchBody([{ id: '1', url }])).toThrow(RangeError);
  });

  test('writes carry their method, JSON body with its Content-Type, and dependsOn', () => {
    const body = buildBatchBody([
      { id: 'app', method: 'PATCH', url: '/applications/1', body: { requiredResourceAccess: [] } },
      { id: 'role', method: 'POST', url: '/servicePrincipals/2/appRoleAssignedTo', body: {}, dependsOn: ['app'] },
      { id: 'read', url: '/me', dependsOn: [] },
    ]);
    expect(body.requests).toEqual([
      {
        id: 'app',
        method: 'PATCH',
        url: '/applications/1',
        body: { requiredResourceAccess: [] },
        headers: { 'Content-Type': 'application/json' },
      },
      {
        id: 'role',
        method: 'POST',
        url: '/servicePrincipals/2/appRoleAssignedTo',
        body: {},
        headers: { 'Content-Type': 'application/json' },
        dependsOn: ['app'],
      },
      { id: 'read', method: 'GET', url: '/me' },
    ]);
  });

  test('refuses empty and over-20 batches', () => {
    expect(() => buildBatchBody([])).toThrow(RangeError);
    expect(() => buildBatchBody(Array.from({ length: 21 }, (_, i) => ({ id: String(i), url: '/me' })))).toThrow(
      RangeError,
    );
  });
});

describe('parseBatchResponse', () => {
  test('keeps expected items, lower-cases header names', () => {
    const items = parseBatchResponse(
      {
        responses: [
          { id: 'a', status: 429, headers: { 'Retry-After': '3' }, body: {} },
          { id: 'zzz', status: 200 },
        ],
      },
      ['a'],
    );
    expect(items).toEqual([{ id: 'a', status: 429, headers: { 'retry-after': '3' }, body: {} }]);
  });

  test.each([
    [null],
    [{}],
    [{ responses: 'no' }],
    [{ responses: [42] }],
    [{ responses: [{ id: 'a' }] }],
    [{ responses: [{ id: 'a', status: 200.5 }] }],
    [{ responses: [] }],
  ])('malformed: %j', (json) => {
    expect(() => parseBatchResponse(json, ['a'])).toThrow(MalformedResponseError);
  });
});

describe('parseConsentReads', () => {
  const item = (id: string, status: number, body: unknown): [string, BatchItemResponse] => [
    id,
    { id, status, headers: {}, body },
  ];

  test('maps each read and keeps 403s as unreadable with plain reasons', () => {
    const facts = parseConsentReads(
      new Map([
        item('application', 200, {
          id: 'obj',
          displayName: 'App',
          requiredResourceAccess: [
            {
              resourceAppId: GRAPH.toUpperCase(),
              resourceAccess: [{ id: 'E1FE6DD8-BA31-4D61-89E7-88639DA4683D', type: 'Scope' }, 'junk'],
            },
          ],
          passwordCredentials: [{ hint: 'abc', endDateTime: '2026-01-01T00:00:00Z', secretText: null }],
          web: { redirectUris: ['https://x.test/cb', 7] },
        }),
        item('appRoleAssignments', 403, {
          error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' },
        }),
        item('oauth2PermissionGrants', 200, {
          value: [{ consentType: 'AllPrincipals', resourceId: 'SP', scope: 'User.Read' }, { bogus: true }],
        }),
        item('resourceServicePrincipal', 200, { id: 'SP', appRoles: [{ id: 'R', value: 'Mail.Read' }, { id: 1 }] }),
      ]),
      ['User.Read.All'],
    );
    expect(facts.application).toEqual({
      ok: true,
      value: {
        id: 'obj',
        appId: undefined,
        displayName: 'App',
        signInAudience: undefined,
        requiredResourceAccess: [
          { resourceAppId: GRAPH, resourceAccess: [{ id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope' }] },
        ],
        passwordCredentials: [
          {
            keyId: undefined,
            displayName: undefined,
            hint: 'abc',
            startDateTime: undefined,
            endDateTime: '2026-01-01T00:00:00Z',
          },
        ],
        redirectUris: ['https://x.test/cb'],
      },
    });
    expect(facts.appRoleAssignments).toMatchObject({
      ok: false,
      status: 403,
      code: 'Authorization_RequestDenied',
      reason: expect.stringMatching(/no directory-read permission/),
    });
    expect(facts.oauth2PermissionGrants).toEqual({
      ok: true,
      value: [{ clientId: undefined, consentType: 'AllPrincipals', resourceId: 'sp', scope: 'User.Read' }],
    });
    expect(facts.resourceServicePrincipal).toEqual({
      ok: true,
      value: { id: 'sp', appRoles: [{ id: 'r', value: 'Mail.Read' }] },
    });
    expect(facts.tokenRoles).toEqual(['User.Read.All']);
  });

  test('missing items, 404s, 429s and bodies of the wrong shape', () => {
    const facts = parseConsentReads(
      new Map([
        item('application', 404, { error: { code: 'Request_ResourceNotFound' } }),
        item('appRoleAssignments', 429, {}),
        item('oauth2PermissionGrants', 200, { value: 'nope' }),
      ]),
      [],
    );
    expect(facts.application).toMatchObject({
      ok: false,
      status: 404,
      reason: expect.stringMatching(/could not find/),
    });
    expect(facts.appRoleAssignments).toMatchObject({
      ok: false,
      status: 429,
      reason: expect.stringMatching(/throttling/),
    });
    expect(facts.oauth2PermissionGrants).toMatchObject({ ok: false, code: 'MalformedResponse' });
    expect(facts.resourceServicePrincipal).toMatchObject({ ok: false, status: 0 });
  });
});

describe('jwtRoles', () => {
  test('reads roles, tenant and app id', () => {
    const token = fakeJwt({ roles: ['User.Read.All', 5], tid: 't', appid: 'a', exp: 100 });
    expect(readTokenClaims(token)).toEqual({ roles: ['User.Read.All'], tenantId: 't', appId: 'a', expiresAt: 100 });
    expect(tokenRoles(token)).toEqual(['User.Read.All']);
  });
  test('no roles claim means no application permission', () => {
    expect(tokenRoles(fakeJwt({ tid: 't' }))).toEqual([]);
  });
  test.each(['', 'a.b', 'a.!!!.c', 'a.bnVsbA.c', `x.${Buffer.from('[1]').toString('base64url')}.y`])(
    'not a JWT: %j',
    (text) => {
      expect(decodeJwtPayload(text)).toBeUndefined();
      expect(tokenRoles(text)).toEqual([]);
    },
  );
});

describe('graphScope', () => {
  test.each([
    ['public', 'https://graph.microsoft.com/.default'],
    ['usgov', 'https://graph.microsoft.us/.default'],
    ['china', 'https://microsoftgraph.chinacloudapi.cn/.default'],
  ] as const)('%s', (name, scope) => {
    expect(graphScope(resolveCloud(name))).toBe(scope);
  });
  test('a test double is asked for public Graph', () => {
    expect(graphScope(resolveCloud('public', { graphEndpoint: 'https://localhost:9' }))).toBe(
      'https://graph.microsoft.com/.default',
    );
  });
});

describe('Microsoft cloud hosts', () => {
  test('one list, derived from the clouds, plus US Government DoD Graph', () => {
    expect([...MICROSOFT_AUTHORITY_HOSTS].sort()).toEqual([
      'login.chinacloudapi.cn',
      'login.microsoftonline.com',
      'login.microsoftonline.us',
    ]);
    expect([...MICROSOFT_GRAPH_HOSTS].sort()).toEqual([
      'dod-graph.microsoft.us',
      'graph.microsoft.com',
      'graph.microsoft.us',
      'microsoftgraph.chinacloudapi.cn',
    ]);
    expect(graphScope(resolveCloud('public', { graphEndpoint: 'https://dod-graph.microsoft.us' }))).toBe(
      'https://dod-graph.microsoft.us/.default',
    );
  });
});
