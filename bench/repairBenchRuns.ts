import { performance } from 'perf_hooks';
import { ConfidentialClientApplication, CryptoProvider } from '@azure/msal-node';
import { resolveCloud } from '../src/consent/cloud';
import { createConnectorChecker } from '../src/consent/connectorChecker';
import { loadProfile } from '../src/consent';
import {
  createGraphRepairSessionFactory,
  mergedRequiredResourceAccess,
  mergedScope,
} from '../src/repair/graphRepairSession';
import { planRepair } from '../src/repair/repairPlan';
import { signInThroughSandbox } from '../tools/sandbox-tenant/sandboxSignIn';
import { startSandboxTenant } from '../tools/sandbox-tenant/sandboxTenant';
import {
  loadScenarioFixture,
  SCENARIO_TENANT,
  SCENARIO_USERS,
  SCENARIOS,
  SIGN_IN_APP,
} from '../tools/sandbox-tenant/scenarios';
import type { SandboxTenant } from '../tools/sandbox-tenant/types';

/**
 * The measurements behind the repair benchmark, in a process that trusts the sandbox CA: from
 * the admin's authorization code to the connector's own check saying Ready. "batched" is what
 * Fix it for me does (token exchange, one read batch, one write batch, one check); "naive" does
 * the same work one request at a time (5 GETs, then each write alone), as a script would.
 */

export interface RepairBenchRaw {
  readonly latencyMs: number;
  readonly runs: number;
  readonly samples: Record<'batched' | 'naive', { ms: number[]; requests: number[]; replicationRetries: number[] }>;
}

type Json = Record<string, unknown>;
const PROFILE = loadProfile('office365-connector');
const S = SCENARIOS.needsRepair;

/** A code for the Global Administrator (the browser part, not timed) and how to redeem it. */
async function signIn(sandbox: SandboxTenant): Promise<() => Promise<string>> {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: SIGN_IN_APP.clientId,
      clientSecret: SIGN_IN_APP.clientSecret,
      authority: `${sandbox.authorityHost}/${S.tenantId}`,
      knownAuthorities: [new URL(sandbox.authorityHost).host],
    },
  });
  const scopes = [...SIGN_IN_APP.scopes];
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const url = await app.getAuthCodeUrl({
    scopes,
    redirectUri: SIGN_IN_APP.redirectUri,
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
  });
  const code = (
    await signInThroughSandbox(url, SCENARIO_USERS.globalAdministrator.signInButton)
  ).location?.searchParams.get('code');
  if (!code) throw new Error('the sandbox sign-in gave no code');
  return async () =>
    (await app.acquireTokenByCode({ code, scopes, redirectUri: SIGN_IN_APP.redirectUri, codeVerifier: verifier }))
      .accessToken;
}

async function naiveRepair(sandbox: SandboxTenant, token: string): Promise<void> {
  const call = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const response = await fetch(`${sandbox.graphEndpoint}/v1.0${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`naive ${method} ${path} answered ${response.status}`);
    return text ? (JSON.parse(text) as Json) : {};
  };
  const app = await call('GET', `/applications(appId='${S.clientId}')`);
  const sp = await call('GET', `/servicePrincipals(appId='${S.clientId}')?$select=id`);
  await call('GET', `/servicePrincipals(appId='${S.clientId}')/appRoleAssignments`);
  const grants = (await call('GET', `/servicePrincipals(appId='${S.clientId}')/oauth2PermissionGrants`))
    .value as Json[];
  await call('GET', `/servicePrincipals(appId='${PROFILE.resourceAppId}')?$select=id,appRoles`);
  const graphSp = SCENARIO_TENANT.graphServicePrincipalId;
  const missing = PROFILE.permissions.filter((p) => p.name === 'Directory.AccessAsUser.All');
  await call('PATCH', `/applications/${String(app.id)}`, {
    requiredResourceAccess: mergedRequiredResourceAccess(
      app.requiredResourceAccess as Parameters<typeof mergedRequiredResourceAccess>[0],
      PROFILE.resourceAppId,
      missing,
    ),
  });
  const role = PROFILE.permissions.find((p) => p.kind === 'Application' && p.name === 'User.Read.All');
  await call('POST', `/servicePrincipals/${graphSp}/appRoleAssignedTo`, {
    principalId: sp.id,
    resourceId: graphSp,
    appRoleId: role?.id,
  });
  const grant = grants[0] ?? {};
  await call('PATCH', `/oauth2PermissionGrants/${String(grant.id)}`, {
    scope: mergedScope(
      String(grant.scope),
      PROFILE.permissions.filter((p) => p.kind === 'Delegated'),
    ),
  });
}

export async function measureRepairBench(runs = 7, latencyMs = 50): Promise<RepairBenchRaw> {
  const samples: RepairBenchRaw['samples'] = {
    batched: { ms: [], requests: [], replicationRetries: [] },
    naive: { ms: [], requests: [], replicationRetries: [] },
  };
  for (let i = 0; i < runs; i += 1) {
    for (const kind of ['batched', 'naive'] as const) {
      // A fresh tenant per run: each repair starts from the same half-configured app.
      const sandbox = await startSandboxTenant({ fixture: loadScenarioFixture(), latencyMs, replicationDelayMs: 0 });
      try {
        const cloud = resolveCloud('public', {
          authorityHost: sandbox.authorityHost,
          graphEndpoint: sandbox.graphEndpoint,
        });
        const redeem = await signIn(sandbox);
        sandbox.controls.clearRequestLog();
        const start = performance.now();
        const token = await redeem();
        let retries = 0;
        if (kind === 'batched') {
          const session = createGraphRepairSessionFactory({ graphEndpoint: sandbox.graphEndpoint })(
            { tenantId: S.tenantId, clientId: S.clientId, profile: PROFILE },
            token,
          );
          const outcome = await session.apply(planRepair(await session.read(), PROFILE));
          if (!outcome.completed) throw new Error(`the benchmark repair did not complete: ${outcome.failure?.message}`);
          retries = outcome.replicationRetries;
        } else {
          await naiveRepair(sandbox, token);
        }
        const result = await createConnectorChecker({ cloud }).check(
          { tenant: S.tenantId, clientId: S.clientId, clientSecret: S.clientSecret },
          { freshToken: true },
        );
        if (result.kind !== 'report' || result.verdict !== 'Ready') {
          throw new Error(`the ${kind} repair did not end Ready`);
        }
        samples[kind].ms.push(performance.now() - start);
        samples[kind].requests.push(sandbox.controls.requestLog().length);
        samples[kind].replicationRetries.push(retries);
      } finally {
        await sandbox.stop();
      }
    }
  }
  return { latencyMs, runs, samples };
}
