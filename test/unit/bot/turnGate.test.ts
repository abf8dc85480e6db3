import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { createTurnGate, SEEN_NAMESPACE, type TurnGateDeps } from '../../../src/bot/turnGate';
import { turnInfoOf } from '../../../src/bot/turnInfo';
import { createNullLogger } from '../../../src/log/logger';
import { createMemoryStore } from '../../../src/store/memoryStore';
import type { FullStore } from '../../../src/store/store';
import { createFakeClock } from '../../../src/time/clock';
import { conversation, installActivity, messageActivity, type TestConversation } from '../../helpers/teamsActivities';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

/** A shared store that counts the calls the gate makes, as two instances behind a balancer would share one. */
function countingStore(clock = createFakeClock('2025-05-01T10:00:00.000Z')): {
  store: FullStore;
  calls: string[];
  clock: ReturnType<typeof createFakeClock>;
} {
  const inner = createMemoryStore({ clock });
  const calls: string[] = [];
  const store: FullStore = {
    ...inner,
    getConversation: async (key) => (calls.push('getConversation'), inner.getConversation(key)),
    saveConversation: async (c) => (calls.push('saveConversation'), inner.saveConversation(c)),
    putKvIfAbsent: async (ns, key, record) => (calls.push('putKvIfAbsent'), inner.putKvIfAbsent(ns, key, record)),
  };
  return { store, calls, clock };
}

function gateOn(store: FullStore, clock: ReturnType<typeof createFakeClock>, ttlMs?: number) {
  const deps: TurnGateDeps = {
    store,
    logger: createNullLogger(),
    clock,
    serviceUrlAllowed: (url) => url?.startsWith('https://smba.trafficmanager.net/') ?? false,
  };
  const gate = createTurnGate(deps, ttlMs === undefined ? {} : { ttlMs });
  return (activity: Record<string, unknown>): Promise<boolean> => {
    const context = new TurnContext(new TestAdapter(), activity as Partial<Activity>);
    return gate.admit(context, turnInfoOf(context));
  };
}

const message = (conv: TestConversation, serviceUrl = SERVICE_URL): Record<string, unknown> =>
  messageActivity(conv, serviceUrl, 'help');

describe('turn gate (the fixed work of every turn)', () => {
  it('stores a new conversation once, then skips the read and write while its reference is unchanged', async () => {
    const { store, calls, clock } = countingStore();
    const admit = gateOn(store, clock);
    const conv = conversation();
    expect(await admit(message(conv))).toBe(true);
    expect(calls).toEqual(['putKvIfAbsent', 'getConversation', 'saveConversation']);
    calls.length = 0;
    expect(await admit(message(conv))).toBe(true);
    expect(await admit(message(conv))).toBe(true);
    expect(calls).toEqual(['putKvIfAbsent', 'putKvIfAbsent']);
    const stored = await store.getConversation(conv.id);
    expect(stored?.reference.serviceUrl).toBe(SERVICE_URL);
    expect(stored?.reference).not.toHaveProperty('activityId');
  });

  it('writes a changed reference (a new serviceUrl) at once', async () => {
    const { store, calls, clock } = countingStore();
    const admit = gateOn(store, clock);
    const conv = conversation();
    await admit(message(conv));
    calls.length = 0;
    const moved = 'https://smba.trafficmanager.net/amer/';
    expect(await admit(message(conv, moved))).toBe(true);
    expect(calls).toEqual(['putKvIfAbsent', 'getConversation', 'saveConversation']);
    expect((await store.getConversation(conv.id))?.reference.serviceUrl).toBe(moved);
  });

  it('handles a re-sent activity id once, also when the re-send reaches a second instance', async () => {
    const { store, clock } = countingStore();
    const first = gateOn(store, clock);
    const second = gateOn(store, clock);
    const activity = message(conversation());
    const outcomes = await Promise.all([first(activity), second(activity), first(activity)]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await second(activity)).toBe(false);
    expect(
      await store.getKv(
        SEEN_NAMESPACE,
        `${String((activity.conversation as { id: string }).id)}|${String(activity.id)}`,
      ),
    ).toBe(true);
  });

  it('after a restart (a new gate on the same store) reads the reference once and does not rewrite it', async () => {
    const { store, calls, clock } = countingStore();
    const conv = conversation();
    await gateOn(store, clock)(message(conv));
    const before = await store.getConversation(conv.id);
    calls.length = 0;
    clock.advance(60_000);
    const restarted = gateOn(store, clock);
    await restarted(message(conv));
    await restarted(message(conv));
    expect(calls).toEqual(['putKvIfAbsent', 'getConversation', 'putKvIfAbsent']);
    expect(await store.getConversation(conv.id)).toEqual(before);
  });

  it('asks the store again once the remembered reference is older than its time to live', async () => {
    const { store, calls, clock } = countingStore();
    const admit = gateOn(store, clock, 1000);
    const conv = conversation();
    await admit(message(conv));
    // Another instance removed the conversation meanwhile; the memory must not hide that for long.
    await store.deleteConversation(conv.id);
    clock.advance(1000);
    calls.length = 0;
    await admit(message(conv));
    expect(calls).toEqual(['putKvIfAbsent', 'getConversation', 'saveConversation']);
    expect(await store.getConversation(conv.id)).toBeDefined();
  });

  it('lifecycle activities always reach the store, and a message after an uninstall stores the reference again', async () => {
    const { store, calls, clock } = countingStore();
    const admit = gateOn(store, clock);
    const conv = conversation();
    await admit(message(conv));
    calls.length = 0;
    expect(await admit(installActivity(conv, SERVICE_URL))).toBe(true);
    expect(calls).toEqual(['getConversation']);
    // The uninstall handler deletes the reference after the gate ran.
    await admit({ ...installActivity(conv, SERVICE_URL), type: 'installationUpdate', action: 'remove' });
    await store.deleteConversation(conv.id);
    calls.length = 0;
    await admit(message(conv));
    expect(calls).toEqual(['putKvIfAbsent', 'getConversation', 'saveConversation']);
    expect(await store.getConversation(conv.id)).toBeDefined();
  });

  it('never stores a reference whose serviceUrl is not allowed, nor remembers it', async () => {
    const { store, calls, clock } = countingStore();
    const admit = gateOn(store, clock);
    const conv = conversation();
    expect(await admit(message(conv, 'https://evil.example/'))).toBe(true);
    expect(await admit(message(conv, 'https://evil.example/'))).toBe(true);
    expect(calls).toEqual(['putKvIfAbsent', 'putKvIfAbsent']);
    expect(await store.getConversation(conv.id)).toBeUndefined();
  });
});
