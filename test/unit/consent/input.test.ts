import {
  MAX_FIELD_LENGTH,
  normalizeSecret,
  parseConnectorInput,
  stripStrayCharacters,
  validateClientId,
  validateTenant,
} from '../../../src/consent/input';

const TENANT = '2f4a9c1e-6b3d-4e8f-a5c7-1d9e0b2f6a4c';
const CLIENT = '3f1c2b9e-8d4a-4f6e-9b1d-2c7a5e0f8a31';
const SECRET = 'abc8Q~0123456789abcdefghijklmnopqrstuvwx';

function message(result: ReturnType<typeof validateTenant>): string {
  if (result.ok) throw new Error(`expected a failure, got ${result.value}`);
  return result.message;
}

describe('validateTenant', () => {
  test.each([
    [TENANT, TENANT],
    [TENANT.toUpperCase(), TENANT],
    [`  "${TENANT}"\n`, TENANT],
    ['Contoso.OnMicrosoft.com', 'contoso.onmicrosoft.com'],
    ['`fabrikam.com`', 'fabrikam.com'],
    ['\u200bcontoso.onmicrosoft.com\ufeff', 'contoso.onmicrosoft.com'],
    ['sub-domain.contoso.co.uk', 'sub-domain.contoso.co.uk'],
  ])('accepts %j', (raw, value) => {
    expect(validateTenant(raw)).toEqual({ ok: true, value });
  });

  test.each([
    ['', /Enter your tenant/],
    ['   ', /Enter your tenant/],
    ['common', /not a tenant of its own/],
    ['organizations', /not a tenant of its own/],
    ['admin@contoso.com', /email address/],
    ['https://login.microsoftonline.com/contoso.onmicrosoft.com', /web address/],
    [TENANT.slice(0, -1), /not complete/],
    ['contoso', /neither a tenant ID nor a domain/],
    ['-contoso.com', /neither a tenant ID nor a domain/],
    ['contoso.c0m', /neither a tenant ID nor a domain/],
    ['cöntoso.com', /neither a tenant ID nor a domain/],
    ['x'.repeat(64) + '.com', /neither a tenant ID nor a domain/],
  ])('rejects %j with its own message', (raw, pattern) => {
    expect(message(validateTenant(raw))).toMatch(pattern);
  });

  test('a 10 kB string is rejected quickly as absurdly long', () => {
    const huge = 'a'.repeat(10 * 1024);
    expect(message(validateTenant(huge))).toMatch(/far too long.*10240 characters/);
  });

  test('non-string input is rejected, not thrown', () => {
    expect(message(validateTenant(42 as unknown as string))).toMatch(/must be text/);
  });
});

describe('validateClientId', () => {
  test('accepts a GUID, lower-cased and trimmed', () => {
    expect(validateClientId(` '${CLIENT.toUpperCase()}' `)).toEqual({ ok: true, value: CLIENT });
  });
  test.each([
    ['', /Application \(client\) ID/],
    ['My Connector App', /not the app's name/],
    ['contoso.onmicrosoft.com', /not the app's name/],
    [CLIENT + '0', /not complete/],
    ['\u0660'.repeat(36), /not the app's name/],
    ['a'.repeat(10_000), /far too long/],
  ])('rejects %j', (raw, pattern) => {
    expect(message(validateClientId(raw))).toMatch(pattern);
  });
});

describe('normalizeSecret', () => {
  test.each([
    [SECRET, SECRET],
    [`  ${SECRET}\r\n`, SECRET],
    [`"${SECRET}"`, SECRET],
    [`'${SECRET}'`, SECRET],
    ['`' + SECRET + '`', SECRET],
    [`\u201c${SECRET}\u201d`, SECRET],
    [`\u200b${SECRET}\u200b`, SECRET],
    ['legacy+base64/Secret=Value0123456789ABCDEFGHIJ=', 'legacy+base64/Secret=Value0123456789ABCDEFGHIJ='],
  ])('accepts %j', (raw, value) => {
    expect(normalizeSecret(raw)).toEqual({ ok: true, value });
  });

  test('a GUID is taken for the Secret ID', () => {
    expect(message(normalizeSecret(` ${CLIENT} `))).toMatch(
      /^This looks like the Secret ID\. Copy the Value column instead/,
    );
  });

  test.each([
    ['', /empty/],
    ['  "" ', /empty/],
    ['abc def ghi jkl mno', /spaces or line breaks/],
    [`${SECRET}\n${CLIENT}`, /spaces or line breaks/],
    [`abc8Q~0123456789é${'a'.repeat(20)}`, /never has/],
    [`abc8Q~01234\u0000${'a'.repeat(25)}`, /never has/],
    [`abc8Q~01234\u200b${'a'.repeat(25)}`, /never has/],
    ['短い秘密の値です短い秘密の値です', /never has/],
    ['abc123', /too short/],
  ])('rejects %j', (raw, pattern) => {
    expect(message(normalizeSecret(raw))).toMatch(pattern);
  });

  test('10 kB and just-over-limit strings are absurd; the message never echoes them', () => {
    for (const length of [10 * 1024, MAX_FIELD_LENGTH + 1]) {
      const huge = 'Z'.repeat(length);
      const text = message(normalizeSecret(huge));
      expect(text).toMatch(/far too long/);
      expect(text).not.toContain('ZZZZ');
    }
  });

  test('no failure message contains the value', () => {
    for (const raw of [`${SECRET} extra`, `é${SECRET}`, 'qx7Zk2']) {
      const result = normalizeSecret(raw);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(raw.slice(0, 6));
    }
  });
});

describe('stripStrayCharacters', () => {
  test('removes nested quotes and whitespace from both ends only', () => {
    expect(stripStrayCharacters(` " 'a"b' " `)).toBe('a"b');
  });
  test('is linear on a huge run of quotes', () => {
    expect(stripStrayCharacters('"'.repeat(100_000))).toBe('');
  });
});

describe('parseConnectorInput', () => {
  test('returns the cleaned values', () => {
    expect(
      parseConnectorInput({
        tenant: ' Contoso.onmicrosoft.com ',
        clientId: CLIENT.toUpperCase(),
        clientSecret: ` ${SECRET} `,
      }),
    ).toEqual({
      ok: true,
      value: { tenant: 'contoso.onmicrosoft.com', clientId: CLIENT, clientSecret: SECRET },
    });
  });

  test('reports every field at once', () => {
    const result = parseConnectorInput({ tenant: 'nope', clientId: 12, clientSecret: undefined });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['tenant', 'clientId', 'clientSecret']);
    expect(result.errors[1]?.message).toMatch(/must be text/);
    expect(result.errors[2]?.message).toMatch(/empty/);
  });

  test('a secret equal to the client id is refused', () => {
    const result = parseConnectorInput({ tenant: TENANT, clientId: CLIENT, clientSecret: CLIENT });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((e) => e.field === 'clientSecret')).toBe(true);
  });
});
