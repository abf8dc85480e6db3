import { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError } from '@azure/identity';
import { CheckTimeoutError, MalformedResponseError, ServiceHttpError } from '../../../src/consent/errors';
import { explainAadsts, explainError, KNOWN_AADSTS_CODES } from '../../../src/consent/explain';

const CORRELATION = 'f0e1d2c3-b4a5-4968-8776-655443322110';
const TRACE = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';

function msalMessage(code: string, text: string): string {
  return `invalid_client: Error(s): ${code} - Timestamp: 2025-01-01 10:00:00Z - Description: AADSTS${code}: ${text} Trace ID: ${TRACE} Correlation ID: ${CORRELATION} Timestamp: 2025-01-01 10:00:00Z - Correlation ID: ${CORRELATION} - Trace ID: ${TRACE}`;
}

describe('explainAadsts: every catalogued code', () => {
  test.each([
    ['7000215', 'invalid-secret', 'clientSecret', /Secret ID/],
    ['7000222', 'secret-expired', 'clientSecret', /expiry date has passed/],
    ['700016', 'app-not-found', 'clientId', /Object ID/],
    ['90002', 'tenant-not-found', 'tenant', /no tenant.*Application \(client\) ID was pasted/],
    ['900023', 'tenant-invalid', 'tenant', /neither/],
    ['7000112', 'app-disabled', undefined, /disabled/],
    ['70001', 'app-disabled', undefined, /disabled/],
    ['53003', 'conditional-access', undefined, /Conditional Access/],
    ['65001', 'consent-required', undefined, /consent/],
    ['90094', 'consent-required', undefined, /administrator/],
    ['500113', 'reply-address', undefined, /redirect URI/],
    ['50011', 'reply-address', undefined, /redirect URI/],
    ['650056', 'consent-required', undefined, /consent/],
    ['7000229', 'consent-required', undefined, /service principal/],
    ['90033', 'service-error', undefined, /transient/],
  ])('AADSTS%s -> %s', (code, failure, field, words) => {
    const text = explainAadsts(code);
    expect(text.code).toBe(failure);
    expect(text.field).toBe(field);
    expect(`${text.explanation} ${text.fix}`).toMatch(words);
    expect(text.title.length).toBeGreaterThan(5);
    expect(text.fix.length).toBeGreaterThan(20);
  });

  test('the catalogue covers exactly those codes', () => {
    expect([...KNOWN_AADSTS_CODES].sort()).toEqual(
      [
        '7000215',
        '7000222',
        '700016',
        '90002',
        '900023',
        '7000112',
        '70001',
        '53003',
        '65001',
        '90094',
        '500113',
        '50011',
        '650056',
        '7000229',
        '90033',
        '7000218',
        '90014',
        '65004',
        '50034',
        '900382',
        '900432',
        '90038',
        '500011',
      ].sort(),
    );
  });

  test("an unknown code points at Microsoft's lookup page", () => {
    const text = explainAadsts('123456');
    expect(text.code).toBe('unexpected');
    expect(text.fix).toContain('https://login.microsoftonline.com/error?code=123456');
  });
});

