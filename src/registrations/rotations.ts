import type { Sealer } from '../store/sealing';
import type { Store } from '../store/store';

const NAMESPACE = 'rotation';

export interface RotationSecret {
  readonly keyId?: string;
  readonly hint?: string;
  readonly endDateTime?: string;
}

/**
 * A rotation of a registration's client secret that has started: the new secret exists next to
 * the old one. `added`: the bot still checks with the old one; `switched`: the admin confirmed
 * the product uses the new one and the bot checks with it. Kept until the old one is removed.
 */
export interface Rotation {
  readonly registrationId: string;
  readonly stage: 'added' | 'switched';
  readonly newSecret: RotationSecret & { readonly keyId: string };
  readonly oldSecret: RotationSecret;
  /** The new secret's value, sealed (AES-256-GCM, bound to the registration id). */
  readonly sealedNew: string;
  readonly startedAt: string;
  /** Who signed in to add it (user principal name or object id). */
  readonly startedBy: string;
}

/** The rotations in progress, one per registration, in the store's key/value records. */
export interface Rotations {
  start(rotation: Omit<Rotation, 'sealedNew' | 'stage'>, newSecretValue: string): Promise<Rotation>;
  get(registrationId: string): Promise<Rotation | undefined>;
  /** The new secret's value, for the bot's own check once the admin confirms. */
  openNew(rotation: Rotation): string;
  switched(rotation: Rotation): Promise<Rotation>;
  /** Done (old secret removed) or the registration forgotten. */
  forget(registrationId: string): Promise<void>;
}

export function createRotations(deps: {
  readonly store: Pick<Store, 'putKv' | 'getKv' | 'deleteKv'>;
  readonly sealer: Sealer;
}): Rotations {
  const aad = (registrationId: string): string => `rotation:${registrationId}`;
  return {
    async start(input, value) {
      const rotation: Rotation = {
        ...input,
        stage: 'added',
        sealedNew: deps.sealer.seal(value, aad(input.registrationId)),
      };
      await deps.store.putKv(NAMESPACE, input.registrationId, { value: rotation });
      return rotation;
    },
    get: (registrationId) => deps.store.getKv<Rotation>(NAMESPACE, registrationId),
    openNew: (rotation) => deps.sealer.open(rotation.sealedNew, aad(rotation.registrationId)),
    async switched(rotation) {
      const next: Rotation = { ...rotation, stage: 'switched' };
      await deps.store.putKv(NAMESPACE, rotation.registrationId, { value: next });
      return next;
    },
    forget: (registrationId) => deps.store.deleteKv(NAMESPACE, registrationId),
  };
}
