import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';

const NAMESPACE = 'consent-state';

/** What an admin-consent `state` stands for once the callback comes back. */
export interface ConsentStateRecord {
  readonly registrationId: string;
  readonly ownerId: string;
  readonly tenantId: string;
}

export interface ConsentStates {
  /** A signed, expiring, single-use value for the consent link's `state` parameter. */
  issue(record: ConsentStateRecord): Promise<string>;
  /** Verifies the signature and consumes the state; undefined when forged, expired or used. */
  redeem(state: string): Promise<ConsentStateRecord | undefined>;
}

export interface ConsentStatesDeps {
  readonly store: Store;
  /** HMAC key; derive it from the encryption key so restarts keep issued states valid. */
  readonly signingKey: Buffer;
  readonly clock: Clock;
  /** Lifetime of an issued state; admins may take a while in the portal. Default 1 hour. */
  readonly ttlMs?: number;
}

/**
 * Consent states are random nonces kept server-side (so they are single-use and expire)
 * and signed (so forged values are rejected before touching storage).
 */
export function createConsentStates(deps: ConsentStatesDeps): ConsentStates {
  const ttl = deps.ttlMs ?? 60 * 60 * 1000;
  const sign = (nonce: string): string => createHmac('sha256', deps.signingKey).update(nonce).digest('base64url');

  return {
    async issue(record) {
      const nonce = randomBytes(24).toString('base64url');
      const expiresAt = new Date(deps.clock.now().getTime() + ttl).toISOString();
      await deps.store.putKv(NAMESPACE, nonce, { value: record, expiresAt });
      return `${nonce}.${sign(nonce)}`;
    },
    async redeem(state) {
      if (typeof state !== 'string' || state.length > 200) return undefined;
      const [nonce, signature, ...rest] = state.split('.');
      if (!nonce || !signature || rest.length > 0) return undefined;
      const expected = Buffer.from(sign(nonce));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      return deps.store.takeKv<ConsentStateRecord>(NAMESPACE, nonce);
    },
  };
}
