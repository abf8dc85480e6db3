import type { FailureText } from './aadstsCatalog';
import type { ServiceHttpError } from './errors';

/**
 * Failures below the identity layer, in plain words: HTTP error statuses from Graph or Entra
 * ID, and network or TLS errors recognised by their Node / undici error codes.
 */

/** Which step failed, to name the service in plain words. */
export type CheckStage = 'tenant' | 'token' | 'graph';

export const SERVICE: Record<CheckStage, string> = {
  tenant: 'Entra ID (the sign-in service)',
  token: 'Entra ID (the sign-in service)',
  graph: 'Microsoft Graph',
};

const TLS_CODE = /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;
const TLS_TEXT = /certificate|self[- ]signed|ssl|tls/i;

function network(stage: CheckStage, title: string, explanation: string): FailureText {
  return {
    code: 'network',
    title,
    explanation,
    fix: `Check this machine's internet connection, proxy and firewall for ${SERVICE[stage]}, then try again.`,
    retryable: true,
  };
}

/** An HTTP error status from a service, after the allowed retries. */
export function explainHttpStatus(error: ServiceHttpError, stage: CheckStage): FailureText {
  const service = error.service === 'graph' ? 'Microsoft Graph' : SERVICE[stage];
  if (error.status === 429) {
    const wait = error.details.retryAfterSeconds;
    return {
      code: 'throttled',
      title: `${service} is throttling requests`,
      explanation: `${service} answered "too many requests" (429) even after the allowed retries.`,
      fix: wait ? `Wait about ${wait} seconds and try again.` : 'Wait a minute and try again.',
      retryable: true,
    };
  }
  if (error.status >= 500) {
    return {
      code: 'service-error',
      title: `${service} is having problems`,
      explanation: `${service} answered HTTP ${error.status}${error.details.code ? ` (${error.details.code})` : ''}, a temporary service error, even after retrying.`,
      fix: 'Try again in a few minutes. If it keeps happening, check the Microsoft 365 service health page.',
      retryable: true,
    };
  }
  if (error.status === 401) {
    return {
      code: 'unexpected',
      title: `${service} did not accept the access token`,
      explanation: `${service} answered 401 to a token Entra ID had just issued; the token is probably for another cloud or resource.`,
      fix: 'Check that AZURE_CLOUD (or AUTHORITY_HOST and GRAPH_ENDPOINT) point at the same Microsoft cloud.',
      retryable: false,
    };
  }
  return {
    code: 'unexpected',
    title: `${service} refused the request`,
    explanation: `${service} answered HTTP ${error.status}${error.details.code ? ` (${error.details.code})` : ''}.`,
    fix: 'Try again; if it persists, report it with the time of the check.',
    retryable: false,
  };
}

/** A network or TLS failure, by error codes found in the error chain or its text; undefined if none. */
export function explainTransport(codes: readonly string[], text: string, stage: CheckStage): FailureText | undefined {
  const has = (...wanted: string[]): boolean => wanted.some((w) => codes.includes(w) || text.includes(w));
  if (codes.some((c) => TLS_CODE.test(c)) || (/fetch failed|network/i.test(text) && TLS_TEXT.test(text))) {
    return {
      code: 'tls',
      title: `The secure connection to ${SERVICE[stage]} failed`,
      explanation: `${SERVICE[stage]}'s TLS certificate could not be verified, so nothing was sent. A proxy that inspects traffic often causes this.`,
      fix: 'If your network uses an inspecting proxy, give Node.js its root certificate with NODE_EXTRA_CA_CERTS; otherwise check the system clock and try again.',
      retryable: false,
    };
  }
  if (/\bbad port\b/i.test(text)) {
    // fetch refuses the "bad ports" of the Fetch standard (1, 9, 25, 6000, ...) before connecting.
    return {
      code: 'network',
      title: `The address of ${SERVICE[stage]} uses a port Node.js will not connect to`,
      explanation: `Node.js refuses to connect to that port (the Fetch standard's list of unsafe ports), so nothing was sent.`,
      fix: 'Use the standard HTTPS port (443) or another port in AUTHORITY_HOST / GRAPH_ENDPOINT.',
      retryable: false,
    };
  }
  if (has('ENOTFOUND', 'EAI_AGAIN')) {
    return network(
      stage,
      `${SERVICE[stage]} could not be found`,
      `The name of ${SERVICE[stage]} could not be resolved (DNS).`,
    );
  }
  if (has('ECONNREFUSED')) {
    return network(
      stage,
      `${SERVICE[stage]} refused the connection`,
      `The connection to ${SERVICE[stage]} was refused; the service or a proxy is not accepting connections.`,
    );
  }
  if (has('ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT')) {
    return {
      code: 'timeout',
      title: `${SERVICE[stage]} did not answer in time`,
      explanation: `The network connection to ${SERVICE[stage]} timed out.`,
      fix: 'Try again in a moment; if it keeps happening, check the proxy and firewall.',
      retryable: true,
    };
  }
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'socket hang up', 'ECONNABORTED', 'other side closed')) {
    return network(
      stage,
      `The connection to ${SERVICE[stage]} was cut`,
      `${SERVICE[stage]} closed the connection before answering.`,
    );
  }
  return undefined;
}