describe('explainError', () => {
  test('identity AuthenticationRequiredError: code and ids parsed from the message', () => {
    const error = new AuthenticationRequiredError({
      scopes: ['x'],
      message: msalMessage('7000215', 'Invalid client secret provided.'),
    });
    expect(explainError(error, 'token')).toMatchObject({
      code: 'invalid-secret',
      aadsts: '7000215',
      correlationId: CORRELATION,
      traceId: TRACE,
      field: 'clientSecret',
    });
  });

  test('identity AuthenticationError: the code lives in errorResponse', () => {
    const error = new AuthenticationError(401, {
      error: 'invalid_client',
      error_description: 'AADSTS7000222: The provided client secret keys for app are expired.',
      correlation_id: CORRELATION,
      trace_id: TRACE,
    });
    expect(explainError(error, 'token')).toMatchObject({
      code: 'secret-expired',
      aadsts: '7000222',
      correlationId: CORRELATION,
      traceId: TRACE,
    });
  });

  test('a code in a nested cause is found', () => {
    const error = new Error('outer', {
      cause: new Error(msalMessage('700016', 'Application not found in the directory.')),
    });
    expect(explainError(error, 'token').code).toBe('app-not-found');
  });

  test('CredentialUnavailableError from endpoint resolution means tenant not found', () => {
    const error = new CredentialUnavailableError('endpoints_resolution_error: Endpoints cannot be resolved');
    expect(explainError(error, 'token')).toMatchObject({ code: 'tenant-not-found', field: 'tenant' });
  });

  test.each([
    ['ECONNREFUSED', 'network', /refused/],
    ['ENOTFOUND', 'network', /DNS/],
    ['EAI_AGAIN', 'network', /DNS/],
    ['ECONNRESET', 'network', /closed the connection/],
    ['ETIMEDOUT', 'timeout', /timed out/],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', /timed out/],
    ['CERT_HAS_EXPIRED', 'tls', /certificate/],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls', /certificate/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', /certificate/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', /certificate/],
  ])('fetch failure with cause code %s -> %s', (code, failure, words) => {
    const cause = Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
    const error = new TypeError('fetch failed', { cause });
    const explained = explainError(error, 'graph');
    expect(explained.code).toBe(failure);
    expect(explained.explanation).toMatch(words);
    expect(explained.explanation).toContain('Microsoft Graph');
    expect(explained.explanation).not.toContain('10.0.0.1');
  });

  test("fetch's refusal of an unsafe port is explained, not 'unexpected'", async () => {
    // A real fetch to a blocked port (9, "discard"), so the test follows what undici really throws.
    const error: unknown = await fetch('https://127.0.0.1:9/').then(
      () => undefined,
      (e: unknown) => e,
    );
    const explained = explainError(error, 'token');
    expect(explained.code).toBe('network');
    expect(explained.title).toMatch(/port/);
    expect(explained.fix).toMatch(/AUTHORITY_HOST/);
    expect(explained.retryable).toBe(false);
  });

  test('our timeout names the step and the budget', () => {
    expect(explainError(new CheckTimeoutError('token', 5000), 'token')).toMatchObject({
      code: 'timeout',
      retryable: true,
      explanation: expect.stringMatching(/5 seconds.*Entra ID/),
    });
  });

  test('Graph HTTP errors: 429, 503, 401', () => {
    expect(explainError(new ServiceHttpError('graph', 429, { retryAfterSeconds: 7 }), 'graph')).toMatchObject({
      code: 'throttled',
      fix: expect.stringContaining('7 seconds'),
    });
    expect(explainError(new ServiceHttpError('graph', 503), 'graph')).toMatchObject({
      code: 'service-error',
      retryable: true,
    });
    expect(explainError(new ServiceHttpError('graph', 401), 'graph').code).toBe('unexpected');
  });

  test('discovery HTTP error with an AADSTS description', () => {
    const error = new ServiceHttpError('login', 400, {
      code: 'invalid_tenant',
      description: "AADSTS90002: Tenant 'nope.onmicrosoft.com' not found.",
    });
    expect(explainError(error, 'tenant')).toMatchObject({ code: 'tenant-not-found', aadsts: '90002' });
  });

  test('malformed responses and unknown errors never copy raw messages', () => {
    expect(explainError(new MalformedResponseError('graph', 'x'), 'graph').code).toBe('malformed-response');
    const weird = explainError(new RangeError('secret=abc8Q~leaky'), 'graph');
    expect(weird.code).toBe('unexpected');
    expect(JSON.stringify(weird)).not.toContain('leaky');
    expect(explainError('a string', 'graph').code).toBe('unexpected');
    expect(explainError(undefined, 'graph').code).toBe('unexpected');
  });
});
