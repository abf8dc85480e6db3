import { randomBytes } from 'node:crypto';
import type { ConnectorChecker } from '../../../src/consent/connectorChecker';
import type { CheckResult } from '../../../src/consent/report';
import { createInterruptedChecks, stillInterrupted } from '../../../src/registrations/interruptedChecks';
import { createRegistrationService } from '../../../src/registrations/registrationService';
import { createMemoryStore } from '../../../src/store/memoryStore';
import { createSealer } from '../../../src/store/sealing';
import { createFakeClock } from '../../../src/time/clock';

const input = {
  tenant: 'contoso.onmicrosoft.com',
  clientId: '22222222-2222-4222-8222-222222222222',
  clientSecret: 'abc8Q~0123456789012345678901234567890123',
};
const owner = { ownerId: 'user-1', ownerTenantId: 'tenant-1' };

function world() {
  const clock = createFakeClock('2026-12-03T10:00:00.000Z');
  const store = createMemoryStore({ clock });
  const interrupted = createInterruptedChecks({ store, clock, graceMs: 30_000 });
  let answer: (() => Promise<CheckResult>) | undefined;
  const checker: ConnectorChecker = {
    check: () => (answer ? answer() : Promise.reject(new Error('no answer scripted'))),
  };
  const service = createRegistrationService({
    store,
    sealer: createSealer(randomBytes(32)),
    checker,
    clock,
    inProgress: interrupted,
    newId: () => 'reg-new',
  });
  return { clock, store, interrupted, service, answer: (a: () => Promise<CheckResult>) => (answer = a) };
}

const failure = (code: 'invalid-secret' | 'consent-required'): CheckResult => ({
  kind: 'failure',
  code,
  checkedAt: '2026-12-03T10:00:05.000Z',
  title: code,
  explanation: '',
  fix: '',
  retryable: false,
});

describe('a first check is saved before it runs', () => {
  it('while the check runs, the sealed registration and a marker for that chat exist', async () => {
    const w = world();
    let finish: (r: CheckResult) => void = () => undefined;
    w.answer(() => new Promise((resolve) => (finish = resolve)));
    const running = w.service.register(owner, input, { conversationKey: 'a:chat' });
    await new Promise((resolve) => setImmediate(resolve));
    const saved = await w.store.getRegistration('reg-new');
    expect(saved).toMatchObject({ ownerId: 'user-1', clientId: input.clientId, tenantInput: input.tenant });
    expect(saved?.lastResult).toBeUndefined();
    expect(JSON.stringify(saved)).not.toContain(input.clientSecret);
    expect(await w.store.getKv('checking', 'reg-new')).toMatchObject({
      conversationKey: 'a:chat',
      label: input.clientId,
    });
    // Not stale yet: a check in progress elsewhere is not reported as interrupted.
    expect(await w.interrupted.takeStale()).toEqual([]);

    finish(failure('consent-required')); // not a rejection of the values: kept
    const done = await running;
    expect(done.registration?.id).toBe('reg-new');
    expect(await w.store.getKv('checking', 'reg-new')).toBeUndefined();
  });

  it('values Entra ID rejects are not kept, not even the early copy', async () => {
    const w = world();
    w.answer(async () => failure('invalid-secret'));
    const done = await w.service.register(owner, input, { conversationKey: 'a:chat' });
    expect(done.registration).toBeUndefined();
    expect(await w.store.listRegistrations('user-1')).toEqual([]);
    expect(await w.store.getKv('checking', 'reg-new')).toBeUndefined();
  });

  it('a marker left by a crash is taken once, after the grace period', async () => {
    const w = world();
    w.answer(() => new Promise(() => undefined)); // the process "dies" during this check
    void w.service.register(owner, input, { conversationKey: 'a:chat' });
    await new Promise((resolve) => setImmediate(resolve));
    w.clock.advance(30_001);
    const [stale, ...more] = await w.interrupted.takeStale();
    expect(more).toEqual([]);
    expect(stale).toMatchObject({ registrationId: 'reg-new', ownerId: 'user-1', conversationKey: 'a:chat' });
    expect(await w.interrupted.takeStale()).toEqual([]);
  });

  it('without a chat to tell, or for known values, nothing is saved early', async () => {
    const w = world();
    w.answer(() => new Promise(() => undefined));
    void w.service.register(owner, input);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await w.store.listRegistrations('user-1')).toEqual([]);
  });
});

describe('a stale marker is told only while it is still news', () => {
  const check = {
    registrationId: 'reg-new',
    ownerId: 'user-1',
    conversationKey: 'a:chat',
    label: input.clientId,
    startedAt: '2026-12-03T10:00:00.000Z',
  };

  it('told while the registration is saved, unchecked, and its owner the same', async () => {
    const w = world();
    w.answer(() => new Promise(() => undefined));
    void w.service.register(owner, input, { conversationKey: 'a:chat' });
    await new Promise((resolve) => setImmediate(resolve));
    const saved = await w.store.getRegistration('reg-new');
    expect(stillInterrupted(check, saved)).toBe(true);
    expect(stillInterrupted({ ...check, ownerId: 'user-2' }, saved)).toBe(false);
  });

  it('not told once forgotten, or when a later check of the same registration finished', async () => {
    const w = world();
    w.answer(() => new Promise(() => undefined));
    void w.service.register(owner, input, { conversationKey: 'a:chat' });
    await new Promise((resolve) => setImmediate(resolve));
    const saved = await w.store.getRegistration('reg-new');
    expect(stillInterrupted(check, undefined)).toBe(false);
    if (!saved) throw new Error('the registration was not saved early');
    expect(stillInterrupted(check, { ...saved, lastCheckedAt: '2026-12-03T10:05:00.000Z' })).toBe(false);
    expect(stillInterrupted(check, { ...saved, lastCheckedAt: '2026-12-02T10:00:00.000Z' })).toBe(true);
  });
});
