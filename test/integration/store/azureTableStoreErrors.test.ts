import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { parseAzureConnectionString } from '../../../src/store/azureConnection';
import { AzureStoreError, toAzureStoreError } from '../../../src/store/azureStoreError';
import { createAzureTableStore } from '../../../src/store/azureTableStore';
import { AZURITE_ACCOUNT_KEY, startAzurite, type Azurite } from '../../helpers/azurite';
import { uniquePrefix } from './azureTestKit';
import { startCountingProxy } from './countingProxy';

const KEY = Buffer.alloc(64, 7).toString('base64');
const devString = (endpoint: string, key = AZURITE_ACCOUNT_KEY): string =>
  `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${key};TableEndpoint=${endpoint};`;

async function listenOnce(handler: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createTcpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

describe('connection strings', () => {
  const failure = (text: string): AzureStoreError => {
    try {
      createAzureTableStore({ connectionString: text });
    } catch (error) {
      if (error instanceof AzureStoreError) return error;
      throw error;
    }
    throw new Error('expected the connection string to be refused');
  };

  it.each([
    ['empty', '', /is empty/],
    ['not key=value', 'just some text', /not Name=value \(part 1\)/],
    [
      'no credential',
      'AccountName=acct;EndpointSuffix=core.windows.net',
      /neither an AccountKey nor a SharedAccessSignature/,
    ],
    ['key not base64', `AccountName=acct;AccountKey=not*base64!${KEY}`, /AccountKey that is not base64/],
    [
      'unknown protocol',
      `DefaultEndpointsProtocol=ftp;AccountName=acct;AccountKey=${KEY}`,
      /DefaultEndpointsProtocol other than https or http/,
    ],
    [
      'bad endpoint',
      `AccountName=acct;AccountKey=${KEY};TableEndpoint=::not a url::`,
      /TableEndpoint that is not a URL/,
    ],
    [
      'http to a real account',
      `DefaultEndpointsProtocol=http;AccountName=prod;AccountKey=${KEY}`,
      /http:\/\/prod\.table\.core\.windows\.net over plain http; use https/,
    ],
    [
      'key without account',
      `AccountKey=${KEY};TableEndpoint=https://x.table.core.windows.net`,
      /AccountKey but no AccountName/,
    ],
    [
      'password in the URL',
      'TableEndpoint=https://user:pw@x.table.core.windows.net;SharedAccessSignature=sv=1&sig=abc',
      /user information/,
    ],
  ])('refuses a connection string with %s, naming the problem and never the key', (_label, text, reason) => {
    const error = failure(text);
    expect(error.code).toBe('connection-string');
    expect(error.message).toMatch(/^AZURE_STORAGE_CONNECTION_STRING /);
    expect(error.message).toMatch(reason);
    expect(error.message).not.toContain(KEY.slice(0, 12));
    expect(error.message).not.toContain('pw');
  });

  it('understands the portal, SAS and emulator forms', () => {
    const portal = parseAzureConnectionString(
      `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${KEY};EndpointSuffix=core.usgovcloudapi.net`,
    );
    expect(portal).toMatchObject({ url: 'https://acct.table.core.usgovcloudapi.net', allowInsecureConnection: false });
    const sas = parseAzureConnectionString(
      'TableEndpoint=https://acct.table.core.windows.net/;SharedAccessSignature=sv=2024&sig=abc%3D',
    );
    expect(sas).toMatchObject({ url: 'https://acct.table.core.windows.net', allowInsecureConnection: false });
    expect(parseAzureConnectionString('UseDevelopmentStorage=true')).toMatchObject({
      url: 'http://127.0.0.1:10002/devstoreaccount1',
      allowInsecureConnection: true,
    });
    expect(() =>
      createAzureTableStore({ connectionString: 'UseDevelopmentStorage=true', tablePrefix: '1bad-prefix' }),
    ).toThrow(/table prefix must start with a letter/);
  });
});

describe('an unreachable or refusing storage account', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite.stop();
  });

  it('a wrong account key is reported as refused credentials, without the key', async () => {
    const wrongKey = Buffer.alloc(64, 9).toString('base64');
    const store = createAzureTableStore({
      connectionString: devString(azurite.tableEndpoint, wrongKey),
      tablePrefix: uniquePrefix(),
      maxRetries: 0,
    });
    const attempt = store.getRegistration('reg-1');
    await expect(attempt).rejects.toMatchObject({ name: 'AzureStoreError', code: 'unauthorized', status: 403 });
    await expect(attempt).rejects.toThrow(
      `Azure Table storage at ${azurite.tableEndpoint} refused the credentials (403 AuthorizationFailure)`,
    );
    await expect(attempt).rejects.toThrow(/check the AccountKey in AZURE_STORAGE_CONNECTION_STRING/i);
    await expect(attempt).rejects.not.toThrow(wrongKey.slice(0, 10));
  });

  it('a refused connection names the endpoint; the table is created once the account is reachable', async () => {
    const { server, port } = await listenOnce(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve())); // the port is now free and closed
    const endpoint = `http://127.0.0.1:${port}/devstoreaccount1`;
    const store = createAzureTableStore({
      connectionString: devString(endpoint),
      tablePrefix: uniquePrefix(),
      maxRetries: 0,
    });
    const attempt = store.putKv('setup', 'u1', { value: 1 });
    await expect(attempt).rejects.toMatchObject({ name: 'AzureStoreError', code: 'unreachable' });
    await expect(attempt).rejects.toThrow(
      `Could not reach Azure Table storage at ${endpoint} while creating the table`,
    );
    await expect(attempt).rejects.toThrow(/the connection was refused/);
    await expect(attempt).rejects.not.toThrow(AZURITE_ACCOUNT_KEY.slice(0, 10));

    const proxy = await startCountingProxy(azurite.port, port);
    try {
      await store.putKv('setup', 'u1', { value: 1 });
      expect(await store.getKv('setup', 'u1')).toBe(1);
    } finally {
      await proxy.stop();
    }
  });

  it('a storage endpoint that never answers times out with a clear error', async () => {
    const sockets: Socket[] = [];
    const { server, port } = await listenOnce((socket) => void sockets.push(socket));
    try {
      const store = createAzureTableStore({
        connectionString: devString(`http://127.0.0.1:${port}/devstoreaccount1`),
        tablePrefix: uniquePrefix(),
        requestTimeoutMs: 300,
        maxRetries: 0,
      });
      await expect(store.getKv('a', 'b')).rejects.toMatchObject({
        code: 'timeout',
        message: expect.stringMatching(/did not answer within 300 ms while creating the table/),
      });
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('toAzureStoreError', () => {
  const at = 'https://acct.table.core.windows.net';
  it('explains DNS failures and service errors by code only, never by the SDK message', () => {
    const dns = toAzureStoreError(
      { name: 'RestError', code: 'ENOTFOUND', message: `getaddrinfo ENOTFOUND acct?sig=SECRET` },
      at,
      'reading',
      1000,
    );
    expect(dns).toMatchObject({
      code: 'unreachable',
      message: expect.stringContaining('its host name does not resolve'),
    });
    const service = toAzureStoreError(
      { name: 'RestError', statusCode: 503, details: { errorCode: 'ServerBusy' }, message: 'sig=SECRET' },
      at,
      'reading',
      1000,
    );
    expect(service.message).toBe(`Azure Table storage at ${at} answered 503 ServerBusy while reading.`);
    const odd = toAzureStoreError(
      { statusCode: 500, details: { errorCode: 'not a <code> sig=SECRET' } },
      at,
      'reading',
      1000,
    );
    expect(odd.message).toBe(`Azure Table storage at ${at} answered 500 while reading.`);
    for (const e of [dns, service, odd]) expect(e.message).not.toContain('SECRET');
  });
});
