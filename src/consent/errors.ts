/**
 * The few errors the consent core throws internally between its own modules. They carry
 * status codes and ids, never request bodies or tokens, and explain.ts turns every one of
 * them into a CheckFailure; none escapes createConnectorChecker().
 */

/** The check ran out of its time budget (a hanging or very slow endpoint). */
export class CheckTimeoutError extends Error {
  override readonly name = 'CheckTimeoutError';
  constructor(
    readonly stage: 'tenant' | 'token' | 'graph',
    readonly timeoutMs: number,
  ) {
    super(`The ${stage} step did not finish within ${timeoutMs} ms.`);
  }
}

/** Microsoft Graph (or the OpenID discovery endpoint) answered with an HTTP error status. */
export class ServiceHttpError extends Error {
  override readonly name = 'ServiceHttpError';
  constructor(
    readonly service: 'graph' | 'login',
    readonly status: number,
    readonly details: { code?: string; description?: string; requestId?: string; retryAfterSeconds?: number } = {},
  ) {
    super(
      `${service === 'graph' ? 'Microsoft Graph' : 'Entra ID'} answered HTTP ${status}${details.code ? ` (${details.code})` : ''}.`,
    );
  }
}

/** A response that is not the JSON shape the service documents. */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
  constructor(
    readonly service: 'graph' | 'login',
    what: string,
  ) {
    super(`${service === 'graph' ? 'Microsoft Graph' : 'Entra ID'} sent a response that could not be read: ${what}.`);
  }
}
