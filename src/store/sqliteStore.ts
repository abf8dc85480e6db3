import Database from 'better-sqlite3';
import { mkdirSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { systemClock, type Clock } from '../time/clock';
import { migrate } from './sqliteSchema';
import {
  mergeRegistrationFields,
  type FullStore,
  type KvEntry,
  type KvRecord,
  type RegistrationField,
  type StoredConversation,
  type StoredRegistration,
} from './store';
import { assertOpen, isLive, toEpochMs } from './storeValues';
import {
  conversationFromRow,
  registrationFromRow,
  kvValueFromText,
  type ConversationRow,
  type RegistrationRow,
} from './sqliteRows';

export interface SqliteStoreOptions {
  /** Directory for `store.sqlite` (DATA_DIR); created if absent. */
  readonly dataDir?: string;
  /** Explicit database file (wins over dataDir); ':memory:' works for throwaway stores. */
  readonly filename?: string;
  /** Decides kv expiry; default the wall clock. */
  readonly clock?: Clock;
}

export const SQLITE_FILE_NAME = 'store.sqlite';

/** The SQLite store plus where it lives (for logs and backups). */
export interface SqliteStore extends FullStore {
  readonly filename: string;
}

/**
 * The default, embedded store: one SQLite file in DATA_DIR (WAL journal, so readers never wait
 * for the writer; synchronous=NORMAL, so a process crash loses nothing committed). Prepared
 * statements only; takeKv runs in an IMMEDIATE transaction and putKvIfAbsent is a single
 * conditional upsert, so both stay atomic even with a second process on the same file.
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const filename = options.filename ?? (options.dataDir ? join(resolve(options.dataDir), SQLITE_FILE_NAME) : undefined);
  if (!filename) throw new TypeError('createSqliteStore needs a dataDir or a filename');
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true, mode: 0o700 });
  const clock = options.clock ?? systemClock;
  const db = new Database(filename, { timeout: 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, filename);
  } catch (error) {
    db.close();
    throw error;
  }

  const s = {
    saveRegistration: db.prepare(`INSERT INTO registrations
        (id, owner_id, owner_tenant_id, label, tenant_input, tenant_id, client_id, sealed_secret, secret_hint,
         created_at, updated_at, last_result, last_checked_at, status_card, next_due_at, next_due_ms)
      VALUES (@id, @ownerId, @ownerTenantId, @label, @tenantInput, @tenantId, @clientId, @sealedSecret, @secretHint,
         @createdAt, @updatedAt, @lastResult, @lastCheckedAt, @statusCard, @nextDueAt, @nextDueMs)
      ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, owner_tenant_id = excluded.owner_tenant_id,
        label = excluded.label, tenant_input = excluded.tenant_input, tenant_id = excluded.tenant_id,
        client_id = excluded.client_id, sealed_secret = excluded.sealed_secret, secret_hint = excluded.secret_hint,
        created_at = excluded.created_at, updated_at = excluded.updated_at, last_result = excluded.last_result,
        last_checked_at = excluded.last_checked_at, status_card = excluded.status_card,
        next_due_at = excluded.next_due_at, next_due_ms = excluded.next_due_ms`),
    updateRegistration: db.prepare(`UPDATE registrations SET owner_id = @ownerId, owner_tenant_id = @ownerTenantId,
        label = @label, tenant_input = @tenantInput, tenant_id = @tenantId, client_id = @clientId,
        sealed_secret = @sealedSecret, secret_hint = @secretHint, created_at = @createdAt, updated_at = @updatedAt,
        last_result = @lastResult, last_checked_at = @lastCheckedAt, status_card = @statusCard,
        next_due_at = @nextDueAt, next_due_ms = @nextDueMs WHERE id = @id`),
    getRegistration: db.prepare('SELECT * FROM registrations WHERE id = ?'),
    listRegistrations: db.prepare('SELECT * FROM registrations WHERE owner_id = ? ORDER BY label COLLATE NOCASE, id'),
    deleteRegistration: db.prepare('DELETE FROM registrations WHERE id = ? AND owner_id = ?'),
    listDue: db.prepare(
      'SELECT * FROM registrations WHERE next_due_ms IS NOT NULL AND next_due_ms <= ? ORDER BY next_due_ms, id LIMIT ?',
    ),
    saveConversation: db.prepare(`INSERT INTO conversations (key, scope, tenant_id, user_id, reference, updated_at)
      VALUES (@key, @scope, @tenantId, @userId, @reference, @updatedAt)
      ON CONFLICT (key) DO UPDATE SET scope = excluded.scope, tenant_id = excluded.tenant_id,
        user_id = excluded.user_id, reference = excluded.reference, updated_at = excluded.updated_at`),
    getConversation: db.prepare('SELECT * FROM conversations WHERE key = ?'),
    deleteConversation: db.prepare('DELETE FROM conversations WHERE key = ?'),
    putKv: db.prepare(`INSERT INTO kv (namespace, key, value, expires_ms) VALUES (?, ?, ?, ?)
      ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_ms = excluded.expires_ms`),
    // One statement, so atomic on its own (it takes the write lock, also against a second process):
    // inserts, or replaces only a record that has expired; changes = 0 means a live record won.
    putKvIfAbsent: db.prepare(`INSERT INTO kv (namespace, key, value, expires_ms) VALUES (?, ?, ?, ?)
      ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_ms = excluded.expires_ms
      WHERE kv.expires_ms IS NOT NULL AND kv.expires_ms <= ?`),
    putKvIfAbsentOrEqual: db.prepare(`INSERT INTO kv (namespace, key, value, expires_ms) VALUES (?, ?, ?, ?)
      ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_ms = excluded.expires_ms
      WHERE (kv.expires_ms IS NOT NULL AND kv.expires_ms <= ?) OR kv.value = excluded.value`),
    getKv: db.prepare('SELECT value, expires_ms FROM kv WHERE namespace = ? AND key = ?'),
    deleteKv: db.prepare('DELETE FROM kv WHERE namespace = ? AND key = ?'),
    listKv: db.prepare(`SELECT key, value, expires_ms FROM kv WHERE namespace = ? AND substr(key, 1, length(?)) = ?
      AND (expires_ms IS NULL OR expires_ms > ?) ORDER BY key`),
    purgeKv: db.prepare('DELETE FROM kv WHERE expires_ms IS NOT NULL AND expires_ms <= ?'),
  };

  let closed = false;
  const open = (): void => assertOpen(closed, 'SQLite');
  const nowMs = (): number => clock.now().getTime();
  const expiryMs = (record: KvRecord<unknown>): number | null =>
    record.expiresAt === undefined ? null : toEpochMs(record.expiresAt, 'expiresAt');
  const readLiveKv = (namespace: string, key: string): { text: string } | undefined => {
    const row = s.getKv.get(namespace, key) as { value: string; expires_ms: number | null } | undefined;
    return row && isLive(row.expires_ms, nowMs()) ? { text: row.value } : undefined;
  };

  const take = db.transaction((namespace: string, key: string): string | undefined => {
    const live = readLiveKv(namespace, key);
    s.deleteKv.run(namespace, key);
    return live?.text;
  });

  /** Read, merge and write in one IMMEDIATE transaction: atomic against other processes too. */
  const mergeUpdate = db.transaction((registration: StoredRegistration, fields: readonly RegistrationField[]) => {
    const row = s.getRegistration.get(registration.id) as RegistrationRow | undefined;
    if (!row) return false;
    const merged = mergeRegistrationFields(registrationFromRow(row), registration, fields);
    return s.updateRegistration.run(registrationParams(merged)).changes > 0;
  });

  return {
    filename,
    async saveRegistration(registration: StoredRegistration): Promise<void> {
      open();
      s.saveRegistration.run(registrationParams(registration));
    },
    async updateRegistrationIfPresent(
      registration: StoredRegistration,
      fields?: readonly RegistrationField[],
    ): Promise<boolean> {
      open();
      if (!fields) return s.updateRegistration.run(registrationParams(registration)).changes > 0;
      return mergeUpdate(registration, fields);
    },
    async getRegistration(id: string): Promise<StoredRegistration | undefined> {
      open();
      const row = s.getRegistration.get(id) as RegistrationRow | undefined;
      return row && registrationFromRow(row);
    },
    async listRegistrations(ownerId: string): Promise<StoredRegistration[]> {
      open();
      return (s.listRegistrations.all(ownerId) as RegistrationRow[]).map(registrationFromRow);
    },
    async deleteRegistration(id: string, ownerId: string): Promise<boolean> {
      open();
      return s.deleteRegistration.run(id, ownerId).changes > 0;
    },
    async listDueRegistrations(dueBy: string, limit: number): Promise<StoredRegistration[]> {
      open();
      const rows = s.listDue.all(toEpochMs(dueBy, 'dueBy'), Math.max(0, Math.floor(limit))) as RegistrationRow[];
      return rows.map(registrationFromRow);
    },
    async saveConversation(conversation: StoredConversation): Promise<void> {
      open();
      s.saveConversation.run({
        key: conversation.key,
        scope: conversation.scope,
        tenantId: conversation.tenantId ?? null,
        userId: conversation.userId ?? null,
        reference: JSON.stringify(conversation.reference),
        updatedAt: conversation.updatedAt,
      });
    },
    async getConversation(key: string): Promise<StoredConversation | undefined> {
      open();
      const row = s.getConversation.get(key) as ConversationRow | undefined;
      return row && conversationFromRow(row);
    },
    async deleteConversation(key: string): Promise<void> {
      open();
      s.deleteConversation.run(key);
    },
    async putKv<T>(namespace: string, key: string, record: KvRecord<T>): Promise<void> {
      open();
      s.putKv.run(namespace, key, JSON.stringify(record.value ?? null), expiryMs(record));
      s.purgeKv.run(nowMs());
    },
    async getKv<T>(namespace: string, key: string): Promise<T | undefined> {
      open();
      const live = readLiveKv(namespace, key);
      return live && kvValueFromText<T>(live.text, namespace);
    },
    async takeKv<T>(namespace: string, key: string): Promise<T | undefined> {
      open();
      const text = take.immediate(namespace, key);
      return text === undefined ? undefined : kvValueFromText<T>(text, namespace);
    },
    async deleteKv(namespace: string, key: string): Promise<void> {
      open();
      s.deleteKv.run(namespace, key);
    },
    async putKvIfAbsent<T>(namespace: string, key: string, record: KvRecord<T>): Promise<boolean> {
      open();
      const value = JSON.stringify(record.value ?? null);
      return s.putKvIfAbsent.run(namespace, key, value, expiryMs(record), nowMs()).changes > 0;
    },
    async putKvIfAbsentOrEqual<T>(namespace: string, key: string, record: KvRecord<T>): Promise<boolean> {
      open();
      const value = JSON.stringify(record.value ?? null);
      return s.putKvIfAbsentOrEqual.run(namespace, key, value, expiryMs(record), nowMs()).changes > 0;
    },
    async listKv<T>(namespace: string, keyPrefix = ''): Promise<KvEntry<T>[]> {
      open();
      const rows = s.listKv.all(namespace, keyPrefix, keyPrefix, nowMs()) as Array<{
        key: string;
        value: string;
        expires_ms: number | null;
      }>;
      return rows.map((row) => ({
        key: row.key,
        value: kvValueFromText<T>(row.value, namespace),
        ...(row.expires_ms === null ? {} : { expiresAt: new Date(row.expires_ms).toISOString() }),
      }));
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

/** SQLite bind parameters of one registration (shared by the upsert and the update-if-present). */
function registrationParams(registration: StoredRegistration): Record<string, string | number | null> {
  return {
    id: registration.id,
    ownerId: registration.ownerId,
    ownerTenantId: registration.ownerTenantId,
    label: registration.label,
    tenantInput: registration.tenantInput,
    tenantId: registration.tenantId,
    clientId: registration.clientId,
    sealedSecret: registration.sealedSecret,
    secretHint: registration.secretHint,
    createdAt: registration.createdAt,
    updatedAt: registration.updatedAt,
    lastResult: registration.lastResult === undefined ? null : JSON.stringify(registration.lastResult),
    lastCheckedAt: registration.lastCheckedAt ?? null,
    statusCard: registration.statusCard === undefined ? null : JSON.stringify(registration.statusCard),
    nextDueAt: registration.nextDueAt ?? null,
    nextDueMs: registration.nextDueAt === undefined ? null : toEpochMs(registration.nextDueAt, 'nextDueAt'),
  };
}
