import { resolveCloud, type CloudEndpoints } from '../consent';

/**
 * The cloud to check against, from AZURE_CLOUD (public | usgov | china) and the explicit
 * AUTHORITY_HOST / GRAPH_ENDPOINT overrides. Overrides must be https: tokens and secrets
 * never travel in clear text.
 */
export function cloudFromEnv(
  env: NodeJS.ProcessEnv,
): { ok: true; cloud: CloudEndpoints } | { ok: false; message: string } {
  const name = (env.AZURE_CLOUD ?? '').trim().toLowerCase() || 'public';
  if (name !== 'public' && name !== 'usgov' && name !== 'china') {
    return { ok: false, message: `AZURE_CLOUD must be public, usgov or china (got "${name.slice(0, 40)}").` };
  }
  const overrides: { authorityHost?: string; graphEndpoint?: string } = {};
  for (const [key, field] of [
    ['AUTHORITY_HOST', 'authorityHost'],
    ['GRAPH_ENDPOINT', 'graphEndpoint'],
  ] as const) {
    const value = env[key]?.trim();
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { ok: false, message: `${key} is not a URL.` };
    }
    if (url.protocol !== 'https:') return { ok: false, message: `${key} must be an https:// URL.` };
    if (url.search || url.hash || url.username || url.password)
      return { ok: false, message: `${key} must be a plain https origin, without query or credentials.` };
    overrides[field] = url.toString();
  }
  return { ok: true, cloud: resolveCloud(name, overrides) };
}
