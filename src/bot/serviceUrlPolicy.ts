import { parseUrl } from '../shared/parseUrl';
/**
 * Proactive sends carry the bot's token to the conversation's serviceUrl, so a poisoned
 * serviceUrl would leak it (SSRF). Only known Bot Connector hosts pass; in local mode
 * loopback addresses pass too, for the Agents Playground and test doubles.
 */
export function createServiceUrlPolicy(options: {
  readonly allowedPrefixes: readonly string[];
  readonly localMode: boolean;
}): (serviceUrl: string | undefined) => boolean {
  const prefixes = options.allowedPrefixes.map((p) => p.toLowerCase());
  return (serviceUrl) => {
    const url = parseUrl(serviceUrl);
    if (!url) return false;
    if (url.username || url.password) return false;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (options.localMode && (host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host))) {
      return url.protocol === 'http:' || url.protocol === 'https:';
    }
    if (url.protocol !== 'https:') return false;
    const normalized = url.toString().toLowerCase();
    return prefixes.some(
      (prefix) => normalized.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`) || normalized === prefix,
    );
  };
}
