import type { CheckResult, ConnectorInput } from '../consent';
import { credentialsRejected, type CheckedRegistration, type Owner } from '../registrations/registrationService';
import { sleep } from '../time/sleep';
import type { FixPage, FixRequest } from './fixRequest';
import { AppLifecycleError, type GraphApp } from './graphAppLifecycle';
import { mergedRequiredResourceAccess } from './graphRepairSession';
import { BACK_TO_TEAMS, DEFAULT_REPLICATION_DELAYS_MS, type LifecycleDeps } from './lifecycleDeps';
import type { RepairChange, SignedInAdmin } from './repairOutcome';
import { planRepair } from './repairPlan';
import { addSecretWithinPolicy } from './addSecretWithinPolicy';

type CreateTask = Extract<NonNullable<FixRequest['task']>, { kind: 'create' }>;

/** Failures a check of a just-created app or secret shows while Entra ID is still replicating it. */
const NOT_REPLICATED = new Set(['invalid-secret', 'app-not-found']);

export function stillReplicating(result: CheckResult): boolean {
  return result.kind === 'failure' && NOT_REPLICATED.has(result.code);
}

/** Runs `attempt` again after each delay while `again` says the answer is replication lag. */
export async function withReplicationRetries<T>(
  deps: Pick<LifecycleDeps, 'replicationDelaysMs' | 'sleep'>,
  attempt: () => Promise<T>,
  again: (value: T) => boolean,
): Promise<T> {
  const wait = deps.sleep ?? ((ms: number) => sleep(ms));
  let value = await attempt();
  for (const delay of deps.replicationDelaysMs ?? DEFAULT_REPLICATION_DELAYS_MS) {
    if (!again(value)) break;
    await wait(delay);
    value = await attempt();
  }
  return value;
}

const hinted = (hint: string | undefined): string => `${hint ?? ''}•••`;

/**
 * Create it for me, after the admin signed in: the tenant's secret-lifetime cap, a name check
 * (an existing registration of that name is a choice in Teams, never a duplicate), then the app
 * with the profile's permissions, a client secret, the enterprise application and admin consent
 * (the repair session of Fix it for me), and the connector's own check. The new registration is
 * kept sealed like one typed in `setup`; its secret's value is offered once on the reveal page.
 */
