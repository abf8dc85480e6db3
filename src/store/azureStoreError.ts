/** What went wrong with Azure Table storage, for callers that react differently. */
export type AzureStoreErrorCode =
  | 'connection-string'
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'too-large'
  | 'key-too-long'
  | 'conflict'
  | 'service';

/**
 * A failure of the Azure Table store, in words an operator can act on. The message names the
 * endpoint (scheme, host and path) and the service's error code, never the connection string,
 * the account key or a SAS token, and it carries no underlying error object that could.
 */
export class AzureStoreError extends Error {
  override readonly name = 'AzureStoreError';

  constructor(
    readonly code: AzureStoreErrorCode,
    message: string,
    /** HTTP status from the service, when there was one. */
    readonly status?: number,
  ) {
    super(message);
  }
}
