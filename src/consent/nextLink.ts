/**
 * Which `@odata.nextLink` values the check may follow. The Graph client attaches the bearer
 * token to any https URL on a Graph host or on the configured endpoint's host name (any port),
 * so the origin is checked here, before the client ever sees the link.
 */

/**
 * The nextLink as a URL when it may carry our token: https, the configured endpoint's exact
 * origin (scheme, host and port), no user info, under a Graph version. Otherwise undefined.
 */
export function trustedNextLink(link: string, graphEndpoint: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  const origin = new URL(graphEndpoint).origin;
  if (url.protocol !== 'https:' || url.origin !== origin || url.username !== '' || url.password !== '')
    return undefined;
  return /^\/(v1\.0|beta)\//i.test(url.pathname) ? url : undefined;
}

/** The host a refused link named, for the reason text (never the path or query). */
export function nextLinkHost(link: string): string {
  try {
    return new URL(link).host.slice(0, 100) || 'no host';
  } catch {
    return 'not a URL';
  }
}
