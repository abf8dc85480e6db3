import { createFakeClock } from '../../../src/time/clock';
import { resolveCloud } from '../../../src/consent/cloud';
import { createConnectorChecker } from '../../../src/consent/connectorChecker';
import { buildFailure, redactSecret } from '../../../src/consent/failure';
import type { ConnectorInput } from '../../../src/consent/report';

const SECRET = 'abc8Q~0123456789abcdefghijklmnopqrstuvwx';
// Validation fails before any request, so no server is needed (and none is contacted).
const checker = createConnectorChecker({
  cloud: resolveCloud('public', { authorityHost: 'https://127.0.0.1:9', graphEndpoint: 'https://127.0.0.1:9' }),
});

describe('createConnectorChecker: input failures never throw and never touch the network', () => {
  test.each([null, undefined, 42, 'text', {}])('input %j', async (input) => {
    const result = await checker.check(input as unknown as ConnectorInput);
    expect(result).toMatchObject({ kind: 'failure', code: 'invalid-input', field: 'tenant', retryable: false });
  });

  test('a GUID secret is the Secret ID, with the field to fix', async () => {
    const result = await checker.check({
      tenant: 'contoso.onmicrosoft.com',
      clientId: '3f1c2b9e-8d4a-4f6e-9b1d-2c7a5e0f8a31',
      clientSecret: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
    });
    expect(result).toMatchObject({
      kind: 'failure',
      code: 'secret-id-given',
      field: 'clientSecret',
      title: "That is the Secret ID, not the secret's Value",
    });
  });

  test('the check time comes from the injected clock', async () => {
    const clocked = createConnectorChecker({
      cloud: resolveCloud('public'),
      clock: createFakeClock('2030-01-02T03:04:05Z'),
    });
    expect((await clocked.check({ tenant: '', clientId: '', clientSecret: '' })).checkedAt).toBe(
      '2030-01-02T03:04:05.000Z',
    );
  });
});

describe('failure helpers', () => {
  test('redactSecret replaces the secret in every nested string', () => {
    const value = { a: `x${SECRET}y`, b: [SECRET, { c: SECRET }], d: 3, e: null };
    expect(redactSecret(value, SECRET)).toEqual({
      a: 'x[redacted]y',
      b: ['[redacted]', { c: '[redacted]' }],
      d: 3,
      e: null,
    });
    expect(redactSecret({ a: 'abc' }, 'abc')).toEqual({ a: 'abc' });
  });

  test('buildFailure leaves out unknown keys and prefixes the explanation', () => {
    const failure = buildFailure(
      { code: 'timeout', title: 'T', explanation: 'E.', fix: 'F', retryable: true },
      { checkedAt: 'now' },
      { prefix: 'P.' },
    );
    expect(failure).toEqual({
      kind: 'failure',
      code: 'timeout',
      checkedAt: 'now',
      title: 'T',
      explanation: 'P. E.',
      fix: 'F',
      retryable: true,
    });
  });
});
