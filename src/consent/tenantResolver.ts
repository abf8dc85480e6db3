import { MalformedResponseError, ServiceHttpError } from './errors';
import { GUID_PATTERN, isGuid } from './identifiers';
import { systemClock, type Clock } from '../time/clock';
import { isRecord } from '../shared/isRecord';

/**
 * Domain -> tenant GUID through the tenant's OpenID configuration document, whose `issuer`
 * carries the GUID. Answers are cached, so a domain costs one request once per process.
 * A GUID is returned as is, without any request.
 */

export interface TenantResolver {
  /** Resolves a validated tenant (GUID or domain). Throws ServiceHttpError (with the AADSTS text), network errors, or MalformedResponseError. */
  resolve(tenant: string, signal?: AbortSignal): Promise<string>;
  /** Fetches the discovery document once without caching, to tell "tenant not found" from "service unreachable" after a failed sign-in. */
  probe(tenant: string, signal?: AbortSignal): Promise<string>;
}

export interface TenantResolverOptions {
  /** e.g. https://login.microsoftonline.com */
  readonly authorityHost: string;
  /** How long a resolved domain is trusted; default 1 hour. */
  readonly cacheTtlMs?: number;
  readonly fetch?: typeof fetch;
  /** Decides when a cached domain expires; default the wall clock. */
  readonly clock?: Clock;
}

const ISSUER_GUID = new RegExp(`/(${GUID_PATTERN})(?:/|$)`, 'i');

/** The tenant GUID in an OpenID configuration `issuer`, e.g. https://login.microsoftonline.com/{guid}/v2.0. */
export function tenantIdFromIssuer(issuer: string): string | undefined {
  return ISSUER_GUID.exec(issuer)?.[1]?.toLowerCase();
}

export function createTenantResolver(options: TenantResolverOptions): TenantResolver {
  const authority = options.authorityHost.replace(/\/+$/, '');
  const ttl = options.cacheTtlMs ?? 3_600_000;
  const doFetch = options.fetch ?? fetch;
  const clock = options.clock ?? systemClock;
  const now = (): number => clock.now().getTime();
  const cache = new Map<string, { tenantId: string; until: number }>();

  async function discover(tenant: string, signal?: AbortSignal): Promise<string> {
    const url = `${authority}/${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`;
    const response = await doFetch(url, { signal, headers: { accept: 'application/json' } });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (!response.ok) throw new ServiceHttpError('login', response.status);
      throw new MalformedResponseError('login', 'the OpenID configuration is not JSON');
    }
    const record = isRecord(json) ? json : {};
    if (!response.ok) {
      throw new ServiceHttpError('login', response.status, {
        code: typeof record.error === 'string' ? record.error : undefined,
        description: typeof record.error_description === 'string' ? record.error_description.slice(0, 1000) : undefined,
      });
    }
    const tenantId = typeof record.issuer === 'string' ? tenantIdFromIssuer(record.issuer) : undefined;
    if (!tenantId) throw new MalformedResponseError('login', 'the OpenID configuration has no tenant id in its issuer');
    return tenantId;
  }

  return {
    async resolve(tenant, signal) {
      if (isGuid(tenant)) return tenant.toLowerCase();
      const key = tenant.toLowerCase();
      const hit = cache.get(key);
      if (hit && hit.until > now()) return hit.tenantId;
      const tenantId = await discover(key, signal);
      cache.set(key, { tenantId, until: now() + ttl });
      if (cache.size > 1000) cache.delete(cache.keys().next().value as string);
      return tenantId;
    },
    probe: discover,
  };
}
