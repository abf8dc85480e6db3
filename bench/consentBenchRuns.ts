import { performance } from 'perf_hooks';
import { ClientSecretCredential } from '@azure/identity';
import { resolveCloud } from '../src/consent/cloud';
import { createConnectorChecker } from '../src/consent/connectorChecker';
import { consentReadRequests } from '../src/consent/consentReads';
import { startSandboxTenant } from '../tools/sandbox-tenant/sandboxTenant';
import { loadScenarioFixture, SCENARIOS } from '../tools/sandbox-tenant/scenarios';

/**
 * The measurements behind the consent benchmark, run in a process that trusts the sandbox CA:
 * one plain round trip, a cold check (new credential), a warm re-check (cached token) and a
 * naive reader doing the same four reads one GET at a time with a fresh token each run.
 */

export interface ConsentBenchRaw {
  readonly latencyMs: number;
  readonly runs: number;
  /** Per scenario: wall times (ms) and requests the sandbox saw per run. */
  readonly samples: Record<'roundTrip' | 'cold' | 'warm' | 'naive', { ms: number[]; requests: number[] }>;
}

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export async function measureConsentBench(runs = 15, latencyMs = 50): Promise<ConsentBenchRaw> {
  const sandbox = await startSandboxTenant({ fixture: loadScenarioFixture(), latencyMs });
  const cloud = resolveCloud('public', { authorityHost: sandbox.authorityHost, graphEndpoint: sandbox.graphEndpoint });
  const s = SCENARIOS.partlyConsented;
  const input = { tenant: s.tenantId, clientId: s.clientId, clientSecret: s.clientSecret };
  const samples: ConsentBenchRaw['samples'] = {
    roundTrip: { ms: [], requests: [] },
    cold: { ms: [], requests: [] },
    warm: { ms: [], requests: [] },
    naive: { ms: [], requests: [] },
  };
  const timed = async (into: keyof ConsentBenchRaw['samples'], work: () => Promise<unknown>): Promise<void> => {
    sandbox.controls.clearRequestLog();
    const start = performance.now();
    await work();
    samples[into].ms.push(performance.now() - start);
    samples[into].requests.push(sandbox.controls.requestLog().length);
  };
  const token = (
    await new ClientSecretCredential(s.tenantId, s.clientId, s.clientSecret, {
      authorityHost: cloud.authorityHost,
      disableInstanceDiscovery: true,
    }).getToken('https://graph.microsoft.com/.default')
  ).token;
  const get = async (url: string, bearer: string): Promise<void> => {
    const response = await fetch(`${cloud.graphEndpoint}/v1.0${url}`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    await response.arrayBuffer();
  };
  try {
    const warmChecker = createConnectorChecker({ cloud });
    const firstWarm = await warmChecker.check(input);
    if (firstWarm.kind !== 'report') throw new Error(`the benchmark check failed: ${firstWarm.title}`);
    await get(`/servicePrincipals(appId='${GRAPH_APP_ID}')?$select=id`, token);
    for (let i = 0; i < runs; i += 1) {
      await timed('roundTrip', () => get(`/servicePrincipals(appId='${GRAPH_APP_ID}')?$select=id`, token));
      await timed('cold', () => createConnectorChecker({ cloud }).check(input));
      await timed('warm', () => warmChecker.check(input));
      await timed('naive', async () => {
        const credential = new ClientSecretCredential(s.tenantId, s.clientId, s.clientSecret, {
          authorityHost: cloud.authorityHost,
          disableInstanceDiscovery: true,
        });
        const fresh = (await credential.getToken('https://graph.microsoft.com/.default')).token;
        for (const request of consentReadRequests(s.clientId, GRAPH_APP_ID)) await get(request.url, fresh);
      });
    }
  } finally {
    await sandbox.stop();
  }
  return { latencyMs, runs, samples };
}
