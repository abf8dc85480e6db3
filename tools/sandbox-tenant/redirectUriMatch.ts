/**
 * Whether a redirect_uri matches one registered on the app, as Entra ID compares them: exactly
 * (case-sensitive path), except that for loopback `http://localhost` and `http://127.0.0.1` URIs
 * the port is ignored, so a local server on any port matches
 * (https://learn.microsoft.com/entra/identity-platform/reply-url#localhost-exceptions).
 */
export function matchesRegisteredRedirect(asked: string, registered: readonly string[]): boolean {
  if (registered.includes(asked)) return true;
  const a = loopback(asked);
  if (!a) return false;
  return registered.some((r) => {
    const b = loopback(r);
    return b !== undefined && b.host === a.host && b.rest === a.rest;
  });
}

function loopback(uri: string): { host: string; rest: string } | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1')) return undefined;
  return { host: url.hostname, rest: `${url.pathname}${url.search}` };
}
