/** Why a sealed value could not be opened (or a key could not be used). */
export type SealErrorCode = 'wrong-key' | 'tampered' | 'malformed' | 'invalid-key';

/**
 * Raised by the sealer and key helpers. Messages say what happened and what to do, and carry
 * key *ids* (a fingerprint) at most: never a key, a secret or a sealed value.
 */
export class SealError extends Error {
  override readonly name = 'SealError';

  constructor(
    readonly code: SealErrorCode,
    message: string,
    /** Fingerprint of the key in use, when known. */
    readonly keyId?: string,
    /** Fingerprint of the key the value was sealed with, when known. */
    readonly sealedWithKeyId?: string,
  ) {
    super(message);
  }

  /** The stored value was sealed under another key than the one configured. */
  static wrongKey(keyId: string, sealedWithKeyId: string): SealError {
    return new SealError(
      'wrong-key',
      `The stored secret cannot be opened with this SECRET_ENCRYPTION_KEY (key id ${keyId}, sealed with ${sealedWithKeyId}). ` +
        'Restore the original key (SECRET_ENCRYPTION_KEY, or DATA_DIR/secret.key in local mode) and restart; ' +
        'the stored data is kept untouched. If the key is lost, ask the user to enter the client secret again.',
      keyId,
      sealedWithKeyId,
    );
  }
}
