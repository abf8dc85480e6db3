import { systemClock, type Clock } from '../time/clock';
import type { TokenCredential } from '@azure/identity';
import { azureAccountUrlConnection, parseAzureConnectionString } from './azureConnection';
import { createAzureConversations } from './azureConversations';
import { createAzureKv } from './azureKv';
import { createAzureRegistrations } from './azureRegistrations';
import { AzureStoreError } from './azureStoreError';
import { createAzureTables } from './azureTables';
import type { FullStore, KvEntry, KvRecord, RegistrationField, StoredConversation, StoredRegistration } from './store';
import { assertOpen } from './storeValues';

export interface AzureTableStoreOptions {
  /** AZURE_STORAGE_CONNECTION_STRING (a secret: never logged, never quoted in errors); or accountUrl. */
  readonly connectionString?: string;
  /** AZURE_STORAGE_ACCOUNT_URL: the table endpoint, reached with Entra tokens (managed identity). */
  readonly accountUrl?: string;
  /** For accountUrl; default DefaultAzureCredential. */
  readonly tokenCredential?: TokenCredential;
  /** Prepended to the table names (`<prefix>registrations`, `<prefix>conversations`, `<prefix>kv`). */
  readonly tablePrefix?: string;
  /** Decides kv expiry; default the wall clock. */
  readonly clock?: Clock;
  /** Bound on each storage call, retries included; default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Retries of a failed request (network errors, 408, 5xx) by the SDK; default 3. */
  readonly maxRetries?: number;
}

export const DEFAULT_AZURE_TABLE_PREFIX = 'consentbot';

/** The Azure store plus where its data lives (for logs: no credentials in it). */
export interface AzureTableStore extends FullStore {
  readonly endpoint: string;
  readonly tableNames: readonly string[];
}

/**
 * The store for scaled-out deployments: several bot instances share one Azure Storage account
 * (or Azurite) through three tables. Semantics match the SQLite and memory stores (one
 * contract suite runs against all three); cross-instance atomicity comes from etags and
 * entity group transactions, see azureKv.ts and azureRegistrationEntity.ts. Tables are created
 * on first use, so constructing the store makes no request; a bad connection string throws
 * here, an unreachable account on the first call (AzureStoreError either way).
 */
export function createAzureTableStore(options: AzureTableStoreOptions): AzureTableStore {
  const prefix = options.tablePrefix ?? DEFAULT_AZURE_TABLE_PREFIX;
  if (!/^[A-Za-z][A-Za-z0-9]{0,49}$/.test(prefix)) {
    throw new AzureStoreError(
      'connection-string',
      'The Azure table prefix must start with a letter and hold only letters and digits (at most 50).',
    );
  }
  const connection =
    options.accountUrl !== undefined
      ? azureAccountUrlConnection(options.accountUrl, options.tokenCredential)
      : parseAzureConnectionString(options.connectionString ?? '');
  const table = createAzureTables({
    connection,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 3,
  });
  const clock = options.clock ?? systemClock;
  const tableNames = [`${prefix}registrations`, `${prefix}conversations`, `${prefix}kv`] as const;
  const registrations = createAzureRegistrations(table(tableNames[0]));
  const conversations = createAzureConversations(table(tableNames[1]));
  const kv = createAzureKv(table(tableNames[2]), clock);
  let closed = false;
  const open = (): void => assertOpen(closed, 'Azure Table');

  return {
    endpoint: connection.endpointForMessages,
    tableNames,
    async saveRegistration(registration: StoredRegistration): Promise<void> {
      open();
      await registrations.save(registration);
    },
    async updateRegistrationIfPresent(
      registration: StoredRegistration,
      fields?: readonly RegistrationField[],
    ): Promise<boolean> {
      open();
      return registrations.save(registration, true, fields);
    },
    async getRegistration(id: string): Promise<StoredRegistration | undefined> {
      open();
      return registrations.get(id);
    },
    async listRegistrations(ownerId: string): Promise<StoredRegistration[]> {
      open();
      return registrations.list(ownerId);
    },
    async deleteRegistration(id: string, ownerId: string): Promise<boolean> {
      open();
      return registrations.delete(id, ownerId);
    },
    async listDueRegistrations(dueBy: string, limit: number): Promise<StoredRegistration[]> {
      open();
      return registrations.listDue(dueBy, limit);
    },
    async saveConversation(conversation: StoredConversation): Promise<void> {
      open();
      await conversations.save(conversation);
    },
    async getConversation(key: string): Promise<StoredConversation | undefined> {
      open();
      return conversations.get(key);
    },
    async deleteConversation(key: string): Promise<void> {
      open();
      await conversations.delete(key);
    },
    async putKv<T>(namespace: string, key: string, record: KvRecord<T>): Promise<void> {
      open();
      await kv.put(namespace, key, record);
    },
    async getKv<T>(namespace: string, key: string): Promise<T | undefined> {
      open();
      return kv.get<T>(namespace, key);
    },
    async takeKv<T>(namespace: string, key: string): Promise<T | undefined> {
      open();
      return kv.take<T>(namespace, key);
    },
    async deleteKv(namespace: string, key: string): Promise<void> {
      open();
      await kv.delete(namespace, key);
    },
    async putKvIfAbsent<T>(namespace: string, key: string, record: KvRecord<T>): Promise<boolean> {
      open();
      return kv.putIfAbsent(namespace, key, record);
    },
    async putKvIfAbsentOrEqual<T>(namespace: string, key: string, record: KvRecord<T>): Promise<boolean> {
      open();
      return kv.putIfAbsent(namespace, key, record, { orEqual: true });
    },
    async listKv<T>(namespace: string, keyPrefix = ''): Promise<KvEntry<T>[]> {
      open();
      return kv.list<T>(namespace, keyPrefix);
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}