export function createCreateFlow(deps: LifecycleDeps) {
  return async function create(
    request: FixRequest,
    task: CreateTask,
    admin: SignedInAdmin,
    accessToken: string,
  ): Promise<FixPage> {
    const life = deps.openLifecycle(accessToken);
    const taken = await life.findByName(task.displayName);
    if (taken.length > 0) {
      deps.logger.info('create.name_taken', { count: taken.length });
      await deps.chat.nameTaken(request, taken);
      return {
        status: 409,
        title: 'That name is taken: nothing was created',
        message: `Your organisation already has an app registration named "${task.displayName}". In Teams, choose another name or connect the existing one. ${BACK_TO_TEAMS}`,
      };
    }

    const changes: RepairChange[] = [];
    let app: GraphApp | undefined;
    const by = admin.userPrincipalName ?? admin.displayName ?? admin.objectId;
    // The browser tab waits for all of it; Teams shows that it is under way.
    await deps.chat.replaceWith(request, {
      tone: 'default',
      title: `⏳ Creating ${task.displayName}…`,
      text: `${by} signed in. I am registering the app, adding its client secret, granting admin consent and checking it with its own credentials. This card updates by itself.`,
    });
    try {
      app = await life.createApp(
        task.displayName,
        mergedRequiredResourceAccess([], deps.profile.resourceAppId, deps.profile.permissions),
      );
      changes.push({
        step: 'create-application',
        summary: `Registered the app "${task.displayName}" (client ID ${app.appId}, single tenant)`,
        result: 'applied',
      });
      const created = app;
      const within = await addSecretWithinPolicy(life, created, {
        displayName: 'Connector Consent Bot',
        months: task.lifetimeMonths,
        clock: deps.clock,
      });
      const secret = within.added;
      const { lifetimeNote } = within;
      changes.push({
        step: 'add-secret',
        summary: `Added a client secret (${hinted(secret.hint)}, expires ${within.endDateTime.slice(0, 10)})`,
        result: 'applied',
      });
      // The enterprise application and admin consent: the same session as Fix it for me.
      const session = deps.openSession(
        { tenantId: request.tenantId, clientId: created.appId, profile: deps.profile },
        accessToken,
      );
      const input = await withReplicationRetries(
        deps,
        () =>
          session.read().then(
            (read) => ({ read }),
            (error: unknown) => ({ error }),
          ),
        (r) => 'error' in r,
      );
      if ('error' in input) throw input.error;
      const outcome = await session.apply(planRepair(input.read, deps.profile));
      changes.push(...outcome.changes);

      const owner: Owner = task.owner;
      const values: ConnectorInput = {
        tenant: request.tenantId,
        clientId: created.appId,
        clientSecret: secret.secretText,
      };
      const checked: CheckedRegistration = await withReplicationRetries(
        deps,
        () => deps.registrations.register(owner, values, { conversationKey: request.conversationKey }),
        (c) => stillReplicating(c.result),
      );
      const registrationId = checked.registration?.id ?? '';
      await deps.audit.record({
        at: deps.clock.now().toISOString(),
        registrationId,
        tenantId: request.tenantId,
        clientId: created.appId,
        by: {
          objectId: admin.objectId,
          ...(admin.userPrincipalName ? { userPrincipalName: admin.userPrincipalName } : {}),
        },
        completed: outcome.completed,
        changes,
      });
      deps.logger.info('create.done', { registrationId, completed: outcome.completed });
      if (checked.registration) {
        await deps.chat.showResult(request, checked, { by, outcome: { ...outcome, changes }, action: 'Created' });
      } else if (credentialsRejected(checked.result)) {
        await deps.chat.replaceWith(request, {
          tone: 'warning',
          title: `${task.displayName} is created, but its secret does not work yet`,
          text: `Entra ID did not accept the new secret yet (it can take a few minutes to spread). Open the secret's page below and copy it now; in a few minutes type "setup" and enter tenant ${request.tenantId}, client ID ${created.appId} and that value.`,
        });
      }

      const offer = await deps.reveal.offer({
        secret: secret.secretText,
        admin,
        clientId: created.appId,
        label: task.displayName,
        ...(secret.endDateTime ? { expiresOn: secret.endDateTime } : {}),
      });
      await deps.chat.offerSecret(request, {
        label: task.displayName,
        tenantId: request.tenantId,
        clientId: created.appId,
        revealUrl: offer.url,
        linkExpiresAt: offer.expiresAt,
        secretExpiresAt: within.endDateTime,
        ...(lifetimeNote ? { lifetimeNote } : {}),
      });
      return {
        status: 200,
        title: `Created: ${task.displayName}`,
        message: outcome.completed
          ? `The app registration is created, consented and checked; Teams shows the result. Show the secret value now and paste it into your product (client ID ${created.appId}, tenant ${request.tenantId}). ${lifetimeNote ?? ''}`.trim()
          : `The app registration is created with its secret, but not every consent could be granted: ${outcome.failure?.message ?? 'see the status card in Teams'}. Show the secret value now; the status card in Teams says what is left.`,
        confirm: offer.confirm,
        session: admin,
      };
    } catch (error) {
      if (!(error instanceof AppLifecycleError)) throw error;
      deps.logger.warn('create.refused', { status: error.status, created: app !== undefined });
      const done = app
        ? ` The app registration itself was created (client ID ${app.appId}). Add a client secret to it under Certificates & secrets in the Azure portal and type "setup" (Fix it for me then finishes the consent), or delete it there.`
        : ' Nothing was created.';
      await deps.chat.replaceWith(request, {
        tone: 'attention',
        title: 'Create it for me stopped',
        text: `${error.message}${done}`,
      });
      return { status: 200, title: 'Create it for me stopped', message: `${error.message}${done} ${BACK_TO_TEAMS}` };
    }
  };
}
