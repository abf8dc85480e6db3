import type { RevealedSecret } from '../repair/fixRequest';
import type { Sealer } from '../store/sealing';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { createSignedIds } from './signedIds';

const NAMESPACE = 'secret-reveal';
/** How long a new secret's page can be opened. */
export const REVEAL_TTL_MS = 10 * 60_000;

interface StoredReveal {
  /** The secret's value, sealed (AES-256-GCM, bound to the reveal's id). */
  readonly sealed: string;
  /** Only this Entra user of this organisation may open it. */
  readonly adminObjectId: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly label: string;
  readonly expiresOn?: string;
}

/**
 * Why a reveal link shows nothing: not issued here (or changed); older than 10 minutes; already
 * opened; or opened by someone else than the admin who created the secret (then it stays, for them).
 */
export type RevealRefusal = 'forged' | 'expired' | 'used' | 'other-person';

export type RevealLookup =
  | { readonly ok: true; readonly tenantId: string; readonly adminObjectId: string; readonly label: string }
  | { readonly ok: false; readonly reason: RevealRefusal };

export type RevealOpened =
  { readonly ok: true; readonly secret: RevealedSecret } | { readonly ok: false; readonly reason: RevealRefusal };

export interface RevealOffer {
  readonly secret: string;
  readonly admin: { readonly objectId: string; readonly tenantId: string };
  readonly clientId: string;
  readonly label: string;
  readonly expiresOn?: string;
}

/**
 * A new client secret offered once through a page, never in chat: kept sealed for 10 minutes
 * under a signed single-use id, opened only by the admin who created it (same Entra object id
 * and organisation), and gone after one opening.
 */
export interface SecretReveals {
  /** The signed token for the reveal link. */
  offer(offer: RevealOffer): Promise<string>;
  /** Valid, in time and unopened; nothing consumed (a link preview or a second tab takes nothing). */
  peek(token: unknown): Promise<RevealLookup>;
  /** Consumes the reveal when `admin` is its admin; another person consumes nothing. */
  open(token: unknown, admin: { readonly objectId: string; readonly tenantId: string }): Promise<RevealOpened>;
}

export interface SecretRevealsDeps {
  readonly store: Pick<Store, 'putKv' | 'getKv' | 'takeKv'>;
  readonly signingKey: Buffer;
  readonly sealer: Sealer;
  readonly clock: Clock;
  /** Default 10 minutes. */
  readonly ttlMs?: number;
}

export function createSecretReveals(deps: SecretRevealsDeps): SecretReveals {
  const ttl = deps.ttlMs ?? REVEAL_TTL_MS;
  const ids = createSignedIds(deps.signingKey);
  const aad = (id: string): string => `secret-reveal:${id}`;

  async function find(token: unknown): Promise<{ id: string; stored: StoredReveal } | { reason: RevealRefusal }> {
    const signed = ids.verify(token);
    if (!signed) return { reason: 'forged' };
    if (deps.clock.now().getTime() >= signed.expiresAtMs) {
      await deps.store.takeKv<StoredReveal>(NAMESPACE, signed.id);
      return { reason: 'expired' };
    }
    const stored = await deps.store.getKv<StoredReveal>(NAMESPACE, signed.id);
    return stored ? { id: signed.id, stored } : { reason: 'used' };
  }

  return {
    async offer(offer) {
      const expiresAtMs = deps.clock.now().getTime() + ttl;
      const { id, token } = ids.issue(expiresAtMs);
      const value: StoredReveal = {
        sealed: deps.sealer.seal(offer.secret, aad(id)),
        adminObjectId: offer.admin.objectId.toLowerCase(),
        tenantId: offer.admin.tenantId.toLowerCase(),
        clientId: offer.clientId,
        label: offer.label,
        ...(offer.expiresOn ? { expiresOn: offer.expiresOn } : {}),
      };
      await deps.store.putKv(NAMESPACE, id, { value, expiresAt: new Date(expiresAtMs).toISOString() });
      return token;
    },

    async peek(token) {
      const found = await find(token);
      if ('reason' in found) return { ok: false, reason: found.reason };
      const { stored } = found;
      return { ok: true, tenantId: stored.tenantId, adminObjectId: stored.adminObjectId, label: stored.label };
    },

    async open(token, admin) {
      const found = await find(token);
      if ('reason' in found) return { ok: false, reason: found.reason };
      const { id, stored } = found;
      if (stored.adminObjectId !== admin.objectId.toLowerCase() || stored.tenantId !== admin.tenantId.toLowerCase()) {
        return { ok: false, reason: 'other-person' };
      }
      // Taken before it is shown: two tabs racing show it once.
      const taken = await deps.store.takeKv<StoredReveal>(NAMESPACE, id);
      if (!taken) return { ok: false, reason: 'used' };
      let value: string;
      try {
        value = deps.sealer.open(taken.sealed, aad(id));
      } catch {
        return { ok: false, reason: 'used' };
      }
      return {
        ok: true,
        secret: {
          value,
          label: taken.label,
          tenantId: taken.tenantId,
          clientId: taken.clientId,
          ...(taken.expiresOn ? { expiresOn: taken.expiresOn } : {}),
        },
      };
    },
  };
}
