import { systemClock, type Clock } from '../time/clock';
import {
  mergeRegistrationFields,
  type FullStore,
  type KvEntry,
  type KvRecord,
  type RegistrationField,
  type StoredConversation,
  type StoredRegistration,
} from './store';
import { assertOpen, compareByLabel, isLive, toEpochMs } from './storeValues';

export interface MemoryStoreOptions {
  /** Decides kv expiry; default the wall clock. */
  readonly clock?: Clock;
}

/**
 * An in-process Store for tests of other layers (and nothing else: it forgets on exit).
 * Values are copied through JSON on the way in and out, as the SQLite store does, so a test
 * cannot pass by mutating an object after saving it, and both stores pass one contract suite.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): FullStore {
  const clock = options.clock ?? systemClock;
  const registrations = new Map<string, string>();
  const conversations = new Map<string, string>();
  const kv = new Map<string, { text: string; expiresMs: number | null }>();
  let closed = false;

  const open = (): void => assertOpen(closed, 'memory');
  const copy = <T>(text: string): T => JSON.parse(text) as T;
  const kvKey = (namespace: string, key: string): string => JSON.stringify([namespace, key]);
  const nowMs = (): number => clock.now().getTime();
  const live = (namespace: string, key: string): { text: string; expiresMs: number | null } | undefined => {
    const entry = kv.get(kvKey(namespace, key));
    return entry && isLive(entry.expiresMs, nowMs()) ? entry : undefined;
  };
  const toEntry = (record: KvRecord<unknown>): { text: string; expiresMs: number | null } => ({
    text: JSON.stringify(record.value ?? null),
    expiresMs: record.expiresAt === undefined ? null : toEpochMs(record.expiresAt, 'expiresAt'),
  });
  const allRegistrations = (): StoredRegistration[] =>
    [...registrations.values()].map((text) => copy<StoredRegistration>(text));

  return {
    async saveRegistration(registration: StoredRegistration): Promise<void> {
      open();
      if (registration.nextDueAt !== undefined) toEpochMs(registration.nextDueAt, 'nextDueAt');
      registrations.set(registration.id, JSON.stringify(registration));
    },
    async updateRegistrationIfPresent(
      registration: StoredRegistration,
      fields?: readonly RegistrationField[],
    ): Promise<boolean> {
      open();
      if (registration.nextDueAt !== undefined) toEpochMs(registration.nextDueAt, 'nextDueAt');
      const current = registrations.get(registration.id);
      if (current === undefined) return false;
      const next = fields
        ? mergeRegistrationFields(copy<StoredRegistration>(current), registration, fields)
        : registration;
      registrations.set(registration.id, JSON.stringify(next));
      return true;
    },
    async getRegistration(id: string): Promise<StoredRegistration | undefined> {
      open();
      const text = registrations.get(id);
      return text === undefined ? undefined : copy<StoredRegistration>(text);
    },
    async listRegistrations(ownerId: string): Promise<StoredRegistration[]> {
      open();
      return allRegistrations()
        .filter((r) => r.ownerId === ownerId)
        .sort(compareByLabel);
    },
    async deleteRegistration(id: string, ownerId: string): Promise<boolean> {
      open();
      const text = registrations.get(id);
      if (text === undefined || copy<StoredRegistration>(text).ownerId !== ownerId) return false;
      return registrations.delete(id);
    },
    async listDueRegistrations(dueBy: string, limit: number): Promise<StoredRegistration[]> {
      open();
      const dueMs = toEpochMs(dueBy, 'dueBy');
      return allRegistrations()
        .filter((r) => r.nextDueAt !== undefined && Date.parse(r.nextDueAt) <= dueMs)
        .sort(
          (a, b) =>
            Date.parse(a.nextDueAt ?? '') - Date.parse(b.nextDueAt ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        )
        .slice(0, Math.max(0, Math.floor(limit)));
    },
    async saveConversation(conversation: StoredConversation): Promise<void> {
      open();
      conversations.set(conversation.key, JSON.stringify(conversation));
    },
    async getConversation(key: string): Promise<StoredConversation | undefined> {
      open();
      const text = conversations.get(key);
      return text === undefined ? undefined : copy<StoredConversation>(text);
    },
    async deleteConversation(key: string): Promise<void> {
      open();
      conversations.delete(key);
    },
    async putKv<T>(namespace: string, key: string, record: KvRecord<T>): Promise<void> {
      open();
      kv.set(kvKey(namespace, key), toEntry(record));
    },
    async getKv<T>(namespace: string, key: string): Promise<T | undefined> {
      open();
      const entry = live(namespace, key);
      return entry && copy<T>(entry.text);
    },
    async takeKv<T>(namespace: string, key: string): Promise<T | undefined> {
      open();
      const entry = live(namespace, key);
      kv.delete(kvKey(namespace, key));
      return entry && copy<T>(entry.text);
    },
    async deleteKv(namespace: string, key: string): Promise<void> {
      open();
      kv.delete(kvKey(namespace, key));
    },
    async putKvIfAbsent<T>(namespace: string, key: string, record: KvRecord<T>): Promise<boolean> {
      open();
      if (live(namespace, key)) return false;
      kv.set(kvKey(namespace, key), toEntry(record));
      return true;
    },
    async putKvIfAbsentOrEqual<T>(namespace: string, key: string, record: KvRecord<T>): Promise<boolean> {
      open();
      const entry = toEntry(record);
      const current = live(namespace, key);
      if (current && current.text !== entry.text) return false;
      kv.set(kvKey(namespace, key), entry);
      return true;
    },
    async listKv<T>(namespace: string, keyPrefix = ''): Promise<KvEntry<T>[]> {
      open();
      const out: KvEntry<T>[] = [];
      for (const [composite, entry] of kv) {
        const [ns, key] = JSON.parse(composite) as [string, string];
        if (ns !== namespace || !key.startsWith(keyPrefix) || !isLive(entry.expiresMs, nowMs())) continue;
        out.push({
          key,
          value: copy<T>(entry.text),
          ...(entry.expiresMs === null ? {} : { expiresAt: new Date(entry.expiresMs).toISOString() }),
        });
      }
      return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}
