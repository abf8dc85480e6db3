import { AuthenticationHandler, Client, type Middleware } from '@microsoft/microsoft-graph-client';
import { MICROSOFT_GRAPH_HOSTS } from './cloud';
import { CapturingFetchHandler } from './fetchHandler';

/** A Graph client for one access token, and the fetch link that keeps network errors. */
export interface GraphClientParts {
  readonly client: Client;
  readonly fetcher: CapturingFetchHandler;
}

/**
 * The official Graph client as every consent read uses it: bearer token from the check (the
 * client attaches it only to Graph hosts or to the configured endpoint's host), optional
 * middleware such as a RetryHandler, and a fetch that keeps the original network error. Built
 * per send, so nothing token-bearing outlives the check.
 */
export function createGraphClient(
  graphEndpoint: string,
  accessToken: string,
  middleware: readonly Middleware[] = [],
): GraphClientParts {
  const hostname = new URL(graphEndpoint).hostname.toLowerCase();
  const fetcher = new CapturingFetchHandler();
  const client = Client.initWithMiddleware({
    baseUrl: graphEndpoint,
    defaultVersion: 'v1.0',
    customHosts: MICROSOFT_GRAPH_HOSTS.has(hostname) ? undefined : new Set([hostname]),
    middleware: [new AuthenticationHandler({ getAccessToken: async () => accessToken }), ...middleware, fetcher],
  });
  return { client, fetcher };
}
