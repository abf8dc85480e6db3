import type { FixRequest } from '../repair/fixRequest';
import type { Sealer } from '../store/sealing';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { createSignedIds } from './signedIds';

const NAMESPACE = 'fix-state';

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
  const ids = createSignedIds(deps.signingKey);
  const aad = (id: string): string => `fix-state:${id}`;

  async function lookup(state: unknown, consume: boolean): Promise<FixStateLookup> {
    const signed = ids.verify(state);
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
      const expiresAtMs = deps.clock.now().getTime() + ttl;
      const { id, token } = ids.issue(expiresAtMs);
      const value: StoredFixState = { request, verifier: deps.sealer.seal(codeVerifier, aad(id)) };
      await deps.store.putKv(NAMESPACE, id, { value, expiresAt: new Date(expiresAtMs).toISOString() });
      return token;
    },
    peek: (state) => lookup(state, false),
    take: (state) => lookup(state, true),
  };
}
