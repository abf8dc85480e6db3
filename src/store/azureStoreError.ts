import { setTimeout as sleep } from 'node:timers/promises';

// Everything about Azure Table storage failing, in one place: the error type callers see,
// the translation of raw SDK errors into it, and the bounded retry of optimistic writes.

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

/** The parts of an Azure SDK error this store looks at (RestError, AbortError, system errors). */
interface ErrorFacts {
  readonly name?: string;
  readonly status?: number;
  readonly code?: string;
}

function factsOf(error: unknown): ErrorFacts {
  if (typeof error !== 'object' || error === null) return {};
  const e = error as { name?: unknown; statusCode?: unknown; code?: unknown; details?: unknown };
  const details = typeof e.details === 'object' && e.details !== null ? (e.details as { errorCode?: unknown }) : {};
  const code = typeof e.code === 'string' ? e.code : details.errorCode;
  return {
    name: typeof e.name === 'string' ? e.name : undefined,
    status: typeof e.statusCode === 'number' ? e.statusCode : undefined,
    // Service error codes are single words (ResourceNotFound, AuthorizationFailure, ECONNREFUSED).
    code: typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : undefined,
  };
}

/** The HTTP status of an SDK error, if it got that far. */
export function statusOf(error: unknown): number | undefined {
  return factsOf(error).status;
}

const NOT_FOUND_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN']);
/** @azure/identity's failures to get a token (no identity here, or it was refused). */
const TOKEN_ERRORS = new Set(['AggregateAuthenticationError', 'CredentialUnavailableError', 'AuthenticationError']);

/** What to check when the service refuses the credentials, by how the store signs its requests. */
export const CREDENTIAL_ADVICE = {
  key: 'Check the AccountKey in AZURE_STORAGE_CONNECTION_STRING, and that this machine’s clock is right.',
  sas: 'Check the SharedAccessSignature in AZURE_STORAGE_CONNECTION_STRING (its expiry, and that it allows the Table service with read, add, update, delete and list), and that this machine’s clock is right.',
  identity:
    'The app’s managed identity (or whichever identity DefaultAzureCredential found) needs the “Storage Table Data Contributor” role on the storage account of AZURE_STORAGE_ACCOUNT_URL; a new role assignment can take a few minutes to apply.',
} as const;

/**
 * Turns any failure of an SDK call into an AzureStoreError that says what to check. Only
 * the error's name, status and code are read: SDK messages can quote request URLs (and so a
 * SAS token), which must not reach logs.
 */
export function toAzureStoreError(
  error: unknown,
  endpoint: string,
  what: string,
  timeoutMs: number,
  credentialAdvice: string = CREDENTIAL_ADVICE.key,
): AzureStoreError {
  const { name, status, code } = factsOf(error);
  const where = `Azure Table storage at ${endpoint}`;
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new AzureStoreError(
      'timeout',
      `${where} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`} while ${what}.`,
    );
  }
  if (name !== undefined && TOKEN_ERRORS.has(name)) {
    return new AzureStoreError(
      'unauthorized',
      `Could not get an access token for ${where} while ${what}: no managed identity or other Azure credential ` +
        'answered (DefaultAzureCredential). On Azure, turn on the app’s managed identity and give it the “Storage ' +
        'Table Data Contributor” role on the storage account; elsewhere set AZURE_STORAGE_CONNECTION_STRING instead.',
    );
  }
  if (status === undefined) {
    const reason =
      code === 'ECONNREFUSED'
        ? 'the connection was refused'
        : code !== undefined && NOT_FOUND_CODES.has(code)
          ? 'its host name does not resolve'
          : `the request could not be sent${code ? ` (${code})` : ''}`;
    return new AzureStoreError(
      'unreachable',
      `Could not reach ${where} while ${what}: ${reason}. Check the account name or TableEndpoint in ` +
        'AZURE_STORAGE_CONNECTION_STRING and that the storage account (or the emulator) is up and reachable.',
    );
  }
  if (status === 401 || status === 403) {
    return new AzureStoreError(
      'unauthorized',
      `${where} refused the credentials (${status}${code ? ` ${code}` : ''}) while ${what}. ${credentialAdvice}`,
      status,
    );
  }
  return new AzureStoreError('service', `${where} answered ${status}${code ? ` ${code}` : ''} while ${what}.`, status);
}

/**
 * Runs an optimistic step (read, then write guarded by an etag or a create) until it reports
 * success. Losing such a race means another instance changed the same record in between;
 * the step re-reads and tries again after a short, jittered pause.
 */
export async function retryOnConflict(what: string, step: () => Promise<boolean>, attempts = 16): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await step()) return;
    await sleep(Math.random() * Math.min(250, 10 * 2 ** attempt));
  }
  throw new AzureStoreError(
    'conflict',
    `Gave up ${what} after ${attempts} attempts: other instances kept changing the same record at the same moment.`,
  );
}
