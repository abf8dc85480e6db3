import demoJson from '../../tools/sandbox-tenant/fixtures/demo.json';
import { parseFixture, type SandboxFixture } from '../../tools/sandbox-tenant/fixture';
import { loadScenarioFixture } from '../../tools/sandbox-tenant/scenarios';

/** The demo tenant and every scenario tenant in one sandbox. */
export function demoAndScenarios(): SandboxFixture {
  const demo = parseFixture(demoJson, 'demo.json');
  const scenarios = loadScenarioFixture();
  return { ...scenarios, tenants: [...demo.tenants, ...scenarios.tenants] };
}
