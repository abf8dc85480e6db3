import type { CheckResult } from '../consent';

/**
 * One connector registration kept for a Teams user. The secret is only ever held sealed
 * (AES-256-GCM, see sealing.ts); `secretHint` is the first three characters Entra ID itself
 * shows, used to tell which passwordCredential is in use.
 */
export interface StoredRegistration {
  readonly id: string;
  /** Entra object id (aadObjectId) of the Teams user who registered it, else the Teams user id. */
  readonly ownerId: string;
  /** The Teams tenant the owner chatted from. */
  readonly ownerTenantId: string;
  /** A short name the user picks registrations by (app display name once known, else client id). */
  readonly label: string;
  readonly tenantInput: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly sealedSecret: string;
  readonly secretHint: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastResult?: CheckResult;
  readonly lastCheckedAt?: string;
  /** The personal-chat status card to update in place after a consent callback. */
  readonly statusCard?: { readonly conversationKey: string; readonly activityId: string };
  /**
   * When the reminder sweep next needs to look at this registration (ISO time). Indexed, so
   * the sweep selects due work without reading every registration. Absent = never due.
   */
  readonly nextDueAt?: string;
}

/** The fields a partial update may write (never the id, owner or sealed secret of another copy). */
export type RegistrationField =
  'label' | 'tenantId' | 'lastResult' | 'lastCheckedAt' | 'statusCard' | 'nextDueAt' | 'updatedAt';

/** `current` with the listed fields of `update` (an absent optional field is removed). */
export function mergeRegistrationFields(
  current: StoredRegistration,
  update: StoredRegistration,
  fields: readonly RegistrationField[],
): StoredRegistration {
  const merged: Record<string, unknown> = { ...current };
  for (const field of fields) {
    if (update[field] === undefined) delete merged[field];
    else merged[field] = update[field];
  }
  return merged as unknown as StoredRegistration;
}

/**
 * A Bot Framework conversation reference, kept as plain JSON so the store knows nothing of
 * Teams types. Saved only from authenticated turns.
 */
export interface StoredConversation {
  /** conversation.id (plus nothing else): unique per chat/channel thread. */
  readonly key: string;
  readonly scope: 'personal' | 'groupChat' | 'channel';
  readonly tenantId?: string;
  readonly userId?: string;
  readonly reference: Record<string, unknown>;
  readonly updatedAt: string;
}

/** A small namespaced key/value record (setup-conversation steps, consent states, ...). */
export interface KvRecord<T> {
  readonly value: T;
  /** ISO time after which the record reads as absent. */
  readonly expiresAt?: string;
}

/**
 * The single storage interface. Implementations: SQLite on disk (default, sqliteStore.ts)
 * and Azure Storage when scaled out. All methods are async so either can back them.
 */
export interface Store {
  saveRegistration(registration: StoredRegistration): Promise<void>;
  getRegistration(id: string): Promise<StoredRegistration | undefined>;
  listRegistrations(ownerId: string): Promise<StoredRegistration[]>;
  /** Deletes only when owned by ownerId; true when something was deleted. */
  deleteRegistration(id: string, ownerId: string): Promise<boolean>;

  saveConversation(conversation: StoredConversation): Promise<void>;
  getConversation(key: string): Promise<StoredConversation | undefined>;
  deleteConversation(key: string): Promise<void>;

  putKv<T>(namespace: string, key: string, record: KvRecord<T>): Promise<void>;
  getKv<T>(namespace: string, key: string): Promise<T | undefined>;
  /** Reads and deletes atomically: the basis of single-use tokens. */
  takeKv<T>(namespace: string, key: string): Promise<T | undefined>;
  deleteKv(namespace: string, key: string): Promise<void>;

  /**
   * Registrations whose nextDueAt is at or before `dueBy`, earliest first, at most `limit`.
   * Optional member (added for the reminder sweep); both built-in stores implement it.
   */
  /**
   * Updates a registration only while it still exists; false (and nothing written) when it is
   * gone. Saves after a slow check use it, so a `forget` during the check is never undone.
   * With `fields`, only those are taken from `registration` and merged into the record as it is
   * in the store at that moment (atomically): two writers of different fields (a check's result,
   * the sweep's nextDueAt, a status-card reference) never undo each other.
   * Optional member; the built-in stores implement it.
   */
  updateRegistrationIfPresent?(
    registration: StoredRegistration,
    fields?: readonly RegistrationField[],
  ): Promise<boolean>;
  listDueRegistrations?(dueBy: string, limit: number): Promise<StoredRegistration[]>;
  /**
   * Writes only when no live record exists (an expired one counts as absent); true when written.
   * Atomic: of concurrent callers exactly one wins. The basis of claims (reminder ledger,
   * de-duplicating re-sent activities). Optional member; both built-in stores implement it.
   */
  putKvIfAbsent?<T>(namespace: string, key: string, record: KvRecord<T>): Promise<boolean>;
  /**
   * As putKvIfAbsent, but a live record holding exactly the same value is overwritten too (its
   * expiry moved): a holder renews its own lease, nobody else can take it before it expires.
   * Atomic across processes. Optional member; the built-in stores implement it.
   */
  putKvIfAbsentOrEqual?<T>(namespace: string, key: string, record: KvRecord<T>): Promise<boolean>;
  /** Live records of a namespace whose key starts with `keyPrefix`, ordered by key. Optional member. */
  listKv?<T>(namespace: string, keyPrefix?: string): Promise<KvEntry<T>[]>;

  close(): Promise<void>;
}

/** One record returned by listKv. */
export interface KvEntry<T> {
  readonly key: string;
  readonly value: T;
  readonly expiresAt?: string;
}

/** What the built-in stores return: every optional member present. */
export type FullStore = Required<Store>;

/**
 * The reminders need the store's optional members (due index, atomic claims, prefix listing).
 * Both built-in stores have them; a store without them fails at start, not at the first sweep.
 */
export function requireFullStore(store: Store): FullStore {
  const missing = (
    ['listDueRegistrations', 'putKvIfAbsent', 'putKvIfAbsentOrEqual', 'listKv', 'updateRegistrationIfPresent'] as const
  ).filter((name) => typeof store[name] !== 'function');
  if (missing.length > 0) throw new Error(`The configured store cannot run reminders: it lacks ${missing.join(', ')}.`);
  return store as FullStore;
}
