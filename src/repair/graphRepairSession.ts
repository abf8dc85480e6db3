import {
  createGraphBatchClient,
  createRegistrationStateReader,
  type BatchItemRequest,
  type BatchItemResponse,
  type RegistrationState,
  type RequiredPermission,
  type RequiredResourceAccess,
} from '../consent';
import { isRecord } from '../shared/isRecord';
import { systemClock, type Clock } from '../time/clock';
import { sleep } from '../time/sleep';
import { forbiddenText, type RepairStepKind } from './forbiddenText';
import type { RepairChange, RepairOutcome } from './repairOutcome';
import { permissionKey, type PlanInput, type RepairPlan } from './repairPlan';
import type { RepairSession, RepairSessionFactory, RepairTarget } from './repairSession';

export interface GraphRepairOptions {
  /** e.g. https://graph.microsoft.com (no version). */
  readonly graphEndpoint: string;
  readonly clock?: Clock;
  /** Waits before re-sending writes that met a service principal not replicated yet (404). */
  readonly replicationDelaysMs?: readonly number[];
  /** Time budget of each Graph request; default 20 s. */
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_REPLICATION_DELAYS_MS = [2000, 4000, 8000, 15_000];

const named = (list: readonly RequiredPermission[]): string => list.map((p) => p.name).join(', ');

/** One planned change and the batch items that carry it. */
interface Step {
  readonly change: RepairChange;
  readonly itemIds: readonly string[];
}

/** "already exists" answers: a duplicate app role assignment (400) or grant / service principal (409). */
function alreadyPresent(item: BatchItemResponse): boolean {
  if (item.status === 409) return true;
  const error = isRecord(item.body) && isRecord(item.body.error) ? item.body.error : undefined;
  return item.status === 400 && typeof error?.message === 'string' && /already exists/i.test(error.message);
}

function graphCode(item: BatchItemResponse): string {
  const error = isRecord(item.body) && isRecord(item.body.error) ? item.body.error : undefined;
  return typeof error?.code === 'string' ? ` ${error.code.slice(0, 60)}` : '';
}

/** The change's result from its items' answers; `detail` explains a failure in plain words. */
function resultOf(
  step: RepairStepKind,
  items: readonly (BatchItemResponse | undefined)[],
  adminConsentLink?: string,
): Omit<RepairChange, 'step' | 'summary'> {
  const failedItem = items.find((i) => i !== undefined && i.status >= 400 && i.status !== 424 && !alreadyPresent(i));
  if (failedItem) {
    if (failedItem.status === 403) return { result: 'failed', detail: forbiddenText(step, adminConsentLink) };
    if (failedItem.status === 404) {
      return {
        result: 'failed',
        detail:
          'Microsoft Graph did not find the enterprise application yet (it is still replicating). Wait a few minutes and use Fix it for me again.',
      };
    }
    return {
      result: 'failed',
      detail: `Microsoft Graph refused this change (HTTP ${failedItem.status}${graphCode(failedItem)}).`,
    };
  }
  if (items.some((i) => i === undefined || i.status === 424)) return { result: 'not-attempted' };
  return { result: items.every((i) => i !== undefined && alreadyPresent(i)) ? 'already-present' : 'applied' };
}

/** requiredResourceAccess with the plan's additions merged in; nothing already there is dropped. */
export function mergedRequiredResourceAccess(
  current: readonly RequiredResourceAccess[],
  resourceAppId: string,
  add: readonly RequiredPermission[],
): RequiredResourceAccess[] {
  const wanted = add.map((p) => ({ id: p.id.toLowerCase(), type: p.kind === 'Delegated' ? 'Scope' : 'Role' }));
  const resource = resourceAppId.toLowerCase();
  const has = current.some((r) => r.resourceAppId.toLowerCase() === resource);
  const merged = current.map((r) => {
    if (r.resourceAppId.toLowerCase() !== resource) return r;
    const missing = wanted.filter(
      (w) =>
        !r.resourceAccess.some((a) => a.id.toLowerCase() === w.id && a.type.toLowerCase() === w.type.toLowerCase()),
    );
    return { ...r, resourceAccess: [...r.resourceAccess, ...missing] };
  });
  return has ? merged : [...merged, { resourceAppId: resource, resourceAccess: wanted }];
}

/** The delegated grant's scope with the plan's names added (existing ones kept, no duplicates). */
export function mergedScope(current: string, add: readonly RequiredPermission[]): string {
  const names = current.split(/\s+/).filter(Boolean);
  for (const p of add) if (!names.some((n) => n.toLowerCase() === p.name.toLowerCase())) names.push(p.name);
  return names.join(' ');
}

/**
 * Fix it for me's Graph side with the admin's delegated token: a read of the registration (the
 * same reads as a check), then the plan applied in as few requests as Graph allows: the
 * service principal first when it is missing (its id is needed by every grant), then one
 * `$batch` with the registration PATCH and, depending on it, every grant. Writes that meet a
 * service principal not replicated yet (404) are re-sent after a wait. "Already exists" counts
 * as done, so running it twice changes nothing the second time.
 */
export function createGraphRepairSessionFactory(options: GraphRepairOptions): RepairSessionFactory {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const delays = options.replicationDelaysMs ?? DEFAULT_REPLICATION_DELAYS_MS;
  const wait = options.sleep ?? ((ms: number) => sleep(ms));
  const reader = createRegistrationStateReader({ graphEndpoint: options.graphEndpoint, clock, timeoutMs });
  const batch = createGraphBatchClient({ graphEndpoint: options.graphEndpoint, clock });

  return (target: RepairTarget, accessToken: string): RepairSession => {
    let state: RegistrationState | undefined;
    let requests = 0;
    let replicationRetries = 0;

    /** One batch POST; a replication retry is counted apart from the plan's own requests. */
    const send = async (items: readonly BatchItemRequest[], retry = false): Promise<Map<string, BatchItemResponse>> => {
      if (retry) replicationRetries += 1;
      else requests += 1;
      return batch.send(items, { accessToken, deadline: clock.now().getTime() + timeoutMs, timeoutMs });
    };

    async function readState(): Promise<RegistrationState> {
      const read = await reader.read(accessToken, target.clientId, target.profile);
      requests += read.requests;
      state = read;
      return read;
    }

    async function read(): Promise<PlanInput> {
      const current = await readState();
      return {
        tenantId: target.tenantId,
        clientId: target.clientId,
        servicePrincipalMissing: current.servicePrincipalId === undefined,
        statuses: new Map(current.permissions.map((r) => [permissionKey(r.permission), r.status])),
      };
    }

    /** Sends the items; those answered 404 (replication) are re-sent alone after each delay. */
    async function sendWithReplication(
      items: readonly BatchItemRequest[],
      spJustCreated: boolean,
    ): Promise<Map<string, BatchItemResponse>> {
      const answers = await send(items);
      if (!spJustCreated) return answers;
      for (const delay of delays) {
        const again = items.filter((i) => answers.get(i.id)?.status === 404);
        if (again.length === 0) break;
        await wait(delay);
        // Re-sent alone: what they depended on has already been answered.
        const retried = await send(
          again.map(({ dependsOn: _dependsOn, ...item }) => item),
          true,
        );
        for (const [id, answer] of retried) answers.set(id, answer);
      }
      return answers;
    }

    async function createServicePrincipal(): Promise<{ id?: string; change: RepairChange }> {
      const summary = 'Created the enterprise application (service principal)';
      const answers = await send([
        { id: 'sp', method: 'POST', url: '/servicePrincipals', body: { appId: target.clientId } },
      ]);
      const answer = answers.get('sp');
      if (answer && answer.status === 201 && isRecord(answer.body) && typeof answer.body.id === 'string') {
        return {
          id: answer.body.id.toLowerCase(),
          change: { step: 'create-service-principal', summary, result: 'applied' },
        };
      }
      if (answer && alreadyPresent(answer)) {
        // Created by someone else since the read: find its id (it may still be replicating).
        const lookup = [
          { id: 'find', url: `/servicePrincipals(appId='${encodeURIComponent(target.clientId)}')?$select=id` },
        ];
        const found = (await sendWithReplication(lookup, true)).get('find');
        const id = found && isRecord(found.body) && typeof found.body.id === 'string' ? found.body.id : undefined;
        return {
          ...(id ? { id: id.toLowerCase() } : {}),
          change: { step: 'create-service-principal', summary, result: 'already-present' },
        };
      }
      return {
        change: { step: 'create-service-principal', summary, ...resultOf('create-service-principal', [answer]) },
      };
    }

    async function apply(plan: RepairPlan): Promise<RepairOutcome> {
      const current = state ?? (await readState());
      const changes: RepairChange[] = [];
      let servicePrincipalId = current.servicePrincipalId;
      const spJustCreated = plan.createServicePrincipal && servicePrincipalId === undefined;
      if (plan.createServicePrincipal) {
        if (servicePrincipalId === undefined) {
          const created = await createServicePrincipal();
          changes.push(created.change);
          servicePrincipalId = created.id;
        } else {
          changes.push({
            step: 'create-service-principal',
            summary: 'Created the enterprise application (service principal)',
            result: 'already-present',
          });
        }
      }

      const graphSp = current.resourceServicePrincipalId;
      const items: BatchItemRequest[] = [];
      const steps: Step[] = [];
      const dependsOn = plan.addToRegistration.length > 0 ? ['app'] : undefined;
      if (plan.addToRegistration.length > 0) {
        items.push({
          id: 'app',
          method: 'PATCH',
          url: `/applications/${encodeURIComponent(current.applicationObjectId)}`,
          body: {
            requiredResourceAccess: mergedRequiredResourceAccess(
              current.requiredResourceAccess,
              plan.resourceAppId,
              plan.addToRegistration,
            ),
          },
        });
        steps.push({
          change: {
            step: 'add-permissions',
            summary: `Added to the registration: ${plan.addToRegistration.map((p) => `${p.name} (${p.kind})`).join(', ')}`,
            result: 'not-attempted',
          },
          itemIds: ['app'],
        });
      }
      plan.grantApplication.forEach((p, k) => {
        const id = `role${k}`;
        items.push({
          id,
          method: 'POST',
          url: `/servicePrincipals/${encodeURIComponent(graphSp)}/appRoleAssignedTo`,
          body: { principalId: servicePrincipalId, resourceId: graphSp, appRoleId: p.id },
          ...(dependsOn ? { dependsOn } : {}),
        });
        steps.push({
          change: {
            step: 'grant-application',
            summary: `Granted admin consent: ${p.name} (Application)`,
            result: 'not-attempted',
          },
          itemIds: [id],
        });
      });
      if (plan.grantDelegated.length > 0) {
        const grant = current.delegatedGrant;
        items.push({
          id: 'grant',
          ...(grant
            ? {
                method: 'PATCH' as const,
                url: `/oauth2PermissionGrants/${encodeURIComponent(grant.id)}`,
                body: { scope: mergedScope(grant.scope, plan.grantDelegated) },
              }
            : {
                method: 'POST' as const,
                url: '/oauth2PermissionGrants',
                body: {
                  clientId: servicePrincipalId,
                  consentType: 'AllPrincipals',
                  resourceId: graphSp,
                  scope: mergedScope('', plan.grantDelegated),
                },
              }),
          ...(dependsOn ? { dependsOn } : {}),
        });
        steps.push({
          change: {
            step: 'grant-delegated',
            summary: `Granted admin consent: ${named(plan.grantDelegated)} (Delegated)`,
            result: 'not-attempted',
          },
          itemIds: ['grant'],
        });
      }

      // Without the service principal (creating it failed) no grant can be made: nothing more is tried.
      if (items.length > 0 && servicePrincipalId !== undefined) {
        try {
          const answers = await sendWithReplication(items, spJustCreated);
          for (const s of steps) {
            changes.push({
              ...s.change,
              ...resultOf(
                s.change.step,
                s.itemIds.map((id) => answers.get(id)),
                target.adminConsentLink,
              ),
            });
          }
        } catch (error) {
          // The whole batch failed (network, 401, timeout): the first step is where it stopped.
          const message = error instanceof Error ? error.message : 'Microsoft Graph could not be reached.';
          steps.forEach((s, k) =>
            changes.push(k === 0 ? { ...s.change, result: 'failed', detail: message } : s.change),
          );
        }
      } else {
        changes.push(...steps.map((s) => s.change));
      }

      const failed = changes.find((c) => c.result === 'failed');
      return {
        completed: changes.every((c) => c.result === 'applied' || c.result === 'already-present'),
        changes,
        ...(failed ? { failure: { step: failed.step, message: failed.detail ?? 'This step failed.' } } : {}),
        requests,
        replicationRetries,
      };
    }

    return { read, apply };
  };
}
