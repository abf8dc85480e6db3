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
