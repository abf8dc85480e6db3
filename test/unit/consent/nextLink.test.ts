import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { parseConsentReads } from '../../../src/consent/consentReads';
import type { BatchItemResponse } from '../../../src/consent/graphBatch';
import { createGraphPageReader } from '../../../src/consent/graphPages';
import { trustedNextLink } from '../../../src/consent/nextLink';

/**
 * A nextLink is followed only on the configured Graph endpoint's origin. A local HTTP server
 * stands in for the "foreign" host a malicious answer points at; it must see no connection at
 * all, so the access token cannot have reached it.
 */

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.unit-test-access-token.sig';

let server: Server;
let port: number;
let connections = 0;
let requests = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ value: [{ appRoleId: 'df021288-bdef-4463-88db-98f22de89214', resourceId: 'r' }] }));
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  connections = 0;
  requests = 0;
});

function rolesItem(nextLink: unknown): Map<string, BatchItemResponse> {
  const body = {
    '@odata.context': 'x',
    '@odata.nextLink': nextLink,
    value: [{ appRoleId: '7ab1d382-f21e-4acd-a863-ba3e13f7da61', resourceId: 'r' }],
  };
  return new Map([['appRoleAssignments', { id: 'appRoleAssignments', status: 200, headers: {}, body }]]);
}
const send = { accessToken: TOKEN, deadline: Date.now() + 60_000, timeoutMs: 5000 };

describe('trustedNextLink', () => {
  const endpoint = 'https://graph.microsoft.com';
  it.each([
    ['https://graph.microsoft.com/v1.0/servicePrincipals/x/appRoleAssignments?$skiptoken=a', true],
    ['https://GRAPH.microsoft.com:443/beta/servicePrincipals/x/appRoleAssignments?$skiptoken=a', true],
    ['https://graph.microsoft.com.evil.example/v1.0/x', false],
    ['https://evil.example/v1.0/x', false],
    ['http://graph.microsoft.com/v1.0/x', false],
    ['https://graph.microsoft.com:8443/v1.0/x', false],
    ['https://user:pw@graph.microsoft.com/v1.0/x', false],
    ['https://graph.microsoft.com/other/x', false],
    ['/v1.0/servicePrincipals/x/appRoleAssignments', false],
    ['not a url', false],
  ])('%s -> %s', (link, ok) => {
    expect(trustedNextLink(link, endpoint) !== undefined).toBe(ok);
  });
});

describe('following nextLinks', () => {
  it('refuses a nextLink to another host without contacting it, and the read becomes Unknown with the reason', async () => {
    const reader = createGraphPageReader({ graphEndpoint: 'https://graph.microsoft.com' });
    const items = await reader.complete(
      rolesItem(`http://127.0.0.1:${port}/v1.0/servicePrincipals/x/appRoleAssignments?$skiptoken=a`),
      ['appRoleAssignments'],
      send,
    );
    expect(items.get('appRoleAssignments')?.incomplete?.code).toBe('UntrustedNextLink');
    expect(connections).toBe(0);
    expect(requests).toBe(0);
    const facts = parseConsentReads(items, []);
    expect(facts.appRoleAssignments.ok).toBe(false);
    if (!facts.appRoleAssignments.ok) {
      expect(facts.appRoleAssignments.reason).toMatch(/127\.0\.0\.1.*not followed/);
      expect(facts.appRoleAssignments.reason).not.toContain(TOKEN);
    }
  });

  it('refuses the same host name on another port (the Graph client would attach the token there)', async () => {
    // The configured endpoint's host is 127.0.0.1, so the client's customHosts would match the foreign port.
    const reader = createGraphPageReader({ graphEndpoint: 'https://127.0.0.1:1' });
    const items = await reader.complete(
      rolesItem(`https://127.0.0.1:${port}/v1.0/servicePrincipals/x/appRoleAssignments?$skiptoken=a`),
      ['appRoleAssignments'],
      send,
    );
    expect(items.get('appRoleAssignments')?.incomplete?.code).toBe('UntrustedNextLink');
    expect(connections).toBe(0);
  });

  it('does follow a link on the configured origin (the server does count a connection)', async () => {
    // Control for the zero counts above: the same kind of link on the endpoint's own origin is
    // followed. The stand-in speaks plain HTTP, so the TLS handshake fails after connecting.
    const reader = createGraphPageReader({ graphEndpoint: `https://127.0.0.1:${port}` });
    await expect(
      reader.complete(
        rolesItem(`https://127.0.0.1:${port}/v1.0/servicePrincipals/x/appRoleAssignments?$skiptoken=a`),
        ['appRoleAssignments'],
        send,
      ),
    ).rejects.toBeDefined();
    expect(connections).toBeGreaterThan(0);
  });

  it('treats a nextLink that is not a string as malformed, and sends nothing', async () => {
    const reader = createGraphPageReader({ graphEndpoint: `https://127.0.0.1:${port}` });
    const items = await reader.complete(
      rolesItem({ href: `https://127.0.0.1:${port}/v1.0/x` }),
      ['appRoleAssignments'],
      send,
    );
    expect(items.get('appRoleAssignments')?.incomplete?.code).toBe('MalformedResponse');
    expect(connections).toBe(0);
  });

  it('leaves items without a nextLink, and ids not asked for, untouched and makes no request', async () => {
    const reader = createGraphPageReader({ graphEndpoint: `https://127.0.0.1:${port}` });
    const plain = new Map([
      ['appRoleAssignments', { id: 'appRoleAssignments', status: 200, headers: {}, body: { value: [] } }],
    ]);
    expect(await reader.complete(plain, ['appRoleAssignments'], send)).toBe(plain);
    const paged = rolesItem(`https://127.0.0.1:${port}/v1.0/x?$skiptoken=a`);
    expect(await reader.complete(paged, ['oauth2PermissionGrants'], send)).toBe(paged);
    expect(connections).toBe(0);
  });
});
