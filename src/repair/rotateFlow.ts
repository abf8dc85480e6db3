import type { ConsentReport } from '../consent';
import type { Rotation } from '../registrations/rotations';
import { credentialsRejected } from '../registrations/registrationService';
import type { StoredRegistration } from '../store/store';
import { stillReplicating, withReplicationRetries } from './createFlow';
import type { FixPage, FixRequest } from './fixRequest';
import { AppLifecycleError } from './graphAppLifecycle';
import type { RotationView } from './lifecycleChat';
import { BACK_TO_TEAMS, ownerIdOf, type LifecycleDeps } from './lifecycleDeps';
import type { RepairChange, SignedInAdmin } from './repairOutcome';
import { addSecretWithinPolicy } from './addSecretWithinPolicy';

type RotateTask = Extract<NonNullable<FixRequest['task']>, { kind: 'rotate' }>;
type RemoveTask = Extract<NonNullable<FixRequest['task']>, { kind: 'remove-secret' }>;

const reportOf = (reg: StoredRegistration): ConsentReport | undefined =>
  reg.lastResult?.kind === 'report' ? reg.lastResult : undefined;

const labelOf = (reg: StoredRegistration): string => reportOf(reg)?.app.displayName ?? reg.label;

const hinted = (hint: string | undefined): string => `${hint ?? ''}•••`;

/** The rotation card's data for a stored rotation. */
export function rotationView(
  reg: StoredRegistration,
  rotation: Rotation,
  extra: Partial<RotationView> = {},
): RotationView {
  return {
    registrationId: reg.id,
    label: labelOf(reg),
    stage: rotation.stage,
    newSecret: { hint: rotation.newSecret.hint, endDateTime: rotation.newSecret.endDateTime },
    oldSecret: { hint: rotation.oldSecret.hint, endDateTime: rotation.oldSecret.endDateTime },
    ...extra,
  };
}

/** A page and a chat notice for a registration the signed-in request no longer finds. */
const GONE: FixPage = {
  status: 404,
  title: 'This registration is gone',
  message: `It was forgotten in Teams, so nothing was changed. ${BACK_TO_TEAMS}`,
};

/**
 * Rotate now: add a new client secret next to the one in use, prove it gets a token, offer its
 * value once, and keep checking with the old one until the admin confirms the product uses the
 * new one (`confirm`); only then can a second sign-in remove the old one (`remove`). At no moment
 * is the secret the bot last saw working deleted without that confirmation.
 */
