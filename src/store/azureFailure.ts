import { AzureStoreError } from './azureStoreError';

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

/**
 * Turns any failure of an SDK call into an AzureStoreError that says what to check. Only
 * the error's name, status and code are read: SDK messages can quote request URLs (and so a
 * SAS token), which must not reach logs.
 */
export function toAzureStoreError(error: unknown, endpoint: string, what: string, timeoutMs: number): AzureStoreError {
  const { name, status, code } = factsOf(error);
  const where = `Azure Table storage at ${endpoint}`;
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new AzureStoreError(
      'timeout',
      `${where} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`} while ${what}.`,
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
      `${where} refused the credentials (${status}${code ? ` ${code}` : ''}) while ${what}. Check the AccountKey or ` +
        'SharedAccessSignature in AZURE_STORAGE_CONNECTION_STRING, and that this machine’s clock is right.',
      status,
    );
  }
  return new AzureStoreError('service', `${where} answered ${status}${code ? ` ${code}` : ''} while ${what}.`, status);
}
