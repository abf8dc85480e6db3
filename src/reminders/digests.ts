import type { FullStore } from '../store/store';

const NAMESPACE = 'digest';
export const DIGEST_PERIOD_MS = 7 * 86_400_000;

/** A weekly digest of one person's registrations, posted in one channel or group chat. */
export interface DigestSubscription {
  readonly conversationKey: string;
  readonly tenantId?: string;
  /** Whose registrations the digest lists (the one who typed `remind here digest`). */
  readonly subscriberId: string;
  readonly subscriberName?: string;
  readonly createdAt: string;
  /** When the next digest is due (ISO). */
  readonly nextAt: string;
  readonly status: 'active' | 'inactive';
  readonly statusReason?: string;
}

export interface Digests {
  subscribe(input: Omit<DigestSubscription, 'createdAt' | 'nextAt' | 'status'>, now: Date): Promise<DigestSubscription>;
  get(conversationKey: string, subscriberId: string): Promise<DigestSubscription | undefined>;
  listForConversation(conversationKey: string): Promise<DigestSubscription[]>;
  /** Active digests due at `now`, earliest first. */
  listDue(now: Date): Promise<DigestSubscription[]>;
  save(digest: DigestSubscription): Promise<void>;
  remove(conversationKey: string, subscriberId: string): Promise<void>;
  /** Drops every digest of a conversation the bot was removed from. */
  removeConversation(conversationKey: string): Promise<number>;
}

const keyOf = (conversationKey: string, subscriberId: string): string => `${conversationKey}|${subscriberId}`;

/**
 * Weekly digests in the store's key/value records: one per conversation and subscriber. The
 * first is due at once (the next sweep posts it), then every 7 days. The sweep claims each
 * week's digest in the ledger before sending, so several instances post it once.
 */
export function createDigests(store: Pick<FullStore, 'putKv' | 'getKv' | 'deleteKv' | 'listKv'>): Digests {
  const all = async (prefix = ''): Promise<DigestSubscription[]> =>
    (await store.listKv<DigestSubscription>(NAMESPACE, prefix)).map((e) => e.value);
  const save = (d: DigestSubscription): Promise<void> =>
    store.putKv(NAMESPACE, keyOf(d.conversationKey, d.subscriberId), { value: d });
  return {
    async subscribe(input, now) {
      const existing = await store.getKv<DigestSubscription>(
        NAMESPACE,
        keyOf(input.conversationKey, input.subscriberId),
      );
      const digest: DigestSubscription = {
        ...input,
        createdAt: existing?.createdAt ?? now.toISOString(),
        nextAt: existing?.status === 'active' ? existing.nextAt : now.toISOString(),
        status: 'active',
      };
      await save(digest);
      return digest;
    },
    get: (conversationKey, subscriberId) =>
      store.getKv<DigestSubscription>(NAMESPACE, keyOf(conversationKey, subscriberId)),
    listForConversation: (conversationKey) => all(`${conversationKey}|`),
    async listDue(now) {
      const due = (await all()).filter((d) => d.status === 'active' && Date.parse(d.nextAt) <= now.getTime());
      return due.sort((a, b) => Date.parse(a.nextAt) - Date.parse(b.nextAt));
    },
    save,
    remove: (conversationKey, subscriberId) => store.deleteKv(NAMESPACE, keyOf(conversationKey, subscriberId)),
    async removeConversation(conversationKey) {
      const list = await all(`${conversationKey}|`);
      for (const d of list) await store.deleteKv(NAMESPACE, keyOf(d.conversationKey, d.subscriberId));
      return list.length;
    },
  };
}
