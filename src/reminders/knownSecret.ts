import { parseUtc, type CheckResult } from '../consent';

/**
 * The secret a registration was last seen using, kept by the reminders so a failed check
 * (secret revoked, Graph down) does not make them forget its expiry date.
 */
export interface KnownSecret {
  /**
   * Identifies one secret's reminder series: `key:<keyId>`, or `hint:<hint>:<end>` when Graph
   * gave no keyId. A rotated secret has another id, so it starts a new series.
   */
  readonly seriesId: string;
  readonly keyId?: string;
  readonly displayName?: string;
  readonly hint?: string;
  /** ISO instant (UTC). */
  readonly endDateTime: string;
}

/** The secret in use according to a check, when the check could tell its expiry date. */
export function knownSecretOf(result: CheckResult | undefined, fallbackHint?: string): KnownSecret | undefined {
  if (!result || result.kind !== 'report') return undefined;
  const secret = result.secret;
  const endMs = parseUtc(secret.endDateTime);
  if (!secret.identified || endMs === undefined) return undefined;
  const endDateTime = new Date(endMs).toISOString();
  const hint = secret.hint ?? fallbackHint;
  const seriesId = secret.keyId ? `key:${secret.keyId.toLowerCase()}` : `hint:${hint ?? ''}:${endDateTime}`;
  return {
    seriesId,
    endDateTime,
    ...(secret.keyId ? { keyId: secret.keyId } : {}),
    ...(secret.displayName ? { displayName: secret.displayName } : {}),
    ...(hint ? { hint } : {}),
  };
}
