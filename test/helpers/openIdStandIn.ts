import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The claims a Bot Connector token carries (see the Bot Framework authentication docs). */
export interface TokenClaims {
  readonly [claim: string]: unknown;
}

export interface OpenIdStandIn {
  /** For RuntimeOverrides.openIdMetadataUrl. */
  readonly metadataUrl: string;
  readonly kid: string;
  /** The public key as PEM, as an attacker could fetch it from the JWKS. */
  readonly publicKeyPem: string;
  /** A compact JWT signed with `alg` (RS256 by default) by the stand-in's key or `key`. */
  token(claims: TokenClaims, options?: { header?: Record<string, unknown>; key?: KeyObject }): string;
  stop(): Promise<void>;
}

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/**
 * A local stand-in for login.botframework.com's OpenID metadata and signing keys (JWKS with
 * the `msteams` endorsement), so production-mode token validation runs on loopback.
 */
export async function startOpenIdStandIn(): Promise<OpenIdStandIn> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'stand-in-key-1';
  const jwk = publicKey.export({ format: 'jwk' });
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const json = (body: unknown): void => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/v1/.well-known/openidconfiguration') {
      return json({
        issuer: 'https://api.botframework.com',
        jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (req.url === '/v1/.well-known/keys') {
      return json({ keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();

  return {
    metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    kid,
    publicKeyPem,
    token(claims, options = {}) {
      const header = { alg: 'RS256', typ: 'JWT', kid, ...options.header };
      const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
      if (header.alg === 'none') return `${input}.`;
      if (header.alg === 'HS256')
        return `${input}.${createHmac('sha256', publicKeyPem).update(input).digest('base64url')}`;
      return `${input}.${sign('sha256', Buffer.from(input), options.key ?? privateKey).toString('base64url')}`;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
