import { createHash } from 'node:crypto';
import type { FullStore } from '../store/store';

export type SubscriptionStatus = 'active' | 'stopped' | 'inactive';

/** Per-secret choices made on a reminder card; a new secret (another seriesId) resets them. */
export interface SeriesState {
  readonly seriesId: string;
  readonly snoozedUntil?: string;
  readonly rotatedAt?: string;
  readonly rotatedBy?: string;
}

/** One conversation (channel or group chat) that receives one registration's reminders. */
export interface Subscription {
  /** Derived from registration and conversation, so subscribing twice updates one record. */
  readonly id: string;
  readonly registrationId: string;
  /** The channel itself (no `;messageid=`), so reminders start new posts. */
  readonly conversationKey: string;
  readonly scope: 'channel' | 'groupChat';
  /** Teams tenant of the conversation: the per-tenant send budget is counted on it. */
  readonly tenantId?: string;
  /** Team id (its General channel's id) for channels: a deleted team drops its subscriptions. */
  readonly teamId?: string;
  /** Who subscribed (the registration's owner); told in personal chat if delivery stops. */
  readonly subscriberId: string;
  readonly subscriberName?: string;
  /** The subscriber's IANA zone when Teams sent one; dates on cards use it, else UTC. */
  readonly timeZone?: string;
  readonly createdAt: string;
  readonly status: SubscriptionStatus;
  readonly statusReason?: string;
  readonly statusChangedAt?: string;
  readonly series?: SeriesState;
}

const PRIMARY = 'reminder-sub';
const BY_CONVERSATION = 'reminder-sub-conv';

interface ConversationIndexEntry {
  readonly registrationId: string;
  readonly subscriptionId: string;
}

/** Subscription storage on the store's key/value records: by registration (sweep) and by conversation (commands). */
export interface Subscriptions {
  subscriptionId(registrationId: string, conversationKey: string): string;
  /** Creates or re-activates the subscription of this registration in this conversation. */
  subscribe(input: Omit<Subscription, 'id' | 'status' | 'createdAt'>, now: Date): Promise<Subscription>;
  get(registrationId: string, subscriptionId: string): Promise<Subscription | undefined>;
  listForRegistration(registrationId: string): Promise<Subscription[]>;
  listForConversation(conversationKey: string): Promise<Subscription[]>;
  /** Every subscription; only for rare events (a team deleted). */
  listAll(): Promise<Subscription[]>;
  save(subscription: Subscription): Promise<void>;
  remove(subscription: Subscription): Promise<void>;
}

export function createSubscriptions(store: FullStore): Subscriptions {
  const primaryKey = (registrationId: string, id: string): string => `${registrationId}|${id}`;
  const indexKey = (s: Pick<Subscription, 'conversationKey' | 'registrationId'>): string =>
    `${s.conversationKey}|${s.registrationId}`;
  const subscriptionId = (registrationId: string, conversationKey: string): string =>
    createHash('sha256').update(`${registrationId}\n${conversationKey}`).digest('hex').slice(0, 32);

  const save = async (s: Subscription): Promise<void> => {
    await store.putKv<Subscription>(PRIMARY, primaryKey(s.registrationId, s.id), { value: s });
    await store.putKv<ConversationIndexEntry>(BY_CONVERSATION, indexKey(s), {
      value: { registrationId: s.registrationId, subscriptionId: s.id },
    });
  };
  const get = (registrationId: string, id: string): Promise<Subscription | undefined> =>
    store.getKv<Subscription>(PRIMARY, primaryKey(registrationId, id));

  return {
    subscriptionId,
    async subscribe(input, now) {
      const id = subscriptionId(input.registrationId, input.conversationKey);
      const existing = await get(input.registrationId, id);
      const at = now.toISOString();
      const subscription: Subscription = {
        ...input,
        id,
        createdAt: existing?.createdAt ?? at,
        status: 'active',
        statusChangedAt: at,
        ...(existing?.series ? { series: existing.series } : {}),
      };
      await save(subscription);
      return subscription;
    },
    get,
    async listForRegistration(registrationId) {
      return (await store.listKv<Subscription>(PRIMARY, `${registrationId}|`)).map((e) => e.value);
    },
    async listForConversation(conversationKey) {
      const entries = await store.listKv<ConversationIndexEntry>(BY_CONVERSATION, `${conversationKey}|`);
      const found = await Promise.all(entries.map((e) => get(e.value.registrationId, e.value.subscriptionId)));
      return found.filter((s): s is Subscription => s !== undefined && s.conversationKey === conversationKey);
    },
    async listAll() {
      return (await store.listKv<Subscription>(PRIMARY)).map((e) => e.value);
    },
    save,
    async remove(s) {
      await store.deleteKv(BY_CONVERSATION, indexKey(s));
      await store.deleteKv(PRIMARY, primaryKey(s.registrationId, s.id));
    },
  };
}
