import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FixRequest } from '../repair/fixRequest';
import type { Sealer } from '../store/sealing';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';

const NAMESPACE = 'fix-state';
/**
 * 32 random bytes in base64url, a dot, the expiry (epoch milliseconds), a dot, the HMAC-SHA256 of
 * the first two in base64url. The expiry is signed so an old link is told apart from a used one.
 */
const SHAPE = /^[A-Za-z0-9_-]{43}\.\d{13}\.[A-Za-z0-9_-]{43}$/;

interface StoredFixState {
  readonly request: FixRequest;
  /** The PKCE code verifier, sealed (AES-256-GCM, bound to the state's id). */
  readonly verifier: string;
}

/**
 * Why a state was not accepted: not issued by this deployment (or changed); past its 10 minutes;
 * or unknown to the store although in time, which is a state already used.
 */
export type FixStateRefusal = 'forged' | 'expired' | 'unknown';

export type FixStateLookup =
  | { readonly ok: true; readonly request: FixRequest; readonly codeVerifier: string }
  | { readonly ok: false; readonly reason: FixStateRefusal };

/**
 * The `state` of a Fix it for me sign-in: signed (a forged value is refused before any store
 * read), kept server-side for 10 minutes with the plan request and the sealed PKCE verifier,
 * and single use (taken by the callback). The signing key is derived from the sealing key, so
 * every instance of a deployment accepts the states of the others.
 */
export interface FixStates {
  issue(request: FixRequest, codeVerifier: string): Promise<string>;
  /** For the start link: valid and unused, not consumed (a double click still works). */
  peek(state: unknown): Promise<FixStateLookup>;
  /** For the callback: consumed; a replay finds nothing. */
  take(state: unknown): Promise<FixStateLookup>;
}

export interface FixStatesDeps {
  readonly store: Pick<Store, 'putKv' | 'getKv' | 'takeKv'>;
  readonly signingKey: Buffer;
  readonly sealer: Sealer;
  readonly clock: Clock;
  /** Default 10 minutes. */
  readonly ttlMs?: number;
}

export function createFixStates(deps: FixStatesDeps): FixStates {
  const ttl = deps.ttlMs ?? 10 * 60_000;
  const sign = (id: string): string => createHmac('sha256', deps.signingKey).update(id).digest('base64url');
  const aad = (id: string): string => `fix-state:${id}`;

  function verified(state: unknown): { id: string; expiresAtMs: number } | undefined {
    if (typeof state !== 'string' || !SHAPE.test(state)) return undefined;
    const [id = '', expiry = '', signature = ''] = state.split('.');
    const expected = Buffer.from(sign(`${id}.${expiry}`));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given)
      ? { id, expiresAtMs: Number(expiry) }
      : undefined;
  }

  async function lookup(state: unknown, consume: boolean): Promise<FixStateLookup> {
    const signed = verified(state);
    if (!signed) return { ok: false, reason: 'forged' };
    const { id } = signed;
    if (deps.clock.now().getTime() >= signed.expiresAtMs) {
      // Dropped now rather than left for the store's expiry (best effort; it is unusable anyway).
      if (consume) await deps.store.takeKv<StoredFixState>(NAMESPACE, id);
      return { ok: false, reason: 'expired' };
    }
    const stored = consume
      ? await deps.store.takeKv<StoredFixState>(NAMESPACE, id)
      : await deps.store.getKv<StoredFixState>(NAMESPACE, id);
    if (!stored) return { ok: false, reason: 'unknown' };
    // A record sealed under another key (a rotated SECRET_ENCRYPTION_KEY) or altered in the store cannot be
    // used; the link is answered like an expired one rather than as a server error.
    let codeVerifier: string;
    try {
      codeVerifier = deps.sealer.open(stored.verifier, aad(id));
    } catch {
      return { ok: false, reason: 'unknown' };
    }
    return { ok: true, request: stored.request, codeVerifier };
  }

  return {
    async issue(request, codeVerifier) {
      const id = randomBytes(32).toString('base64url');
      const expiresAtMs = deps.clock.now().getTime() + ttl;
      const value: StoredFixState = { request, verifier: deps.sealer.seal(codeVerifier, aad(id)) };
      await deps.store.putKv(NAMESPACE, id, { value, expiresAt: new Date(expiresAtMs).toISOString() });
      const signed = `${id}.${String(expiresAtMs).padStart(13, '0')}`;
      return `${signed}.${sign(signed)}`;
    },
    peek: (state) => lookup(state, false),
    take: (state) => lookup(state, true),
  };
}
