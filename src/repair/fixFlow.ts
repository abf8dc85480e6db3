import { loadProfile, type PermissionProfile } from '../consent';
import type { Logger } from '../log/logger';
import type { RegistrationService } from '../registrations/registrationService';
import type { StoredRegistration } from '../store/store';
import type { Clock } from '../time/clock';
import type { AuditTrail } from './auditTrail';
import type { FixChat } from './fixChat';
import type { FixHandlers, FixPage, FixRequest } from './fixRequest';
import type { RepairNote } from './repairNote';
import type { RepairOutcome, SignedInAdmin } from './repairOutcome';
import { isEmptyPlan, planHash, planRepair } from './repairPlan';
import type { RepairSessionFactory } from './repairSession';

export interface FixFlowDeps {
  readonly registrations: Pick<RegistrationService, 'get' | 'recheck'>;
  readonly openSession: RepairSessionFactory;
  readonly audit: Pick<AuditTrail, 'record'>;
  readonly chat: FixChat;
  /**
   * The consent follow-up's backoff re-checks, for grants that have not replicated yet; each
   * re-check redraws the status card with the repair note.
   */
  readonly startFollowUp: (registrationId: string, ownerId: string, repair?: RepairNote) => Promise<void>;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Default: the profile files under profiles/. */
  readonly profileOf?: (profileId: string) => PermissionProfile;
}

const BACK_TO_TEAMS = 'You can close this tab and go back to Teams.';

/**
 * "Fix it for me" after the admin signed in: re-read, re-plan, refuse a plan that changed since
 * the preview, apply, keep the audit entry, then prove the result with the connector's own
 * credentials on the same status card. No Teams, no HTTP, no msal: the chat side effects and the
 * Graph session are injected. The delegated token goes to the session and nowhere else.
 */
