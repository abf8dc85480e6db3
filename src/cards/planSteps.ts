import type { RequiredPermission } from '../consent';
import type { RepairPlan } from '../repair/repairPlan';

const named = (p: RequiredPermission): string => `${p.name} (${p.kind})`;

/**
 * What a repair plan will do, one plain sentence per change: the service principal first, then
 * permissions added, then grants. The preview card and the tests read the same words.
 */
export function planSteps(plan: RepairPlan): string[] {
  const steps: string[] = [];
  if (plan.createServicePrincipal) steps.push('Create the enterprise application (service principal)');
  for (const p of plan.addToRegistration) steps.push(`Add to the registration: ${named(p)}`);
  for (const p of plan.grantApplication) steps.push(`Grant admin consent: ${named(p)}`);
  for (const p of plan.grantDelegated) steps.push(`Grant admin consent: ${named(p)}`);
  return steps;
}
