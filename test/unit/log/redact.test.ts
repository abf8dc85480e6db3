import { maskSecrets, redact, REDACTED } from '../../../src/log/redact';

const SECRET = 'kQz8Q~a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIiwicm9sZXMiOlsiVXNlci5SZWFkLkFsbCJdfQ.c2lnbmF0dXJl';

describe('maskSecrets', () => {
  it('masks an Entra client secret value inside text', () => {
    const out = maskSecrets(`login failed for secret ${SECRET}, try again`);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('a1B2c3D4');
    expect(out).toContain('[redacted-secret]');
    expect(out).toContain('login failed for secret');
  });

  it('masks JWTs, bearer headers and form-encoded credentials', () => {
    expect(maskSecrets(`token ${JWT} end`)).toBe('token [redacted-jwt] end');
    expect(maskSecrets('Authorization: Bearer abc.def-ghi_123==')).toBe('Authorization: Bearer [redacted]');
    expect(maskSecrets('grant_type=client_credentials&client_secret=hunter2&scope=x')).toBe(
      'grant_type=client_credentials&client_secret=[redacted]&scope=x',
    );
    expect(
      maskSecrets('DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0Cg==;EndpointSuffix=x'),
    ).not.toContain('c2VjcmV0Cg');
  });

  it("masks the admin sign-in's authorization code, PKCE verifier and state in a callback URL", () => {
    expect(
      maskSecrets(
        'GET /api/fix/callback?code=0.AXkA-secret-code-1234&state=abcdefghijklmnop.qrstuvwxyz&session_state=x&code_verifier=v1v1v1v1v1v1v1v1v1',
      ),
    ).toBe('GET /api/fix/callback?code=[redacted]&state=[redacted]&session_state=x&code_verifier=[redacted]');
    expect(maskSecrets('errorCode=invalid_grant')).toBe('errorCode=invalid_grant');
  });

  it('masks a bearer header whatever its case (the quick pre-check is case-insensitive too)', () => {
    expect(maskSecrets('authorization: BEARER abc.def')).toBe('authorization: BEARER [redacted]');
    expect(maskSecrets('sig=abc')).toBe('sig=[redacted]');
  });

  it('leaves ordinary text, GUIDs and secret ids alone', () => {
    expect(maskSecrets('Basic authentication failed with code=500')).toBe('Basic authentication failed with code=500');
    const text = 'tenant 72f988bf-86f1-41af-91ab-2d7cd011db47 app ok, Secret ID 0d9d1f3a-1b2c-4d5e-8f90-123456789abc';
    expect(maskSecrets(text)).toBe(text);
  });
});

describe('redact', () => {
  it('replaces values of sensitive field names at any depth', () => {
    const out = redact({
      clientSecret: 'anything',
      nested: {
        password: 'p',
        Authorization: 'x',
        cookie: 'c',
        encryptionKey: 'k',
        clientAssertion: 'a',
        accessToken: 't',
      },
      list: [{ botPassword: 'b' }],
      name: 'fine',
    });
    expect(out).toEqual({
      clientSecret: REDACTED,
      nested: {
        password: REDACTED,
        Authorization: REDACTED,
        cookie: REDACTED,
        encryptionKey: REDACTED,
        clientAssertion: REDACTED,
        accessToken: REDACTED,
      },
      list: [{ botPassword: REDACTED }],
      name: 'fine',
    });
  });

  it('masks secret shapes in values of innocent field names', () => {
    const out = JSON.stringify(redact({ text: `pasted ${SECRET}`, header: `Bearer ${JWT}`, arr: [SECRET] }));
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(JWT);
  });

  it('reduces Errors to name and masked message, stack only when asked', () => {
    const error = new Error(`AADSTS7000215: Invalid client secret provided: ${SECRET}`);
    (error as Error & { code: string }).code = 'invalid_client';
    const plain = redact({ err: error }) as { err: Record<string, unknown> };
    expect(plain.err.name).toBe('Error');
    expect(plain.err.code).toBe('invalid_client');
    expect(String(plain.err.message)).toContain('AADSTS7000215');
    expect(String(plain.err.message)).not.toContain(SECRET);
    expect(plain.err.stack).toBeUndefined();
    const withStack = redact({ err: error }, { includeStack: true }) as { err: Record<string, unknown> };
    expect(String(withStack.err.stack)).toContain('redact.test');
    expect(String(withStack.err.stack)).not.toContain(SECRET);
  });

  it('follows error causes and never copies other error properties', () => {
    const inner = new TypeError(`bad ${JWT}`);
    const outer = new Error('outer', { cause: inner });
    (outer as Error & { request: unknown }).request = { body: `client_secret=${SECRET}` };
    const out = JSON.stringify(redact(outer));
    expect(out).toContain('TypeError');
    expect(out).not.toContain(JWT);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('request');
  });

  it('handles cycles, depth, and exotic values without throwing', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    a.list = [a];
    const out = redact(a) as Record<string, unknown>;
    expect(out.self).toBe('[circular]');
    expect(out.list).toEqual(['[circular]']);

    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 20; i += 1) {
      deep.next = {};
      deep = deep.next as Record<string, unknown>;
    }
    expect(JSON.stringify(redact(root))).toContain('[too deep]');

    const shared = { v: 1 };
    expect(redact({ x: shared, y: shared })).toEqual({ x: { v: 1 }, y: { v: 1 } });
    expect(
      redact({
        when: new Date('2025-01-01T00:00:00Z'),
        big: 10n,
        fn: function named() {},
        buf: Buffer.from(SECRET),
        sym: Symbol('s'),
        nan: Number.NaN,
        map: new Map([
          ['token', 'x'],
          ['ok', 'y'],
        ]),
        set: new Set([SECRET]),
        skipped: undefined,
      }),
    ).toEqual({
      when: '2025-01-01T00:00:00.000Z',
      big: '10',
      fn: '[function named]',
      buf: `[binary ${SECRET.length} bytes]`,
      sym: 'Symbol(s)',
      nan: 'NaN',
      map: { token: REDACTED, ok: 'y' },
      set: ['[redacted-secret]'],
    });
  });

  it('survives getters that throw', () => {
    const hostile = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(redact({ hostile })).toEqual({ hostile: { boom: '[unreadable]' } });
  });
});
