import {
  AzureNamedKeyCredential,
  AzureSASCredential,
  TableClient,
  type TableServiceClientOptions,
} from '@azure/data-tables';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { AzureStoreError } from './azureStoreError';

/** Where the tables live and how to sign requests, parsed from a connection string. */
export interface AzureTableConnection {
  /** The table service endpoint, without query and trailing slash. */
  readonly url: string;
  /** Scheme, host and path only: safe for messages and logs. */
  readonly endpointForMessages: string;
  /** Account key or SAS from a connection string; a token credential (managed identity) for an account URL. */
  readonly credential: AzureNamedKeyCredential | AzureSASCredential | TokenCredential;
  /** True only for an http endpoint of the local storage emulator. */
  readonly allowInsecureConnection: boolean;
}

/** Azurite's documented development account (public, not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const DEV_TABLE_ENDPOINT = 'http://127.0.0.1:10002/devstoreaccount1';

const fail = (problem: string): never => {
  throw new AzureStoreError('connection-string', `AZURE_STORAGE_CONNECTION_STRING ${problem}`);
};

function parseParts(text: string): Map<string, string> {
  const parts = new Map<string, string>();
  text.split(';').forEach((segment, index) => {
    const trimmed = segment.trim();
    if (!trimmed) return;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) fail(`has a part that is not Name=value (part ${index + 1}).`);
    parts.set(trimmed.slice(0, eq).trim().toLowerCase(), trimmed.slice(eq + 1).trim());
  });
  return parts;
}

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * Parses an Azure Storage connection string (account key or SAS; explicit TableEndpoint or
 * DefaultEndpointsProtocol + AccountName + EndpointSuffix; or UseDevelopmentStorage=true)
 * into what a TableClient needs. Every problem is named by the setting that is wrong, never
 * by its value. Plain http is accepted only for the storage emulator (a loopback host or its
 * devstoreaccount1 account), so a real account's traffic cannot go unencrypted by accident.
 */
export function parseAzureConnectionString(connectionString: string): AzureTableConnection {
  if (typeof connectionString !== 'string' || !connectionString.trim()) fail('is empty.');
  const parts = parseParts(connectionString);
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') {
    parts.set('accountname', DEV_ACCOUNT);
    parts.set('accountkey', DEV_KEY);
    parts.set('tableendpoint', DEV_TABLE_ENDPOINT);
  }
  const accountName = parts.get('accountname');
  const accountKey = parts.get('accountkey');
  const sas = parts.get('sharedaccesssignature');

  let endpoint = parts.get('tableendpoint');
  if (!endpoint) {
    if (!accountName) fail('has neither TableEndpoint nor AccountName, so there is no table endpoint.');
    const protocol = (parts.get('defaultendpointsprotocol') ?? 'https').toLowerCase();
    if (protocol !== 'https' && protocol !== 'http') fail('has a DefaultEndpointsProtocol other than https or http.');
    const suffix = parts.get('endpointsuffix') ?? 'core.windows.net';
    endpoint = `${protocol}://${accountName}.table.${suffix}`;
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return fail('has a TableEndpoint that is not a URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    fail('has a TableEndpoint that is neither https nor http.');
  if (url.username || url.password)
    fail('has a TableEndpoint with user information in it; put credentials in AccountKey or SharedAccessSignature.');
  const cleanUrl = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  const emulator = isLoopback(url.hostname) || accountName === DEV_ACCOUNT;
  if (url.protocol === 'http:' && !emulator) {
    fail(`points at ${cleanUrl} over plain http; use https (http is only accepted for the local storage emulator).`);
  }

  let credential: AzureNamedKeyCredential | AzureSASCredential;
  if (accountKey !== undefined && accountKey !== '') {
    if (!accountName) fail('has an AccountKey but no AccountName.');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(accountKey) || accountKey.length % 4 !== 0)
      fail('has an AccountKey that is not base64 (copy it again from the portal).');
    credential = new AzureNamedKeyCredential(accountName ?? '', accountKey);
  } else if (sas) {
    credential = new AzureSASCredential(sas.replace(/^\?/, ''));
  } else {
    return fail('has neither an AccountKey nor a SharedAccessSignature.');
  }
  return {
    url: cleanUrl,
    endpointForMessages: cleanUrl,
    credential,
    allowInsecureConnection: url.protocol === 'http:',
  };
}

/**
 * The cloud default: the table endpoint (AZURE_STORAGE_ACCOUNT_URL) reached with Microsoft
 * Entra tokens, so no account key exists in the app's settings. DefaultAzureCredential picks
 * the App Service's managed identity (AZURE_CLIENT_ID names a user-assigned one) and, on a
 * developer machine, the Azure CLI sign-in. Tokens are sent only over https.
 */
export function azureAccountUrlConnection(accountUrl: string, credential?: TokenCredential): AzureTableConnection {
  let url: URL;
  try {
    url = new URL(accountUrl);
  } catch {
    throw new AzureStoreError('connection-string', 'AZURE_STORAGE_ACCOUNT_URL is not a URL.');
  }
  if (url.protocol !== 'https:')
    throw new AzureStoreError('connection-string', 'AZURE_STORAGE_ACCOUNT_URL must be https.');
  const cleanUrl = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  return {
    url: cleanUrl,
    endpointForMessages: cleanUrl,
    credential: credential ?? new DefaultAzureCredential(),
    allowInsecureConnection: false,
  };
}

/** One TableClient for a connection, whichever credential kind it carries. */
export function createTableClient(
  connection: AzureTableConnection,
  tableName: string,
  options: TableServiceClientOptions,
): TableClient {
  const { credential } = connection;
  if (credential instanceof AzureSASCredential) return new TableClient(connection.url, tableName, credential, options);
  if (credential instanceof AzureNamedKeyCredential)
    return new TableClient(connection.url, tableName, credential, options);
  return new TableClient(connection.url, tableName, credential, options);
}
