import type { FixChat, FixNotice } from './fixChat';
import type { FixRequest } from './fixRequest';

/** `added`: both secrets, the bot still uses the old one; `switched`: it uses the new one; `done`: the old one is gone. */
export type RotationStage = 'added' | 'switched' | 'done';

/** A secret as the cards name it: its hint and end, never its value. */
export interface SecretView {
  readonly hint?: string;
  readonly endDateTime?: string;
}

/** What the rotation card shows. */
export interface RotationView {
  readonly registrationId: string;
  readonly label: string;
  readonly stage: RotationStage;
  readonly newSecret: SecretView;
  readonly oldSecret: SecretView;
  /** The one-time reveal page of the new secret (stage added). */
  readonly revealUrl?: string;
  readonly linkExpiresAt?: string;
  /** A sign-in link that replaces an unconfirmed new secret whose value was lost (stage added). */
  readonly restartUrl?: string;
  /** The sign-in link that removes the old secret (stage switched). */
  readonly removeUrl?: string;
  /** One line on what just happened, e.g. why the new secret was not taken into use. */
  readonly notice?: string;
}

/** Where a new secret's value can be opened once (never the value itself). */
export interface SecretOffer {
  readonly label: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly revealUrl: string;
  readonly linkExpiresAt: string;
  readonly secretExpiresAt?: string;
  readonly lifetimeNote?: string;
}

/**
 * What Create it for me and Rotate now show in Teams, implemented by the bot layer: the fix
 * flow's status card and notices, plus the secret's one-time link, the name-taken choice and
 * the rotation card. The flows know nothing of cards or Teams.
 */
export interface LifecycleChat extends Pick<FixChat, 'showResult' | 'tell' | 'announce'> {
  /** A new message in the personal chat with the reveal link (never the value). */
  offerSecret(request: FixRequest, offer: SecretOffer): Promise<void>;
  /** Replaces the create preview: a registration of that name exists, nothing was created. */
  nameTaken(
    request: FixRequest,
    existing: readonly { readonly appId: string; readonly displayName: string }[],
  ): Promise<void>;
  /** Replaces the card the rotation step was asked from with the rotation card. */
  showRotation(request: FixRequest, view: RotationView): Promise<void>;
  /** Replaces the card the request came from with a notice: progress while Graph works, or why it stopped. */
  replaceWith(request: FixRequest, notice: FixNotice): Promise<void>;
}
