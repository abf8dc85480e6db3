import { odata, type TableEntityResult } from '@azure/data-tables';
import type { Clock } from '../time/clock';
import { checkEntitySize, getJson, getText, putText, type EntityProps } from './azureEntityText';
import { checkKeyLength, decodeKeyPart, encodeKeyPart, prefixUpperBound } from './azureKeys';
import { retryOnConflict } from './azureStoreError';
import type { AzureTable } from './azureTables';
import type { KvEntry, KvRecord } from './store';
import { isLive, toEpochMs } from './storeValues';

type Row = TableEntityResult<EntityProps>;
const TABLE = 'kv';

/** The key/value half of the Azure store: PartitionKey = namespace, RowKey = key (both encoded). */
export interface AzureKv {
  put<T>(namespace: string, key: string, record: KvRecord<T>): Promise<void>;
  get<T>(namespace: string, key: string): Promise<T | undefined>;
  take<T>(namespace: string, key: string): Promise<T | undefined>;
  delete(namespace: string, key: string): Promise<void>;
  /** `orEqual`: a live record with the same value is replaced too (a holder renewing its lease). */
  putIfAbsent<T>(
    namespace: string,
    key: string,
    record: KvRecord<T>,
    options?: { orEqual?: boolean },
  ): Promise<boolean>;
  list<T>(namespace: string, keyPrefix: string): Promise<KvEntry<T>[]>;
}

/**
 * Single-use and claim semantics across processes come from the service, not from a lock:
 * take = read with etag, then delete If-Match (a 412 means someone changed it: read again; a
 * 404 means someone took it); putIfAbsent = create (409 = present), and an expired record is
 * replaced If-Match its etag so two claimants cannot both renew it. Azure Table has no TTL:
 * an expired record reads as absent and is deleted (etag-guarded) when next touched.
 */
export function createAzureKv(table: AzureTable, clock: Clock): AzureKv {
  const pk = (namespace: string): string => checkKeyLength(encodeKeyPart(namespace), 'key/value namespace');
  const rk = (key: string): string => checkKeyLength(encodeKeyPart(key), 'key/value key');
  const ref = (namespace: string): string => `in namespace ${JSON.stringify(namespace)}`;
  const live = (row: Row): boolean => {
    const expiresAt = row.expiresAt;
    return isLive(typeof expiresAt === 'string' ? Date.parse(expiresAt) : null, clock.now().getTime());
  };
  const valueOf = <T>(row: Row, namespace: string): T => getJson(row, 'value', TABLE, ref(namespace)) as T;
  const toEntity = <T>(
    namespace: string,
    key: string,
    record: KvRecord<T>,
  ): EntityProps & { partitionKey: string; rowKey: string } => {
    const expiresMs = record.expiresAt === undefined ? undefined : toEpochMs(record.expiresAt, 'expiresAt');
    const props: EntityProps = {};
    putText(props, 'value', JSON.stringify(record.value ?? null));
    if (expiresMs !== undefined) props.expiresAt = new Date(expiresMs).toISOString();
    checkEntitySize(props, `key/value record ${ref(namespace)}`);
    return { partitionKey: pk(namespace), rowKey: rk(key), ...props };
  };
  const read = async (namespace: string, key: string): Promise<Row | undefined> => {
    const got = await table.attempt('reading a key/value record', [404], (c, abortSignal) =>
      c.getEntity<EntityProps>(pk(namespace), rk(key), { abortSignal }),
    );
    return got.ok ? got.value : undefined;
  };
  /** Deletes only the version that was read; true when that version is gone now. */
  const deleteVersion = async (row: Row): Promise<'deleted' | 'gone' | 'changed'> => {
    const done = await table.attempt('deleting a key/value record', [404, 412], (c, abortSignal) =>
      c.deleteEntity(row.partitionKey ?? '', row.rowKey ?? '', { etag: row.etag, abortSignal }),
    );
    return done.ok ? 'deleted' : done.status === 404 ? 'gone' : 'changed';
  };
  const forgetExpired = async (row: Row): Promise<void> => {
    await deleteVersion(row).catch(() => undefined);
  };

  return {
    async put(namespace, key, record) {
      const entity = toEntity(namespace, key, record);
      await table.run('writing a key/value record', (c, abortSignal) =>
        c.upsertEntity(entity, 'Replace', { abortSignal }),
      );
    },

    async get<T>(namespace: string, key: string) {
      const row = await read(namespace, key);
      if (!row) return undefined;
      if (live(row)) return valueOf<T>(row, namespace);
      await forgetExpired(row);
      return undefined;
    },

    async take<T>(namespace: string, key: string) {
      let taken: { row: Row } | undefined;
      await retryOnConflict('taking a key/value record', async () => {
        const row = await read(namespace, key);
        if (!row) return true;
        if (!live(row)) {
          await forgetExpired(row);
          return true;
        }
        const outcome = await deleteVersion(row);
        if (outcome === 'deleted') taken = { row };
        return outcome !== 'changed';
      });
      return taken && valueOf<T>(taken.row, namespace);
    },

    async delete(namespace, key) {
      await table.attempt('deleting a key/value record', [404], (c, abortSignal) =>
        c.deleteEntity(pk(namespace), rk(key), { abortSignal }),
      );
    },

    async putIfAbsent(namespace, key, record, options = {}) {
      const entity = toEntity(namespace, key, record);
      let written = false;
      await retryOnConflict('claiming a key/value record', async () => {
        const created = await table.attempt('claiming a key/value record', [409], (c, abortSignal) =>
          c.createEntity(entity, { abortSignal }),
        );
        if (created.ok) return (written = true);
        const row = await read(namespace, key);
        if (!row) return false;
        const same =
          options.orEqual === true &&
          getText(row, 'value', TABLE, ref(namespace)) === JSON.stringify(record.value ?? null);
        if (live(row) && !same) return true;
        const replaced = await table.attempt('renewing an expired key/value record', [404, 412], (c, abortSignal) =>
          c.updateEntity(entity, 'Replace', { etag: row.etag, abortSignal }),
        );
        return (written = replaced.ok);
      });
      return written;
    },

    async list<T>(namespace: string, keyPrefix: string) {
      const from = encodeKeyPart(keyPrefix);
      const rows = await table.run('listing key/value records', async (c, abortSignal) => {
        const out: Row[] = [];
        const filter = odata`PartitionKey eq ${pk(namespace)} and RowKey ge ${from} and RowKey lt ${prefixUpperBound(from)}`;
        for await (const row of c.listEntities<EntityProps>({ queryOptions: { filter }, abortSignal })) out.push(row);
        return out;
      });
      const entries: KvEntry<T>[] = [];
      for (const row of rows) {
        const key = decodeKeyPart(row.rowKey ?? '~');
        if (key === undefined) continue;
        if (!live(row)) {
          await forgetExpired(row);
          continue;
        }
        const expiresAt = row.expiresAt;
        entries.push({
          key,
          value: valueOf<T>(row, namespace),
          ...(typeof expiresAt === 'string' ? { expiresAt } : {}),
        });
      }
      return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
  };
}
