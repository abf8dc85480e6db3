import { resolveCloud, type CloudEndpoints } from '../../../src/consent/cloud';
import {
  createConnectorChecker,
  type ConnectorChecker,
  type ConnectorCheckerOptions,
} from '../../../src/consent/connectorChecker';
import type { CheckResult, ConnectorInput } from '../../../src/consent/report';
import { startSandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { loadScenarioFixture, type SandboxScenario } from '../../../tools/sandbox-tenant/scenarios';
import type { SandboxOptions, SandboxTenant } from '../../../tools/sandbox-tenant/types';

/** A running scenario sandbox and a way to build checkers aimed at it. */
export interface Harness {
  readonly sandbox: SandboxTenant;
  readonly cloud: CloudEndpoints;
  checker(options?: Partial<ConnectorCheckerOptions>): ConnectorChecker;
  /** Request lines "host METHOD path status" since the last clear. */
  requests(): string[];
  stop(): Promise<void>;
}

export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  const sandbox = await startSandboxTenant({ fixture: loadScenarioFixture(), ...options });
  const cloud = resolveCloud('public', { authorityHost: sandbox.authorityHost, graphEndpoint: sandbox.graphEndpoint });
  return {
    sandbox,
    cloud,
    checker: (o = {}) => createConnectorChecker({ cloud, timeoutMs: 8000, ...o }),
    requests: () => sandbox.controls.requestLog().map((r) => `${r.host} ${r.method} ${r.path} ${r.status}`),
    stop: () => sandbox.stop(),
  };
}

export function inputOf(s: SandboxScenario, override: Partial<ConnectorInput> = {}): ConnectorInput {
  return { tenant: s.tenantId, clientId: s.clientId, clientSecret: s.clientSecret, ...override };
}

/** Narrows a result for assertions, failing the test with the other kind's words otherwise. */
export function asReport(result: CheckResult) {
  if (result.kind !== 'report') throw new Error(`expected a report, got failure ${result.code}: ${result.title}`);
  return result;
}

export function asFailure(result: CheckResult) {
  if (result.kind !== 'failure') throw new Error(`expected a failure, got a report (${result.verdict})`);
  return result;
}

export function statuses(result: CheckResult): string[] {
  return asReport(result).permissions.map((p) => `${p.permission.kind} ${p.permission.name}: ${p.status}`);
}
