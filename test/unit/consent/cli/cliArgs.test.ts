import { parseCliArgs, USAGE } from '../../../../src/cli/cliArgs';
import { cloudFromEnv } from '../../../../src/cli/cloudFromEnv';

describe('parseCliArgs', () => {
  test('tenant, client id, json, timeout, profile', () => {
    expect(
      parseCliArgs([
        '--tenant',
        'contoso.onmicrosoft.com',
        '--client-id=abc',
        '--json',
        '--timeout',
        '2.5',
        '--profile',
        'x',
      ]),
    ).toEqual({
      ok: true,
      options: {
        tenant: 'contoso.onmicrosoft.com',
        clientId: 'abc',
        json: true,
        help: false,
        timeoutMs: 2500,
        profile: 'x',
      },
    });
    expect(parseCliArgs(['-h'])).toMatchObject({ ok: true, options: { help: true, json: false } });
  });

  test.each([
    ['--secret', 'x'],
    ['--secret=x'],
    ['--client-secret', 'x'],
    ['--client_secret=x'],
    ['--password=x'],
    ['-secret'],
  ])('refuses a secret argument %s with the reason', (...argv) => {
    const result = parseCliArgs(argv);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/shell history/);
      expect(result.message).not.toContain('=x');
    }
  });

  test.each([
    [['--nope']],
    [['positional']],
    [['--timeout', '0']],
    [['--timeout', 'abc']],
    [['--timeout', '601']],
    [['--tenant']],
  ])('rejects %j', (argv) => {
    expect(parseCliArgs(argv).ok).toBe(false);
  });

  test('usage documents the secret sources, clouds and exit codes', () => {
    for (const text of [
      'CONNECTOR_CLIENT_SECRET',
      'AZURE_CLOUD',
      'AUTHORITY_HOST',
      'GRAPH_ENDPOINT',
      '0 Ready, 1 Action needed, 2',
    ])
      expect(USAGE).toContain(text);
  });
});

describe('cloudFromEnv', () => {
  test.each([
    [{}, 'public', 'https://login.microsoftonline.com', 'https://graph.microsoft.com'],
    [{ AZURE_CLOUD: 'USGov' }, 'usgov', 'https://login.microsoftonline.us', 'https://graph.microsoft.us'],
    [{ AZURE_CLOUD: 'china' }, 'china', 'https://login.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn'],
    [
      { AUTHORITY_HOST: 'https://localhost:4443/', GRAPH_ENDPOINT: 'https://localhost:4444' },
      'custom',
      'https://localhost:4443',
      'https://localhost:4444',
    ],
  ])('%j', (env, name, authorityHost, graphEndpoint) => {
    expect(cloudFromEnv(env)).toMatchObject({ ok: true, cloud: { name, authorityHost, graphEndpoint } });
  });

  test.each([
    [{ AZURE_CLOUD: 'germany' }, /AZURE_CLOUD/],
    [{ AUTHORITY_HOST: 'http://localhost:1' }, /https/],
    [{ GRAPH_ENDPOINT: 'not a url' }, /not a URL/],
    [{ GRAPH_ENDPOINT: 'https://user:pw@graph.example' }, /plain https origin/],
  ])('%j is refused', (env, message) => {
    const result = cloudFromEnv(env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
