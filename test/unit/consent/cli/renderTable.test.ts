import { exitCodeOf } from '../../../../src/cli/connectorCheck';
import { USAGE } from '../../../../src/cli/cliArgs';
import { renderResult, safeText } from '../../../../src/cli/renderTable';
import { buildReport, reportLinks } from '../../../../src/consent/buildReport';
import { resolveCloud } from '../../../../src/consent/cloud';
import type { CheckFailure } from '../../../../src/consent/report';
import { facts, PROFILE } from '../helpers/consentFactsBuilder';

const TENANT = '2f4a9c1e-6b3d-4e8f-a5c7-1d9e0b2f6a4c';
const CLIENT = '3f1c2b9e-8d4a-4f6e-9b1d-2c7a5e0f8a31';
const SECRET = 'abc8Q~0123456789abcdefghijklmnopqrstuvwx';

function report(spec: Parameters<typeof facts>[0], displayName = 'Contoso connector') {
  const f = facts(spec);
  const application = f.application.ok
    ? { ok: true as const, value: { ...f.application.value, displayName } }
    : f.application;
  return buildReport({
    cloud: resolveCloud('public'),
    profile: PROFILE,
    facts: { ...f, application },
    tenantInput: 'contoso.com',
    tenantId: TENANT,
    clientId: CLIENT,
    clientSecret: SECRET,
    now: new Date('2025-03-01T00:00:00Z'),
    links: reportLinks(resolveCloud('public'), TENANT, CLIENT),
  });
}

const failure: CheckFailure = {
  kind: 'failure',
  code: 'invalid-secret',
  checkedAt: '2025-03-01T00:00:00Z',
  aadsts: '7000215',
  title: 'The client secret is wrong',
  explanation: 'Entra ID did not accept it.',
  fix: 'Copy the Value.',
  field: 'clientSecret',
  correlationId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
  retryable: false,
  links: { portalCredentials: 'https://portal.azure.com/creds' },
};

test('a report: verdict first, one row per permission with its status word, steps and links', () => {
  const text = renderResult(
    report({
      configured: PROFILE.permissions,
      grantedDelegated: ['User.Read'],
      passwordCredentials: [{ hint: 'abc', displayName: 'prod', endDateTime: '2025-04-01T00:00:00Z' }],
    }),
  );
  expect(text.split('\n')[0]).toBe('Connector check: Action needed');
  expect(text).toMatch(/\[x\] User\.Read\s+Delegated\s+Granted/);
  expect(text).toMatch(/\[ \] User\.Read\.All\s+Application\s+Not granted/);
  expect(text).toContain('"prod" (abc...), expires in 31 days, on 2025-04-01 00:00 UTC');
  expect(text).toMatch(/Next steps:\n {2}1\. Grant admin consent/);
  expect(text).toContain(
    `Admin consent link: https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${CLIENT}`,
  );
  expect(text).not.toContain(SECRET);
});

test('Not added, Unknown and token-derived rows are told apart', () => {
  const text = renderResult(
    report({
      configured: [],
      grantedDelegated: 'unreadable',
      grantedRoleIds: 'unreadable',
      tokenRoles: ['User.Read.All'],
    }),
  );
  expect(text).toMatch(/\[\?\] User\.Read\s+Delegated\s+Unknown/);
  expect(text).toMatch(/\[x\] User\.Read\.All\s+Application\s+Granted \(from token\)/);
  expect(text).toMatch(/\[-\] Directory\.Read\.All\s+Application\s+Not added \(from token\)/);
});

test('terminal control sequences from Graph data are neutralised', () => {
  const text = renderResult(report({}, 'Evil\u001b[2J\u001b]0;owned\u0007\r\u202eapp'));
  expect(text).not.toMatch(/[\u001b\u0007\r\u202e]/);
  expect(text).toContain('Evil [2J ]0;owned   app');
  expect(safeText('a\u0000b\u009bc')).toBe('a b c');
});

test('a failure: title, explanation, fix, support ids and the credentials link', () => {
  const text = renderResult(failure);
  expect(text).toMatch(/^Connector check failed: The client secret is wrong\n/);
  expect(text).toContain('Fix: Copy the Value.');
  expect(text).toContain('For support: AADSTS7000215, Correlation ID f0e1d2c3-b4a5-4968-8776-655443322110');
  expect(text).toContain('Certificates & secrets: https://portal.azure.com/creds');
});

test('exit codes: 0 Ready, 1 Action needed, 2 failure', () => {
  const ready = report({
    configured: PROFILE.permissions,
    grantedDelegated: PROFILE.permissions.filter((p) => p.kind === 'Delegated').map((p) => p.name),
    grantedRoleIds: PROFILE.permissions.filter((p) => p.kind === 'Application').map((p) => p.id),
  });
  expect(exitCodeOf(ready)).toBe(0);
  expect(exitCodeOf(report({}))).toBe(1);
  expect(exitCodeOf(failure)).toBe(2);
});

test('Check incomplete: its own exit code (3), the reasons and when to retry in the table', () => {
  const incomplete = report({
    configured: PROFILE.permissions,
    grantedRoleIds: PROFILE.permissions.filter((p) => p.kind === 'Application').map((p) => p.id),
    tokenRoles: PROFILE.permissions.filter((p) => p.kind === 'Application').map((p) => p.name),
  });
  const throttled = {
    ...incomplete,
    verdict: 'Check incomplete' as const,
    incomplete: {
      reasons: ["Microsoft Graph was still throttling the read of the app's granted delegated permissions (429)."],
      retry: 'Microsoft Graph is throttling requests for this tenant: retest in a minute or two.',
    },
  };
  expect(exitCodeOf(throttled)).toBe(3);
  const text = renderResult(throttled);
  expect(text).toMatch(/^Connector check: Check incomplete/);
  expect(text).toMatch(/The check could not finish:\n {2}- Microsoft Graph was still throttling/);
  expect(text).toMatch(/Retry: Microsoft Graph is throttling requests for this tenant: retest in a minute or two\./);
});

test('--help documents every exit code, Check incomplete included', () => {
  expect(USAGE).toMatch(/3 Check incomplete/);
});
