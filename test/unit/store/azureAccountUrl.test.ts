import type { TokenCredential } from '@azure/identity';
import { DefaultAzureCredential } from '@azure/identity';
import { azureAccountUrlConnection, createTableClient } from '../../../src/store/azureConnection';
import { AzureStoreError } from '../../../src/store/azureStoreError';
import { createAzureTableStore } from '../../../src/store/azureTableStore';

const token: TokenCredential = {
  getToken: () => Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 60_000 }),
};

describe('AZURE_STORAGE_ACCOUNT_URL connection (managed identity)', () => {
  it('signs with a token credential, DefaultAzureCredential unless one is given', () => {
    const given = azureAccountUrlConnection('https://ccbot.table.core.windows.net/', token);
    expect(given).toEqual({
      url: 'https://ccbot.table.core.windows.net',
      endpointForMessages: 'https://ccbot.table.core.windows.net',
      credential: token,
      allowInsecureConnection: false,
    });
    expect(azureAccountUrlConnection('https://ccbot.table.core.windows.net').credential).toBeInstanceOf(
      DefaultAzureCredential,
    );
    const client = createTableClient(given, 'consentbotkv', {});
    expect(client.url).toBe('https://ccbot.table.core.windows.net');
    expect(client.tableName).toBe('consentbotkv');
  });

  it('never sends a token over plain http', () => {
    expect(() => azureAccountUrlConnection('http://127.0.0.1:10002/devstoreaccount1', token)).toThrow(AzureStoreError);
    expect(() => azureAccountUrlConnection('not a url', token)).toThrow(/not a URL/);
  });

  it('builds the store from the account URL without any request', () => {
    const store = createAzureTableStore({ accountUrl: 'https://ccbot.table.core.windows.net', tokenCredential: token });
    expect(store.endpoint).toBe('https://ccbot.table.core.windows.net');
    expect(store.tableNames).toEqual(['consentbotregistrations', 'consentbotconversations', 'consentbotkv']);
  });
});

describe('AZURE_STORAGE_ACCOUNT_URL failures say what to check for a managed identity', () => {
  it('no identity available: names DefaultAzureCredential and the role, not the connection string', async () => {
    const unavailable: TokenCredential = {
      getToken: () => {
        const error = new Error('ManagedIdentityCredential: no managed identity endpoint');
        error.name = 'CredentialUnavailableError';
        return Promise.reject(error);
      },
    };
    const store = createAzureTableStore({
      accountUrl: 'https://ccbot.table.core.windows.net',
      tokenCredential: unavailable,
      maxRetries: 0,
    });
    const attempt = store.getRegistration('reg-1');
    await expect(attempt).rejects.toMatchObject({ name: 'AzureStoreError', code: 'unauthorized' });
    await expect(attempt).rejects.toThrow(/Could not get an access token for Azure Table storage at https:\/\/ccbot/);
    await expect(attempt).rejects.toThrow(/Storage Table Data Contributor/);
    await expect(attempt).rejects.not.toThrow(/AccountKey|TableEndpoint/);
  });

  it('a 403 for the identity names the role to assign, not an account key', async () => {
    const { createServer } = await import('node:https');
    const { ensureSandboxCertificates } = await import('../../../tools/sandbox-tenant/certificates');
    const certs = ensureSandboxCertificates();
    const server = createServer({ key: certs.keyPem, cert: certs.certPem }, (_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json', 'x-ms-error-code': 'AuthorizationPermissionMismatch' });
      res.end(JSON.stringify({ 'odata.error': { code: 'AuthorizationPermissionMismatch', message: { value: 'no' } } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const store = createAzureTableStore({
        accountUrl: `https://localhost:${port}/devstoreaccount1`,
        tokenCredential: token,
        maxRetries: 0,
      });
      const attempt = store.getRegistration('reg-1');
      await expect(attempt).rejects.toMatchObject({ code: 'unauthorized', status: 403 });
      await expect(attempt).rejects.toThrow(/refused the credentials \(403 AuthorizationPermissionMismatch\)/);
      await expect(attempt).rejects.toThrow(/managed identity .*Storage Table Data Contributor/);
      await expect(attempt).rejects.not.toThrow(/AccountKey/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
