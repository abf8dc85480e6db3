import { odata, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import type { EntityProps } from './azureEntityText';
import { decodeKeyPart, prefixUpperBound } from './azureKeys';
import {
  DUE_PREFIX,
  REGISTRATION_PARTITION as PK,
  dueRowKey,
  mainRowKey,
  ownerRowKey,
  ownerRowPrefix,
  parseDueRowKey,
  registrationFromEntity,
  registrationToProps,
} from './azureRegistrationEntity';
import { retryOnConflict } from './azureStoreError';
import type { AzureTable } from './azureTables';
import { mergeRegistrationFields, type RegistrationField, type StoredRegistration } from './store';
import { compareByLabel, toEpochMs } from './storeValues';

type Row = TableEntityResult<EntityProps>;

/** The registration half of the Azure store (see azureRegistrationEntity for the layout). */
export interface AzureRegistrations {
  /** With onlyIfPresent, writes nothing and answers false when the registration is gone. */
  /** `fields`: merge only these into the stored version (see Store.updateRegistrationIfPresent). */
  save(
    registration: StoredRegistration,
    onlyIfPresent?: boolean,
    fields?: readonly RegistrationField[],
  ): Promise<boolean>;
  get(id: string): Promise<StoredRegistration | undefined>;
  list(ownerId: string): Promise<StoredRegistration[]>;
  delete(id: string, ownerId: string): Promise<boolean>;
  listDue(dueBy: string, limit: number): Promise<StoredRegistration[]>;
}

const dueMsOf = (nextDueAt: unknown): number | undefined => {
  const ms = typeof nextDueAt === 'string' ? Date.parse(nextDueAt) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
};

/** Reads and writes registrations; every change is one transaction guarded by the record's etag. */
export function createAzureRegistrations(table: AzureTable): AzureRegistrations {
  const readMain = async (id: string): Promise<Row | undefined> => {
    const got = await table.attempt(`reading a registration`, [404], (c, abortSignal) =>
      c.getEntity<EntityProps>(PK, mainRowKey(id), { abortSignal }),
    );
    return got.ok ? got.value : undefined;
  };
  const readMany = async (ids: readonly string[]): Promise<StoredRegistration[]> => {
    const out: StoredRegistration[] = [];
    for (let i = 0; i < ids.length; i += 16) {
      const rows = await Promise.all(ids.slice(i, i + 16).map(async (id) => ({ id, row: await readMain(id) })));
      for (const { id, row } of rows) if (row) out.push(registrationFromEntity(row, id));
    }
    return out;
  };
  /** Row keys of the partition in [from, to), read page by page while `more` says so. */
  const rowKeysIn = (
    what: string,
    range: { from: string; to: string; pageSize?: number },
    more: (keys: readonly string[]) => boolean,
  ): Promise<string[]> =>
    table.run(what, async (c, abortSignal) => {
      const keys: string[] = [];
      const filter = odata`PartitionKey eq ${PK} and RowKey ge ${range.from} and RowKey lt ${range.to}`;
      const pages = c
        .listEntities<EntityProps>({ queryOptions: { filter, select: ['RowKey'] }, abortSignal })
        .byPage({ maxPageSize: range.pageSize ?? 1000 });
      for await (const page of pages) {
        for (const row of page) if (typeof row.rowKey === 'string') keys.push(row.rowKey);
        if (!more(keys)) break;
      }
      return keys;
    });

  return {
    async save(update, onlyIfPresent = false, fields) {
      let written = true;
      if (update.nextDueAt !== undefined) toEpochMs(update.nextDueAt, 'nextDueAt');
      await retryOnConflict('saving a registration', async () => {
        const current = await readMain(update.id);
        if (!current && onlyIfPresent) {
          written = false;
          return true;
        }
        // A partial update merges into the version just read; its etag guards the write.
        const registration =
          current && fields
            ? mergeRegistrationFields(registrationFromEntity(current, update.id), update, fields)
            : update;
        const newDueMs =
          registration.nextDueAt === undefined ? undefined : toEpochMs(registration.nextDueAt, 'nextDueAt');
        const main = { partitionKey: PK, rowKey: mainRowKey(registration.id), ...registrationToProps(registration) };
        const ownerRow = { partitionKey: PK, rowKey: ownerRowKey(registration.ownerId, registration.id) };
        const dueRow =
          newDueMs === undefined ? undefined : { partitionKey: PK, rowKey: dueRowKey(newDueMs, registration.id) };
        const actions: TransactionAction[] = [
          current ? ['update', main, 'Replace', { etag: current.etag }] : ['create', main],
        ];
        const oldOwner =
          typeof current?.ownerId === 'string' ? ownerRowKey(current.ownerId, registration.id) : undefined;
        if (oldOwner !== undefined && oldOwner !== ownerRow.rowKey)
          actions.push(['delete', { partitionKey: PK, rowKey: oldOwner }]);
        actions.push(['upsert', ownerRow, 'Replace']);
        const oldDueMs = dueMsOf(current?.nextDueAt);
        const oldDue = oldDueMs === undefined ? undefined : dueRowKey(oldDueMs, registration.id);
        if (oldDue !== undefined && oldDue !== dueRow?.rowKey)
          actions.push(['delete', { partitionKey: PK, rowKey: oldDue }]);
        if (dueRow) actions.push(['upsert', dueRow, 'Replace']);
        const done = await table.attempt('saving a registration', [404, 409, 412], (c, abortSignal) =>
          c.submitTransaction(actions, { abortSignal }),
        );
        return done.ok;
      });
      return written;
    },

    async get(id) {
      const row = await readMain(id);
      return row && registrationFromEntity(row, id);
    },

    async list(ownerId) {
      const prefix = ownerRowPrefix(ownerId);
      const keys = await rowKeysIn('listing registrations', { from: prefix, to: prefixUpperBound(prefix) }, () => true);
      const ids = keys.map((k) => decodeKeyPart(k.slice(prefix.length))).filter((id): id is string => id !== undefined);
      return (await readMany(ids)).filter((r) => r.ownerId === ownerId).sort(compareByLabel);
    },

    async delete(id, ownerId) {
      let deleted = false;
      await retryOnConflict('deleting a registration', async () => {
        const current = await readMain(id);
        if (!current || current.ownerId !== ownerId) return true;
        const actions: TransactionAction[] = [
          ['delete', { partitionKey: PK, rowKey: mainRowKey(id) }],
          ['delete', { partitionKey: PK, rowKey: ownerRowKey(ownerId, id) }],
        ];
        const dueMs = dueMsOf(current.nextDueAt);
        if (dueMs !== undefined) actions.push(['delete', { partitionKey: PK, rowKey: dueRowKey(dueMs, id) }]);
        const done = await table.attempt('deleting a registration', [404, 409, 412], (c, abortSignal) =>
          c.submitTransaction(actions, { abortSignal }),
        );
        deleted = done.ok;
        return done.ok;
      });
      return deleted;
    },

    async listDue(dueBy, limit) {
      const dueMs = toEpochMs(dueBy, 'dueBy');
      const max = Math.max(0, Math.floor(limit));
      if (max === 0) return [];
      // Server order is time, then encoded id: read on past `max` while the time still ties
      // with the max-th row, then order by (time, id) as the other stores do and cut at `max`.
      const timeOf = (rowKey: string | undefined): string =>
        rowKey === undefined ? '' : (parseDueRowKey(rowKey)?.time ?? '');
      const range = { from: DUE_PREFIX, to: dueRowKey(dueMs + 1, ''), pageSize: Math.min(1000, max + 1) };
      const keys = await rowKeysIn(
        'listing due registrations',
        range,
        (read) => read.length < max || timeOf(read[read.length - 1]) === timeOf(read[max - 1]),
      );
      const cutoff = timeOf(keys[max - 1]);
      const due = keys
        .map((k) => parseDueRowKey(k))
        .filter(
          (p): p is { time: string; encodedId: string } => p !== undefined && (keys.length <= max || p.time <= cutoff),
        );
      const ids = due.map((p) => decodeKeyPart(p.encodedId)).filter((id): id is string => id !== undefined);
      const found = await readMany(ids);
      return found
        .filter((r) => r.nextDueAt !== undefined && Date.parse(r.nextDueAt) <= dueMs)
        .sort(
          (a, b) =>
            Date.parse(a.nextDueAt ?? '') - Date.parse(b.nextDueAt ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        )
        .slice(0, max);
    },
  };
}
