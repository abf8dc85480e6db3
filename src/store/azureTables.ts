import { AzureNamedKeyCredential, AzureSASCredential, type TableClient } from '@azure/data-tables';
import { createTableClient, type AzureTableConnection } from './azureConnection';
import { AzureStoreError, CREDENTIAL_ADVICE, statusOf, toAzureStoreError } from './azureStoreError';
import { StoreDataError } from './storeDataError';

/** An answer the caller expected and handles itself (404 absent, 409 exists, 412 changed). */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number };

/** One table, created on first use, every call bounded in time and its failures explained. */
export interface AzureTable {
  readonly name: string;
  /** Runs an SDK call; any failure becomes an AzureStoreError. */
  run<T>(what: string, call: (client: TableClient, signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Like run, but the listed HTTP statuses come back as `{ ok: false, status }`. */
  attempt<T>(
    what: string,
    expected: readonly number[],
    call: (client: TableClient, signal: AbortSignal) => Promise<T>,
  ): Promise<Outcome<T>>;
}

export interface AzureTablesOptions {
  readonly connection: AzureTableConnection;
  readonly requestTimeoutMs: number;
  readonly maxRetries: number;
}

/**
 * Opens tables lazily: the first call on a table creates it if needed (an existing table is
 * fine), and a failed creation is retried by the next call instead of being remembered.
 */
export function createAzureTables(options: AzureTablesOptions): (tableName: string) => AzureTable {
  const { connection, requestTimeoutMs } = options;
  const endpoint = connection.endpointForMessages;
  const { credential } = connection;
  const advice =
    credential instanceof AzureNamedKeyCredential
      ? CREDENTIAL_ADVICE.key
      : credential instanceof AzureSASCredential
        ? CREDENTIAL_ADVICE.sas
        : CREDENTIAL_ADVICE.identity;
  const explain = (error: unknown, what: string): Error =>
    toAzureStoreError(error, endpoint, what, requestTimeoutMs, advice);

  return (tableName: string): AzureTable => {
    const clientOptions = {
      allowInsecureConnection: connection.allowInsecureConnection,
      retryOptions: { maxRetries: options.maxRetries, retryDelayInMs: 200, maxRetryDelayInMs: 5000 },
    };
    const client = createTableClient(connection, tableName, clientOptions);
    let ready: Promise<void> | undefined;
    const ensureTable = (): Promise<void> => {
      ready ??= client.createTable({ abortSignal: AbortSignal.timeout(requestTimeoutMs) }).then(
        () => undefined,
        (error: unknown) => {
          ready = undefined;
          throw explain(error, `creating the table ${tableName}`);
        },
      );
      return ready;
    };
    const attempt = async <T>(
      what: string,
      expected: readonly number[],
      call: (c: TableClient, signal: AbortSignal) => Promise<T>,
    ): Promise<Outcome<T>> => {
      await ensureTable(); // explains its own failures
      try {
        return { ok: true, value: await call(client, AbortSignal.timeout(requestTimeoutMs)) };
      } catch (error) {
        if (error instanceof AzureStoreError || error instanceof StoreDataError) throw error; // ours, already clear
        const status = statusOf(error);
        if (status !== undefined && expected.includes(status)) return { ok: false, status };
        throw explain(error, what);
      }
    };
    const run = async <T>(what: string, call: (c: TableClient, signal: AbortSignal) => Promise<T>): Promise<T> => {
      const outcome = await attempt(what, [], call);
      if (outcome.ok) return outcome.value;
      throw explain({ statusCode: outcome.status }, what); // unreachable: nothing was expected
    };
    return { name: tableName, attempt, run };
  };
}
