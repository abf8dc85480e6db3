import profile from '../../../profiles/office365-connector.json';
import type {
  CheckFailure,
  ConsentReport,
  ExtraPermission,
  FailureCode,
  PermissionResult,
  PermissionStatus,
  RequiredPermission,
} from '../../../src/consent/report';
import { Verbs } from '../../../src/cards/verbs';
import { cardBytes, collectActions, MAX_CARD_BYTES, validateCard } from '../../helpers/validateCard';

/** A secret value that must never appear in any card; its hint is the first three chars. */
export const SECRET_VALUE = 'Xq7' + '8Q~s3cr3tV4lu3-never-shown_0123456789abc';
export const SECRET_HINT = SECRET_VALUE.slice(0, 3);
export const TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const CLIENT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const CHECKED_AT = '2025-03-10T09:30:00.000Z';
export const STATUSES: readonly PermissionStatus[] = ['Granted', 'Not granted', 'Not added', 'Unknown'];
export const HOSTILE_NAMES = [
  '[click](https://evil.example/phish)',
  '<at>everyone</at>',
  '**bold** _it_ ~~gone~~ `code`',
  '# Heading\n- list item\n1. numbered',
  '{{DATE(2017-02-14T06:08:39Z, SHORT)}} ${x}',
  '\u202eRTL override gnp.exe',
];
export const LONG_NAME = 'Contoso Office 365 Connector for the Northwind Traders Europe Production Tenant '.repeat(4);

export const PERMISSIONS = profile.permissions as readonly RequiredPermission[];

/** One result per required permission; `statuses[i]` or the last given status repeats. */
export function results(statuses: readonly PermissionStatus[]): PermissionResult[] {
  return PERMISSIONS.map((permission, i) => {
    const status = statuses[Math.min(i, statuses.length - 1)];
    return {
      permission,
      status,
      source: status === 'Unknown' ? 'none' : 'graph',
      ...(status === 'Unknown'
        ? { reason: 'No directory-read permission has been granted yet, so Graph refused to list grants.' }
        : {}),
    };
  });
}

export function extras(count: number): ExtraPermission[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `Extra.Permission${i}.ReadWrite.All`,
    kind: i % 2 ? 'Application' : 'Delegated',
  }));
}

export function makeReport(overrides: Partial<ConsentReport> = {}): ConsentReport {
  const permissions = overrides.permissions ?? results(['Granted']);
  const ready = permissions.every((p) => p.status === 'Granted');
  return {
    kind: 'report',
    checkedAt: CHECKED_AT,
    cloud: 'public',
    tenantInput: 'contoso.onmicrosoft.com',
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    profileId: 'office365-connector',
    app: { displayName: 'Contoso connector', servicePrincipal: 'present', redirectUris: [] },
    permissions,
    extraPermissions: [],
    secret: {
      valid: true,
      identified: true,
      keyId: '99999999-8888-7777-6666-555555555555',
      displayName: 'connector secret 2025',
      hint: SECRET_HINT,
      startDateTime: '2025-01-01T00:00:00Z',
      endDateTime: '2025-03-13T12:00:00Z',
      daysLeft: 3,
      lifetimeDays: 71,
      warnings: [{ code: 'expires-soon', text: 'The client secret expires in 3 days.' }],
    },
    verdict: ready ? 'Ready' : 'Action needed',
    nextSteps: ready
      ? []
      : [
          {
            code: 'grant-admin-consent',
            text: 'Grant admin consent for the configured permissions.',
            link: 'https://login.microsoftonline.com/x/adminconsent?client_id=y',
          },
          { code: 'retest', text: 'Press Retest.' },
        ],
    links: {
      adminConsent: `https://login.microsoftonline.com/${TENANT_ID}/adminconsent?client_id=${CLIENT_ID}`,
      portalApiPermissions: `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/CallAnAPI/appId/${CLIENT_ID}`,
      portalCredentials: `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${CLIENT_ID}`,
      portalOverview: `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${CLIENT_ID}`,
    },
    notes: [],
    ...overrides,
  };
}

export const FAILURE_CODES: readonly FailureCode[] = [
  'invalid-input',
  'invalid-secret',
  'secret-id-given',
  'secret-expired',
  'app-not-found',
  'tenant-not-found',
  'tenant-invalid',
  'app-disabled',
  'conditional-access',
  'consent-required',
  'reply-address',
  'wrong-cloud',
  'resource-not-found',
  'throttled',
  'timeout',
  'network',
  'tls',
  'service-error',
  'malformed-response',
  'unexpected',
];

export function makeFailure(code: FailureCode, overrides: Partial<CheckFailure> = {}): CheckFailure {
  return {
    kind: 'failure',
    code,
    checkedAt: CHECKED_AT,
    aadsts: code === 'invalid-secret' ? '7000215' : undefined,
    title: `Failure ${code}`,
    explanation: `Explanation for ${code}.`,
    fix: `Fix for ${code}.`,
    correlationId: 'c0ffee00-1111-2222-3333-444444444444',
    traceId: 'tr4ce000-1111-2222-3333-444444444444',
    retryable: ['throttled', 'timeout', 'network', 'service-error'].includes(code),
    tenantInput: TENANT_ID,
    clientId: CLIENT_ID,
    links: makeReport().links,
    ...overrides,
  };
}

/** No SDK warnings, Teams rules met, under the size budget, no secret anywhere, known verbs only. */
export function expectCleanCard(card: unknown): void {
  expect(validateCard(card)).toEqual([]);
  expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
  const json = JSON.stringify(card);
  expect(json).not.toContain(SECRET_VALUE);
  expect(json).not.toContain(SECRET_VALUE.slice(0, 4));
  for (const action of collectActions(card)) {
    if (action.type === 'Action.Execute') expect(Object.values(Verbs)).toContain(action.verb);
  }
}
