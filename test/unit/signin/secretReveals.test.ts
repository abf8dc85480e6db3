import { randomBytes } from 'node:crypto';
import { createAdminSessions } from '../../../src/signin/adminSessions';
import { createSecretReveals } from '../../../src/signin/secretReveals';
import { createMemoryStore } from '../../../src/store/memoryStore';
import { createSealer } from '../../../src/store/sealing';
import { createFakeClock } from '../../../src/time/clock';

const ADMIN = { objectId: '5024471c-a7ee-4dc7-8201-c9d1f5df2058', tenantId: 'baf924e5-0594-463e-82e6-1a92919611d0' };
const OTHER = { objectId: '624f5df3-a77d-4307-a0d7-374c7d160a0a', tenantId: ADMIN.tenantId };
const SECRET = 'Abc1Q~0123456789abcdefghijklmnopqrstuvwx';

function world() {
  const clock = createFakeClock('2026-12-03T10:00:00.000Z');
  const store = createMemoryStore({ clock });
  const reveals = createSecretReveals({
    store,
    signingKey: randomBytes(32),
    sealer: createSealer(randomBytes(32)),
    clock,
  });
  const offer = () => reveals.offer({ secret: SECRET, admin: ADMIN, clientId: 'client', label: 'Connector' });
  return { clock, store, reveals, offer };
}

describe('secret reveals', () => {
  it('opens once, for the admin who created it, and keeps the value sealed at rest', async () => {
    const w = world();
    const token = await w.offer();
    const id = token.split('.')[0] ?? '';
    const stored = JSON.stringify(await w.store.getKv('secret-reveal', id));
    expect(stored).not.toContain(SECRET);
    expect(await w.reveals.peek(token)).toEqual({
      ok: true,
      tenantId: ADMIN.tenantId,
      adminObjectId: ADMIN.objectId,
      label: 'Connector',
    });
    const opened = await w.reveals.open(token, ADMIN);
    expect(opened).toEqual({
      ok: true,
      secret: { value: SECRET, label: 'Connector', tenantId: ADMIN.tenantId, clientId: 'client' },
    });
    expect(await w.reveals.open(token, ADMIN)).toEqual({ ok: false, reason: 'used' });
    expect(await w.reveals.peek(token)).toEqual({ ok: false, reason: 'used' });
  });

  it('another person (or another organisation) gets nothing and consumes nothing', async () => {
    const w = world();
    const token = await w.offer();
    expect(await w.reveals.open(token, OTHER)).toEqual({ ok: false, reason: 'other-person' });
    expect(await w.reveals.open(token, { ...ADMIN, tenantId: OTHER.objectId })).toEqual({
      ok: false,
      reason: 'other-person',
    });
    expect((await w.reveals.open(token, ADMIN)).ok).toBe(true);
  });

  it('is gone after 10 minutes, and a forged or altered link is refused before any read', async () => {
    const w = world();
    const token = await w.offer();
    w.clock.advance(10 * 60_000);
    expect(await w.reveals.open(token, ADMIN)).toEqual({ ok: false, reason: 'expired' });
    const fresh = await w.offer();
    const [id, expiry, signature] = fresh.split('.');
    expect(await w.reveals.peek(`${id}.${Number(expiry) + 1}.${signature}`)).toEqual({ ok: false, reason: 'forged' });
    expect(await w.reveals.peek('')).toEqual({ ok: false, reason: 'forged' });
    expect(await w.reveals.peek(undefined)).toEqual({ ok: false, reason: 'forged' });
    expect(await w.reveals.peek('x'.repeat(5000))).toEqual({ ok: false, reason: 'forged' });
  });

  it('two tabs racing show it once', async () => {
    const w = world();
    const token = await w.offer();
    const both = await Promise.all([w.reveals.open(token, ADMIN), w.reveals.open(token, ADMIN)]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
  });
});

describe('admin session cookie', () => {
  const make = (secure = true) => {
    const clock = createFakeClock('2026-12-03T10:00:00.000Z');
    const key = randomBytes(32);
    return { clock, key, sessions: createAdminSessions({ signingKey: key, clock, path: '/api/secret', secure }) };
  };

  it('is HttpOnly, SameSite=Strict, Secure on https, scoped to the reveal page, and names the admin back', () => {
    const { sessions } = make();
    const cookie = sessions.cookieFor(ADMIN);
    expect(cookie).toMatch(/; Max-Age=600; Path=\/api\/secret; HttpOnly; SameSite=Strict; Secure$/);
    expect(sessions.fromCookieHeader(`theme=dark; ${cookie.split(';')[0]}`)).toEqual(ADMIN);
    expect(make(false).sessions.cookieFor(ADMIN)).not.toContain('Secure');
  });

  it('refuses an altered, foreign, expired or malformed cookie', () => {
    const { sessions, clock } = make();
    const value = sessions.cookieFor(ADMIN).split(';')[0] ?? '';
    expect(sessions.fromCookieHeader(value.replace(ADMIN.objectId, OTHER.objectId))).toBeUndefined();
    expect(make().sessions.fromCookieHeader(value)).toBeUndefined(); // another deployment's key
    for (const bad of [undefined, '', 'ccb_admin=', 'ccb_admin=a.b.c.d', `${value}.extra`, 'x'.repeat(9000)]) {
      expect(sessions.fromCookieHeader(bad)).toBeUndefined();
    }
    clock.advance(10 * 60_000);
    expect(sessions.fromCookieHeader(value)).toBeUndefined();
  });
});
