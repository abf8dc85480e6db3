import { consentReadRequests } from '../../../src/consent/consentReads';
import { createGraphBatchClient } from '../../../src/consent/graphBatch';
import { createTokenProvider } from '../../../src/consent/token';
import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { startHarness, type Harness } from './sandboxHarness';

/** The batch client on its own, with its waits observed through an injected sleep. */

let h: Harness;
let accessToken: string;
beforeAll(async () => {
  h = await startHarness();
  const s = SCENARIOS.allGranted;
  accessToken = (
    await createTokenProvider({ cloud: h.cloud }).getToken({
      tenantId: s.tenantId,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
    })
  ).token;
});
afterAll(async () => {
  await h.stop();
});

const requests = consentReadRequests(SCENARIOS.allGranted.clientId, '00000003-0000-0000-c000-000000000000');
const send = (client: ReturnType<typeof createGraphBatchClient>) =>
  client.send(requests, { accessToken, deadline: Date.now() + 5000, timeoutMs: 5000 });

test("honours each throttled item's Retry-After (the longest of them) and stops after maxItemRetries", async () => {
  const waits: number[] = [];
  const client = createGraphBatchClient({
    graphEndpoint: h.sandbox.graphEndpoint,
    maxItemRetries: 2,
    sleep: async (ms) => void waits.push(ms),
  });
  h.sandbox.controls.injectFault({
    target: 'graph-item',
    status: 429,
    times: 1,
    retryAfterSeconds: 2,
    itemUrlContains: 'appRoleAssignments',
  });
  h.sandbox.controls.injectFault({
    target: 'graph-item',
    status: 429,
    times: 3,
    retryAfterSeconds: 3,
    itemUrlContains: 'oauth2PermissionGrants',
  });
  const items = await send(client);
  expect(waits).toEqual([3000, 3000]);
  expect(items.get('appRoleAssignments')?.status).toBe(200);
  expect(items.get('oauth2PermissionGrants')?.status).toBe(429);
  expect(items.get('application')?.status).toBe(200);
});

test('a Retry-After beyond the cap ends the retries at once', async () => {
  const waits: number[] = [];
  const client = createGraphBatchClient({
    graphEndpoint: h.sandbox.graphEndpoint,
    maxRetryWaitMs: 1000,
    sleep: async (ms) => void waits.push(ms),
  });
  h.sandbox.controls.injectFault({
    target: 'graph-item',
    status: 429,
    times: 1,
    retryAfterSeconds: 120,
    itemUrlContains: 'application',
  });
  const items = await send(client);
  expect(waits).toEqual([]);
  expect(items.get('application')?.status).toBe(429);
});

test('every item is answered with its status and body', async () => {
  const items = await send(createGraphBatchClient({ graphEndpoint: h.sandbox.graphEndpoint }));
  expect([...items.keys()].sort()).toEqual([
    'appRoleAssignments',
    'application',
    'oauth2PermissionGrants',
    'resourceServicePrincipal',
  ]);
  expect(items.get('application')?.body).toMatchObject({ appId: SCENARIOS.allGranted.clientId });
});

test('a token the sandbox did not issue is refused (the bearer token really travels)', async () => {
  const client = createGraphBatchClient({ graphEndpoint: h.sandbox.graphEndpoint });
  await expect(
    client.send(requests, { accessToken: 'not-a-token', deadline: Date.now() + 5000, timeoutMs: 5000 }),
  ).rejects.toMatchObject({ status: 401 });
});