export function createFixFlow(deps: FixFlowDeps): FixHandlers {
  const profileOf = deps.profileOf ?? ((id: string) => loadProfile(id));
  const ownerOf = (request: FixRequest): string => request.requestedBy.objectId ?? request.requestedBy.teamsUserId;
  const cardOf = (request: FixRequest) =>
    request.cardActivityId
      ? { conversationKey: request.conversationKey, activityId: request.cardActivityId }
      : undefined;

  function profileFor(reg: StoredRegistration): PermissionProfile {
    return profileOf(reg.lastResult?.kind === 'report' ? reg.lastResult.profileId : 'office365-connector');
  }

  /** Re-checks with the connector's own credentials and updates the status card in place. */
  async function proveIt(request: FixRequest, reg: StoredRegistration, outcome?: RepairOutcome, by?: string) {
    const checked = await deps.registrations.recheck(reg, { freshToken: true, statusCard: cardOf(request) });
    const note = outcome && by ? { by, outcome } : undefined;
    await deps.chat.showResult(request, checked, note);
    const ready = checked.result.kind === 'report' && checked.result.verdict === 'Ready';
    if (!ready && !checked.forgotten) await deps.startFollowUp(reg.id, reg.ownerId, note);
    return ready;
  }

  async function onSignedIn(request: FixRequest, admin: SignedInAdmin, accessToken: string): Promise<FixPage> {
    const reg = await deps.registrations.get(request.registrationId, ownerOf(request));
    if (!reg) {
      return {
        status: 404,
        title: 'This registration is gone',
        message: `It was forgotten in Teams after the plan was shown, so nothing was changed. ${BACK_TO_TEAMS}`,
      };
    }
    // The sign-in routes check the token's tenant against the request; the registration is checked too.
    if (admin.tenantId.toLowerCase() !== reg.tenantId.toLowerCase()) {
      deps.logger.warn('repair.wrong_tenant', { registrationId: reg.id });
      return {
        status: 403,
        title: 'You signed in to another organisation',
        message: `This registration belongs to tenant ${reg.tenantId}. Nothing was changed. Sign in with an administrator account of that organisation. ${BACK_TO_TEAMS}`,
      };
    }
    const profile = profileFor(reg);
    const consentLink = reg.lastResult?.kind === 'report' ? reg.lastResult.links.adminConsent : undefined;
    const session = deps.openSession(
      {
        tenantId: reg.tenantId,
        clientId: reg.clientId,
        profile,
        ...(consentLink ? { adminConsentLink: consentLink } : {}),
      },
      accessToken,
    );
    const plan = planRepair(await session.read(), profile);
    if (isEmptyPlan(plan)) {
      await proveIt(request, reg);
      return {
        status: 200,
        title: 'Already fixed',
        message: `Everything this connector needs is already in place, so nothing was changed. ${BACK_TO_TEAMS}`,
      };
    }
    const hash = planHash(plan);
    if (hash !== request.planHash) {
      await deps.chat.offerPlan(
        { ...request, planHash: hash },
        reg,
        plan,
        'The registration changed since you saw the plan; here is the new one. Nothing was changed yet.',
      );
      deps.logger.info('repair.plan_changed', { registrationId: reg.id });
      return {
        status: 200,
        title: 'The registration changed: nothing was applied',
        message: `It no longer matches the plan you saw. I posted the new plan in Teams: check it and sign in again. ${BACK_TO_TEAMS}`,
      };
    }
    const outcome = await session.apply(plan);
    await deps.audit.record({
      at: deps.clock.now().toISOString(),
      registrationId: reg.id,
      tenantId: reg.tenantId,
      clientId: reg.clientId,
      by: {
        objectId: admin.objectId,
        ...(admin.userPrincipalName ? { userPrincipalName: admin.userPrincipalName } : {}),
      },
      completed: outcome.completed,
      changes: outcome.changes,
    });
    const by = admin.userPrincipalName ?? admin.displayName ?? admin.objectId;
    await proveIt(request, reg, outcome, by);
    if (!outcome.completed) {
      const failed = outcome.changes.find((c) => c.result === 'failed');
      return {
        status: 200,
        title: 'Not everything could be done',
        message:
          `${failed ? `${failed.summary}: ` : ''}${outcome.failure?.message ?? failed?.detail ?? 'a step failed.'} ` +
          `The status card in Teams shows what was done before it. ${BACK_TO_TEAMS}`,
      };
    }
    const applied = outcome.changes.filter((c) => c.result === 'applied').map((c) => c.summary);
    await deps.chat.announce(
      reg,
      `Fixed by ${by}: ${applied.length > 0 ? applied.join('; ') : 'nothing needed changing'}.`,
    );
    return {
      status: 200,
      title: 'Done: go back to Teams',
      message: `The changes are made. I am re-checking with the connector's own credentials and the status card in Teams will show the result. ${BACK_TO_TEAMS}`,
    };
  }

  return {
    async onSignedIn(request, admin, accessToken) {
      try {
        return await onSignedIn(request, admin, accessToken);
      } catch (error) {
        // An SDK error may quote the request it failed on: the token is cut out before logging.
        const message = error instanceof Error ? error.message : String(error);
        deps.logger.error('repair.failed', {
          registrationId: request.registrationId,
          errorName: error instanceof Error ? error.name : typeof error,
          errorMessage: accessToken ? message.split(accessToken).join('[delegated token]') : message,
        });
        await deps.chat
          .tell(request, {
            tone: 'attention',
            title: 'Fix it for me could not finish',
            text: 'Something went wrong on my side while reading or changing the registration. Select Retest on the status card to see where it stands, then try again.',
          })
          .catch(() => undefined);
        return {
          status: 200,
          title: 'Fix it for me could not finish',
          message: `Something went wrong on my side. Select Retest in Teams to see where the registration stands. ${BACK_TO_TEAMS}`,
        };
      }
    },
    async onNotApplied(request, reason) {
      deps.logger.info('repair.not_applied', { registrationId: request.registrationId });
      await deps.chat.tell(request, {
        tone: 'warning',
        title: 'Nothing was changed',
        text: `${reason} Nothing was changed. Select Fix it for me on the status card to try again.`,
      });
      return { status: 200, title: 'Nothing was changed', message: `${reason} ${BACK_TO_TEAMS}` };
    },
  };
}
