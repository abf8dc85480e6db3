import { extractCredentialsFromText, looksLikeClientSecret } from '../../../src/consent/input';

const TENANT = '2f4a9c1e-6b3d-4e8f-a5c7-1d9e0b2f6a4c';
const CLIENT = '3f1c2b9e-8d4a-4f6e-9b1d-2c7a5e0f8a31';
const OBJECT = '7d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a';
const SECRET_ID = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const SECRET = 'abc8Q~0123456789abcdefghijklmnopqrstuvwx';

describe('looksLikeClientSecret', () => {
  test.each([
    [SECRET, true],
    ['Iaw4Q~z4_W7D9oyv4RDGOPgV5tOZxuB4B_x5B8Ak', true],
    [`my secret is ${SECRET}, thanks`, true],
    [`"${SECRET}"`, true],
    ['abc8Q~short', false],
    ['abcdQ~0123456789abcdefghijklmnopqrstuvwx', false],
    [CLIENT, false],
    ['hello world', false],
    ['', false],
    [`x${SECRET}`, false],
  ])('%j -> %s', (text, expected) => {
    expect(looksLikeClientSecret(text)).toBe(expected);
  });

  test('non-text is not a secret', () => {
    expect(looksLikeClientSecret(undefined as unknown as string)).toBe(false);
  });

  test('a secret buried in 10 kB of text is still found', () => {
    expect(looksLikeClientSecret(`${'lorem ipsum '.repeat(850)} ${SECRET}`)).toBe(true);
  });
});

describe('extractCredentialsFromText', () => {
  test('the Overview page block with labels, Object ID ignored', () => {
    const text = [
      'Display name : Contoso connector',
      `Application (client) ID : ${CLIENT}`,
      `Object ID : ${OBJECT}`,
      `Directory (tenant) ID : ${TENANT}`,
      `Secret value: ${SECRET}`,
    ].join('\n');
    expect(extractCredentialsFromText(text)).toEqual({ tenant: TENANT, clientId: CLIENT, clientSecret: SECRET });
  });

  test('labels in any order and case, with = and quotes', () => {
    const text = `client_secret="${SECRET}" CLIENT ID = '${CLIENT.toUpperCase()}' tenant=contoso.onmicrosoft.com`;
    expect(extractCredentialsFromText(text)).toEqual({
      tenant: 'contoso.onmicrosoft.com',
      clientId: CLIENT,
      clientSecret: SECRET,
    });
  });

  test('no labels: tenant then client id, secret by its shape', () => {
    expect(extractCredentialsFromText(`${TENANT} ${CLIENT} ${SECRET}`)).toEqual({
      tenant: TENANT,
      clientId: CLIENT,
      clientSecret: SECRET,
    });
  });

  test('no labels with a tenant domain: the GUID is the client id', () => {
    expect(extractCredentialsFromText(`fabrikam.onmicrosoft.com\n${CLIENT}\n${SECRET}.`)).toEqual({
      tenant: 'fabrikam.onmicrosoft.com',
      clientId: CLIENT,
      clientSecret: `${SECRET}`,
    });
  });

  test('a sentence ending with a GUID and a full stop', () => {
    expect(extractCredentialsFromText(`The tenant is ${TENANT}. The app id is ${CLIENT}.`)).toEqual({
      tenant: TENANT,
      clientId: CLIENT,
    });
  });

  test('a Secret ID is offered as the secret only when no value was pasted', () => {
    expect(extractCredentialsFromText(`tenant ${TENANT} client ${CLIENT} secret id ${SECRET_ID}`).clientSecret).toBe(
      SECRET_ID,
    );
    expect(extractCredentialsFromText(`secret id ${SECRET_ID} value ${SECRET}`).clientSecret).toBe(SECRET);
  });

  test('a single unlabelled GUID is ambiguous and left out', () => {
    expect(extractCredentialsFromText(`here: ${CLIENT}`)).toEqual({});
  });

  test('a labelled non-Entra secret is taken as is', () => {
    expect(extractCredentialsFromText('password: legacy+Secret/Value0123456789').clientSecret).toBe(
      'legacy+Secret/Value0123456789',
    );
  });

  test('unicode, emoji and 10 kB of noise do not break it', () => {
    const text = `🙂 Voilà les infos — tenant: ${TENANT} ✓\n${'bla '.repeat(2600)}`;
    expect(extractCredentialsFromText(text)).toEqual({ tenant: TENANT });
  });

  test('nothing in ordinary chat', () => {
    expect(extractCredentialsFromText('hello, can you help me set up the connector?')).toEqual({});
    expect(extractCredentialsFromText('')).toEqual({});
  });

  test('URLs and emails are not taken for tenant domains', () => {
    expect(
      extractCredentialsFromText('see https://portal.azure.com/#home or mail admin@contoso.onmicrosoft.com'),
    ).toEqual({});
  });
});
