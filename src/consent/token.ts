import { createHash } from 'crypto';
import { ClientSecretCredential } from '@azure/identity';
import { MICROSOFT_AUTHORITY_HOSTS, MICROSOFT_GRAPH_HOSTS, type CloudEndpoints } from './cloud';

/**
 * App-only tokens through @azure/identity's ClientSecretCredential. A credential instance
 * caches its token, so instances are pooled by tenant + client + a hash of the secret: a
 * re-check within the token's lifetime makes no request to Entra ID at all. A changed secret
 * is a new key, so a rotated secret is really tested. The secret itself is never a map key.
 */

export interface AppToken {
  readonly token: string;
  readonly expiresOnTimestamp: number;
}

export interface TokenProvider {
  /** `fresh` throws the pooled credential away first, so the token (and its roles) is new. */
  getToken(args: { tenantId: string; clientId: string; clientSecret: string; fresh?: boolean }): Promise<AppToken>;
  /** Forgets the credential for these values (after a failed sign-in, so no stale state is reused). */
  forget(args: { tenantId: string; clientId: string; clientSecret: string }): void;
}

export interface TokenProviderOptions {
  readonly cloud: CloudEndpoints;
  /** Scope to request; defaults to the cloud's Graph `/.default`. */
  readonly scope?: string;
  /** Credentials kept warm at most; the oldest is dropped first. Default 200. */
  readonly poolSize?: number;
  /** Retries of the token HTTP requests on network errors / 5xx; default 1 (identity's own default is 3). */
  readonly maxRetries?: number;
}

/** The `/.default` scope for the cloud's Graph; a custom Graph endpoint (a test double) uses public Graph's. */
export function graphScope(cloud: CloudEndpoints): string {
  const host = new URL(cloud.graphEndpoint).hostname.toLowerCase();
  return MICROSOFT_GRAPH_HOSTS.has(host) ? `https://${host}/.default` : 'https://graph.microsoft.com/.default';
}

function poolKey(tenantId: string, clientId: string, secret: string): string {
  const digest = createHash('sha256').update(secret, 'utf8').digest('hex');
  return `${tenantId.toLowerCase()}|${clientId.toLowerCase()}|${digest}`;
}

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const scope = options.scope ?? graphScope(options.cloud);
  const poolSize = options.poolSize ?? 200;
  const authorityHost = options.cloud.authorityHost;
  const customAuthority = !MICROSOFT_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
  const pool = new Map<string, ClientSecretCredential>();

  function credentialFor(tenantId: string, clientId: string, secret: string, fresh: boolean): ClientSecretCredential {
    const key = poolKey(tenantId, clientId, secret);
    const existing = pool.get(key);
    if (existing && !fresh) {
      pool.delete(key);
      pool.set(key, existing);
      return existing;
    }
    const credential = new ClientSecretCredential(tenantId, clientId, secret, {
      authorityHost,
      disableInstanceDiscovery: customAuthority,
      retryOptions: { maxRetries: options.maxRetries ?? 1, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
    });
    pool.delete(key);
    pool.set(key, credential);
    while (pool.size > poolSize) pool.delete(pool.keys().next().value as string);
    return credential;
  }

  return {
    async getToken({ tenantId, clientId, clientSecret, fresh }) {
      const credential = credentialFor(tenantId, clientId, clientSecret, fresh === true);
      const token = await credential.getToken(scope);
      return { token: token.token, expiresOnTimestamp: token.expiresOnTimestamp };
    },
    forget({ tenantId, clientId, clientSecret }) {
      pool.delete(poolKey(tenantId, clientId, clientSecret));
    },
  };
}
