import type { Sealer } from './sealing';
import type { StoredRegistration } from './store';

/**
 * Registration secrets are sealed with the registration id as associated data, so a sealed
 * value copied onto another registration fails to open instead of lending it a secret.
 */
function context(registrationId: string): string {
  return `registration:${registrationId}`;
}

/** Seals a client secret for `StoredRegistration.sealedSecret`. */
export function sealRegistrationSecret(sealer: Sealer, registrationId: string, secret: string): string {
  return sealer.seal(secret, context(registrationId));
}

/** Opens a registration's sealed secret; throws SealError (wrong key, tampered, malformed). */
export function openRegistrationSecret(
  sealer: Sealer,
  registration: Pick<StoredRegistration, 'id' | 'sealedSecret'>,
): string {
  return sealer.open(registration.sealedSecret, context(registration.id));
}
