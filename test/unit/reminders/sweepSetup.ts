import type { AdaptiveCard } from '../../../src/cards/cardTypes';
import type { CheckResult } from '../../../src/consent/report';
import { resolveCloud } from '../../../src/consent/cloud';
import { createNullLogger } from '../../../src/log/logger';
import type { Notifier, SendResult } from '../../../src/reminders/notifier';
import { setNextDue } from '../../../src/reminders/remindRegistration';
import { createSubscriptions, type Subscription } from '../../../src/reminders/subscriptions';
import { createReminderSweep, type ReminderSweepDeps } from '../../../src/reminders/sweep';
import { createMemoryStore } from '../../../src/store/memoryStore';
import type { FullStore, StoredRegistration } from '../../../src/store/store';
import { createFakeClock, type FakeClock } from '../../../src/time/clock';
import { TENANT } from './reminderFixtures';

export interface Delivered {
  readonly conversationKey: string;
  readonly card: AdaptiveCard;
}

/** A memory store, a fake clock, a recording notifier and a scripted rechecker around the real sweep. */
export function sweepSetup(start = '2025-06-01T00:00:00.000Z', store?: FullStore, sharedClock?: FakeClock) {
  const clock = sharedClock ?? createFakeClock(start);
  const db = store ?? createMemoryStore({ clock });
  const delivered: Delivered[] = [];
  const personal: Delivered[] = [];
  /** Scripted failures per conversation, consumed one per attempt. */
  const failures = new Map<string, SendResult[]>();
  const notifier: Notifier = {
    async send(target, card) {
      const scripted = failures.get(target.conversationKey)?.shift();
      if (scripted) return scripted;
      delivered.push({ conversationKey: target.conversationKey, card });
      return { ok: true, activityId: `act-${delivered.length}` };
    },
    async notifyPersonal(conversationKey, card) {
      personal.push({ conversationKey, card });
      return true;
    },
  };
  /** What the next re-check returns for a registration; default the same result, checked now. */
  const nextResults = new Map<string, (now: Date) => CheckResult>();
  let rechecks = 0;
  const rechecker = {
    async recheckAny(id: string) {
      const reg = await db.getRegistration(id);
      if (!reg?.lastResult) return undefined;
      rechecks += 1;
      const now = clock.now();
      const result = nextResults.get(id)?.(now) ?? { ...reg.lastResult, checkedAt: now.toISOString() };
      const updated: StoredRegistration = { ...reg, lastResult: result, lastCheckedAt: result.checkedAt };
      await db.saveRegistration(updated);
      return { registration: updated, result };
    },
  };
  const subscriptions = createSubscriptions(db);
  const makeSweep = (extra: Partial<ReminderSweepDeps> = {}) =>
    createReminderSweep({
      store: db,
      rechecker,
      notifier,
      clock,
      logger: createNullLogger(),
      links: { cloud: resolveCloud('public'), personalChatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:bot' },
      thresholdDays: [30, 14, 7, 3, 1, 0],
      recheckIntervalMs: 86_400_000,
      sleep: async (ms) => {
        clock.advance(ms);
      },
      random: () => 0.5,
      ...extra,
    });

  /** Subscribes a conversation the way `remind here` does (and makes the registration due now). */
  async function subscribe(
    registrationId: string,
    conversationKey: string,
    extra: Partial<Subscription> = {},
  ): Promise<Subscription> {
    const s = await subscriptions.subscribe(
      { registrationId, conversationKey, scope: 'channel', subscriberId: 'owner-1', tenantId: TENANT, ...extra },
      clock.now(),
    );
    await setNextDue({ store: db }, registrationId, clock.now().getTime());
    return s;
  }

  return {
    clock,
    store: db,
    delivered,
    personal,
    failures,
    nextResults,
    subscriptions,
    makeSweep,
    subscribe,
    rechecks: () => rechecks,
  };
}

/** All text of a card, for content assertions. */
export function textOf(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (typeof v === 'string' && ['text', 'title', 'value'].includes(k)) parts.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return parts.join('\n');
}
