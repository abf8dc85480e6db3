import { randomBytes } from 'node:crypto';
import type { FixRequest } from '../../../src/repair/fixRequest';
import { createFixStates } from '../../../src/signin/fixStates';
import { createMemoryStore } from '../../../src/store/memoryStore';
import { createSealer } from '../../../src/store/sealing';
import { createFakeClock } from '../../../src/time/clock';

const REQUEST: FixRequest = {
  registrationId: 'reg-1',
  tenantId: 'baf924e5-0594-463e-82e6-1a92919611d0',
  requestedBy: { teamsUserId: '29:ada', objectId: '5024471c-0000-4000-8000-000000000001' },
  planHash: 'plan-hash',
  conversationKey: 'a:chat',
  cardActivityId: 'card-1',
};
const VERIFIER = 'pkce-verifier-0123456789-abcdefghijklmnopqrstuvwxyz';

function world(signingKey = randomBytes(32), sealingKey = randomBytes(32)) {
  const clock = createFakeClock('2026-12-03T10:00:00.000Z');
  const store = createMemoryStore({ clock });
  const states = createFixStates({ store, signingKey, sealer: createSealer(sealingKey), clock });
  return { clock, store, states };
}

describe('fix sign-in states', () => {
  it('gives back the request and the verifier: peek leaves it, take consumes it once', async () => {
    const w = world();
    const state = await w.states.issue(REQUEST, VERIFIER);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}\.\d{13}\.[A-Za-z0-9_-]{43}$/);
    const good = { ok: true, request: REQUEST, codeVerifier: VERIFIER };
    expect(await w.states.peek(state)).toEqual(good);
    expect(await w.states.peek(state)).toEqual(good); // a double click on the start link
    expect(await w.states.take(state)).toEqual(good);
    expect(await w.states.take(state)).toEqual({ ok: false, reason: 'unknown' });
    expect(await w.states.peek(state)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('issues a different state each time, each with its own verifier', async () => {
    const w = world();
    const a = await w.states.issue(REQUEST, 'verifier-a');
    const b = await w.states.issue(REQUEST, 'verifier-b');
    expect(a).not.toBe(b);
    expect(await w.states.take(b)).toMatchObject({ ok: true, codeVerifier: 'verifier-b' });
    expect(await w.states.take(a)).toMatchObject({ ok: true, codeVerifier: 'verifier-a' });
  });

  it('keeps the verifier sealed in the store', async () => {
    const w = world();
    const state = await w.states.issue(REQUEST, VERIFIER);
    const [id = ''] = state.split('.');
    const stored = await w.store.getKv<{ verifier: string; request: FixRequest }>('fix-state', id);
    expect(stored?.request).toEqual(REQUEST);
    expect(stored?.verifier).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(VERIFIER);
  });

  it('expires after 10 minutes by the clock', async () => {
    const w = world();
    const state = await w.states.issue(REQUEST, VERIFIER);
    w.clock.advance(10 * 60_000 - 1);
    expect(await w.states.peek(state)).toMatchObject({ ok: true });
    w.clock.advance(1);
    expect(await w.states.peek(state)).toEqual({ ok: false, reason: 'expired' });
    expect(await w.states.take(state)).toEqual({ ok: false, reason: 'expired' });
    // Taking an expired state drops it from the store too.
    const [id = ''] = state.split('.');
    expect(await w.store.getKv('fix-state', id)).toBeUndefined();
  });

  it('refuses a state whose expiry was moved later as forged', async () => {
    const w = world();
    const state = await w.states.issue(REQUEST, VERIFIER);
    const [id = '', expiry = '', signature = ''] = state.split('.');
    const later = String(Number(expiry) + 60 * 60_000);
    w.clock.advance(10 * 60_000);
    expect(await w.states.take(`${id}.${later}.${signature}`)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses forged and malformed states without throwing', async () => {
    const w = world();
    const state = await w.states.issue(REQUEST, VERIFIER);
    const [id = '', expiry = '', signature = ''] = state.split('.');
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const otherKey = await world().states.issue(REQUEST, VERIFIER);
    for (const forged of [
      `${id}.${expiry}.${flipped}`,
      `${id}.${expiry}.${signature}x`,
      `${id}=.${expiry}.${signature}`,
      `${id.slice(1)}!.${expiry}.${signature}`,
      `${id}.${signature}`,
      `${id}`,
      `${signature}.${expiry}.${id}`,
      `${id}.${expiry.slice(1)}.${signature}`,
      `${id}.-${expiry.slice(1)}.${signature}`,
      otherKey,
      '',
      'x'.repeat(10_000),
      `${state}\n`,
      ` ${state}`,
      '../../etc/passwd',
      42,
      null,
      undefined,
      [state],
      { state },
    ]) {
      expect(await w.states.peek(forged)).toEqual({ ok: false, reason: 'forged' });
      expect(await w.states.take(forged)).toEqual({ ok: false, reason: 'forged' });
    }
    // None of that consumed the real one.
    expect(await w.states.take(state)).toMatchObject({ ok: true });
  });

  it('a state from another deployment (other signing key) is forged even with the same id in the store', async () => {
    const sealingKey = randomBytes(32);
    const ours = world(randomBytes(32), sealingKey);
    const theirs = createFixStates({
      store: ours.store,
      signingKey: randomBytes(32),
      sealer: createSealer(sealingKey),
      clock: ours.clock,
    });
    const state = await theirs.issue(REQUEST, VERIFIER);
    expect(await ours.states.take(state)).toEqual({ ok: false, reason: 'forged' });
  });

  it('answers a record that no longer opens (sealing key rotated) as unknown, not as an error', async () => {
    const signingKey = randomBytes(32);
    const before = world(signingKey, randomBytes(32));
    const state = await before.states.issue(REQUEST, VERIFIER);
    const after = createFixStates({
      store: before.store,
      signingKey,
      sealer: createSealer(randomBytes(32)),
      clock: before.clock,
    });
    expect(await after.peek(state)).toEqual({ ok: false, reason: 'unknown' });
    expect(await after.take(state)).toEqual({ ok: false, reason: 'unknown' });
  });
});