export function createRotateFlow(deps: LifecycleDeps) {
  async function registrationFor(request: FixRequest, admin: SignedInAdmin) {
    const reg = await deps.registrations.get(request.registrationId, ownerIdOf(request));
    if (!reg) return { page: GONE };
    if (admin.tenantId.toLowerCase() !== reg.tenantId.toLowerCase()) {
      return {
        page: {
          status: 403,
          title: 'You signed in to another organisation',
          message: `This registration is in tenant ${reg.tenantId}. Nothing was changed. ${BACK_TO_TEAMS}`,
        },
      };
    }
    return { reg };
  }

  /** One audit entry for a rotation step (each step completes or throws before this). */
  const audit = (reg: StoredRegistration, admin: SignedInAdmin, changes: readonly RepairChange[]) =>
    deps.audit.record({
      at: deps.clock.now().toISOString(),
      registrationId: reg.id,
      tenantId: reg.tenantId,
      clientId: reg.clientId,
      by: {
        objectId: admin.objectId,
        ...(admin.userPrincipalName ? { userPrincipalName: admin.userPrincipalName } : {}),
      },
      completed: true,
      changes,
    });

  async function rotate(request: FixRequest, task: RotateTask, admin: SignedInAdmin, token: string): Promise<FixPage> {
    const found = await registrationFor(request, admin);
    if (!found.reg) return found.page;
    const { reg } = found;
    const pending = await deps.rotations.get(reg.id);
    if (pending?.stage === 'switched') {
      await deps.chat.showRotation(
        request,
        rotationView(reg, pending, {
          notice: 'This rotation is not finished: remove the old secret first, then rotate again.',
          removeUrl: await removeLink(request, reg, pending),
        }),
      );
      return {
        status: 409,
        title: 'A rotation is not finished',
        message: `I already check with a new secret; the old one still exists. Remove it from the card in Teams first. Nothing was changed. ${BACK_TO_TEAMS}`,
      };
    }
    const life = deps.openLifecycle(token);
    const app = await life.getApp(reg.clientId);
    if (!app) {
      return {
        status: 404,
        title: 'The app registration was not found',
        message: `Tenant ${reg.tenantId} has no app registration with client ID ${reg.clientId}. Nothing was changed. ${BACK_TO_TEAMS}`,
      };
    }
    const changes: RepairChange[] = [];
    await deps.chat.replaceWith(request, {
      tone: 'default',
      title: `⏳ Rotating the client secret of ${labelOf(reg)}…`,
      text: 'I am adding a new client secret next to the current one and checking that it gets a token. This card updates by itself.',
    });
    // An earlier rotation that was never confirmed: its new secret is not used by anyone the bot
    // knows of, and its value could not be shown again. It is replaced, not kept as a third.
    if (pending && app.secrets.some((s) => s.keyId === pending.newSecret.keyId)) {
      await life.removeSecret(app, pending.newSecret.keyId);
      changes.push({
        step: 'remove-secret',
        summary: `Removed the unconfirmed new secret of an earlier rotation (${hinted(pending.newSecret.hint)})`,
        result: 'applied',
      });
    }
    const within = await addSecretWithinPolicy(life, app, {
      displayName: `Connector Consent Bot ${deps.clock.now().toISOString().slice(0, 10)}`,
      months: task.lifetimeMonths,
      clock: deps.clock,
    });
    const { added, lifetimeNote } = within;
    changes.push({
      step: 'add-secret',
      summary: `Added a new client secret (${hinted(added.hint)}, expires ${within.endDateTime.slice(0, 10)})`,
      result: 'applied',
    });
    const verified = await withReplicationRetries(
      deps,
      () =>
        deps.check({ tenant: reg.tenantInput || reg.tenantId, clientId: reg.clientId, clientSecret: added.secretText }),
      stillReplicating,
    );
    const works = verified.kind === 'report' && verified.secret.valid;
    if (!works) {
      // A secret nobody can use is taken away again: the app is as it was.
      await life.removeSecret(app, added.keyId).catch(() => undefined);
      deps.logger.warn('rotate.new_secret_failed', { registrationId: reg.id });
      const text =
        'Entra ID did not issue a token with the new secret, so I removed it again. Nothing else changed; the current secret keeps working. Try Rotate now again in a few minutes.';
      await deps.chat.replaceWith(request, { tone: 'warning', title: 'Rotation stopped', text });
      return { status: 200, title: 'Rotation stopped', message: `${text} ${BACK_TO_TEAMS}` };
    }
    const report = reportOf(reg);
    const oldSecret = {
      ...(report?.secret.keyId ? { keyId: report.secret.keyId.toLowerCase() } : {}),
      hint: reg.secretHint,
      ...(report?.secret.endDateTime ? { endDateTime: report.secret.endDateTime } : {}),
    };
    const by = admin.userPrincipalName ?? admin.displayName ?? admin.objectId;
    const rotation = await deps.rotations.start(
      {
        registrationId: reg.id,
        newSecret: {
          keyId: added.keyId,
          ...(added.hint ? { hint: added.hint } : {}),
          endDateTime: within.endDateTime,
        },
        oldSecret,
        startedAt: deps.clock.now().toISOString(),
        startedBy: by,
      },
      added.secretText,
    );
    await audit(reg, admin, changes);
    const offer = await deps.reveal.offer({
      secret: added.secretText,
      admin,
      clientId: reg.clientId,
      label: labelOf(reg),
      ...(rotation.newSecret.endDateTime ? { expiresOn: rotation.newSecret.endDateTime } : {}),
    });
    await deps.chat.showRotation(
      request,
      rotationView(reg, rotation, {
        revealUrl: offer.url,
        linkExpiresAt: offer.expiresAt,
        ...(lifetimeNote ? { notice: lifetimeNote } : {}),
      }),
    );
    await deps.chat.announce(
      reg,
      `${by} added a new client secret (${hinted(added.hint)}). I keep checking with the current one (${hinted(reg.secretHint)}) until the connector is updated to the new one.`,
    );
    deps.logger.info('rotate.added', { registrationId: reg.id });
    return {
      status: 200,
      title: 'New secret added',
      message:
        `It works: Entra ID issued a token with it. Show the value now and paste it into your product, then select "I've updated the connector" in Teams. The current secret keeps working until you remove it. ${lifetimeNote ?? ''}`.trim(),
      confirm: offer.confirm,
      session: admin,
    };
  }

  async function removeLink(
    request: FixRequest,
    reg: StoredRegistration,
    rotation: Rotation,
  ): Promise<string | undefined> {
    if (!rotation.oldSecret.keyId) return undefined;
    return deps.signInLink({
      registrationId: reg.id,
      tenantId: reg.tenantId,
      requestedBy: request.requestedBy,
      planHash: '',
      conversationKey: request.conversationKey,
      ...(request.cardActivityId ? { cardActivityId: request.cardActivityId } : {}),
      task: { kind: 'remove-secret', keyId: rotation.oldSecret.keyId },
    });
  }

  /**
   * "I've updated the connector": the bot takes the new secret into use (a check with it, kept
   * like Update credentials, which also starts a new reminder series) and only then offers to
   * remove the old one. A new secret that does not work changes nothing.
   */
  async function confirm(reg: StoredRegistration, request: FixRequest): Promise<RotationView | undefined> {
    const rotation = await deps.rotations.get(reg.id);
    if (!rotation) return undefined;
    if (rotation.stage === 'switched') {
      const removeUrl = await removeLink(request, reg, rotation);
      return rotationView(reg, rotation, removeUrl ? { removeUrl } : {});
    }
    const checked = await deps.registrations.register(
      { ownerId: reg.ownerId, ownerTenantId: reg.ownerTenantId },
      {
        tenant: reg.tenantInput || reg.tenantId,
        clientId: reg.clientId,
        clientSecret: deps.rotations.openNew(rotation),
      },
      { registrationId: reg.id },
    );
    const works = checked.result.kind === 'report' && checked.result.secret.valid;
    if (!works || credentialsRejected(checked.result) || !checked.registration) {
      deps.logger.warn('rotate.confirm_failed', { registrationId: reg.id });
      return rotationView(reg, rotation, {
        notice:
          'The new secret did not get a token just now, so I keep checking with the old one. Try again in a minute; if it keeps failing, select Rotate now on the status card to start over.',
      });
    }
    const switched = await deps.rotations.switched(rotation);
    deps.logger.info('rotate.switched', { registrationId: reg.id });
    const removeUrl = await removeLink(request, checked.registration, switched);
    return rotationView(checked.registration, switched, {
      ...(removeUrl
        ? { removeUrl }
        : {
            notice:
              "I could not tell which of the app's secrets was the old one: remove it in the Azure portal (Certificates & secrets) once nothing uses it.",
          }),
    });
  }

  async function remove(request: FixRequest, task: RemoveTask, admin: SignedInAdmin, token: string): Promise<FixPage> {
    const found = await registrationFor(request, admin);
    if (!found.reg) return found.page;
    const { reg } = found;
    const rotation = await deps.rotations.get(reg.id);
    const inUse = reportOf(reg)?.secret;
    // Only the old secret of a confirmed rotation, and never the one the bot last saw working.
    const safe =
      rotation?.stage === 'switched' &&
      rotation.oldSecret.keyId === task.keyId &&
      reg.secretHint === rotation.newSecret.hint &&
      inUse?.valid === true &&
      inUse.keyId?.toLowerCase() !== task.keyId;
    if (!safe) {
      deps.logger.warn('rotate.remove_refused', { registrationId: reg.id });
      return {
        status: 409,
        title: 'The old secret was not removed',
        message: `I remove it only after the connector was confirmed to use the new secret and my last check with the new one worked. Select Retest and "I've updated the connector" in Teams first. Nothing was changed. ${BACK_TO_TEAMS}`,
      };
    }
    const life = deps.openLifecycle(token);
    const app = await life.getApp(reg.clientId);
    const exists = app?.secrets.some((s) => s.keyId === task.keyId) ?? false;
    if (app && exists) await life.removeSecret(app, task.keyId);
    await deps.rotations.forget(reg.id);
    await audit(reg, admin, [
      {
        step: 'remove-secret',
        summary: `Removed the old client secret (${hinted(rotation.oldSecret.hint)})`,
        result: exists ? 'applied' : 'already-present',
      },
    ]);
    const checked = await deps.registrations.recheck(reg, { freshToken: true });
    await deps.chat.showRotation(request, rotationView(checked.registration ?? reg, rotation, { stage: 'done' }));
    deps.logger.info('rotate.done', { registrationId: reg.id });
    return {
      status: 200,
      title: 'Old secret removed',
      message: `${exists ? 'The old client secret is deleted.' : 'The old client secret was already gone.'} The rotation is complete. ${BACK_TO_TEAMS}`,
    };
  }

  /** The sign-in handlers' part; an Entra or Graph refusal is a page and a notice, never a 500. */
  async function guarded(request: FixRequest, run: () => Promise<FixPage>): Promise<FixPage> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof AppLifecycleError)) throw error;
      deps.logger.warn('rotate.refused', { status: error.status });
      await deps.chat.replaceWith(request, {
        tone: 'attention',
        title: 'Rotation stopped',
        text: `${error.message} Nothing else was changed.`,
      });
      return {
        status: 200,
        title: 'Rotation stopped',
        message: `${error.message} Nothing else was changed. ${BACK_TO_TEAMS}`,
      };
    }
  }

  return {
    rotate: (request: FixRequest, task: RotateTask, admin: SignedInAdmin, token: string) =>
      guarded(request, () => rotate(request, task, admin, token)),
    remove: (request: FixRequest, task: RemoveTask, admin: SignedInAdmin, token: string) =>
      guarded(request, () => remove(request, task, admin, token)),
    confirm,
  };
}
