import type { AdaptiveCard } from '../cards/cardTypes';
import { failureCard } from '../cards/failureCard';
import { statusCard } from '../cards/statusCard';
import {
  buildAdminConsentUrl,
  describeChanges,
  type CloudEndpoints,
  type CheckResult,
  type ConsentReport,
  loadProfile,
} from '../consent';
import type { RepairNote } from '../repair/repairNote';
import { isEmptyPlan, planInputFromReport, planRepair } from '../repair/repairPlan';
import type { ConsentStates } from '../registrations/consentStates';
import type { StoredRegistration } from '../store/store';
import type { Clock } from '../time/clock';
import { consentCallbackUrl } from './routes';

export interface ResultCardDeps {
  readonly consentStates: Pick<ConsentStates, 'issue'>;
  readonly cloud: CloudEndpoints;
  /** PUBLIC_URL; the consent callback works only when set and registered on the app. */
  readonly publicUrl?: string;
  readonly clock: Clock;
  /** True when an admin sign-in app is configured: status cards offer Fix it for me when there is something to fix. */
  readonly fixItForMe?: boolean;
  /** True when the bot can rotate secrets itself (admin sign-in with PUBLIC_URL): status cards offer Rotate now. */
  readonly rotateNow?: boolean;
}

/** Turns a check result into the card the user sees, with a consent link fit for the app. */
export type ResultCardRenderer = (
  registration: StoredRegistration | undefined,
  result: CheckResult,
  timeZone?: string,
  /** The registration's result before this check: the card then says what changed (or that nothing did). */
  previous?: CheckResult,
  /** A repair just made, shown on the card ("Fixed by … just now" or where it stopped). */
  extra?: { readonly repair?: RepairNote },
) => Promise<AdaptiveCard>;

/** Whether the report's repair plan has anything to do (an unknown profile offers nothing). */
export function hasRepairWork(report: ConsentReport): boolean {
  try {
    return !isEmptyPlan(planRepair(planInputFromReport(report), loadProfile(report.profileId)));
  } catch {
    return false;
  }
}

/**
 * A signed single-use state is issued only when the consent redirect can come back to us
 * (PUBLIC_URL set and listed on the app); otherwise the card explains the manual way.
 */
export function createResultCardRenderer(deps: ResultCardDeps): ResultCardRenderer {
  async function consentLink(reg: StoredRegistration, report: ConsentReport) {
    const callback = deps.publicUrl ? consentCallbackUrl(deps.publicUrl) : undefined;
    // Before any directory-read consent the redirect URIs cannot be read: try the callback,
    // the card still explains the portal route should Entra ID refuse the redirect.
    const registered = report.app.redirectUris;
    const listed = registered === undefined || registered.some((uri) => uri.toLowerCase() === callback?.toLowerCase());
    if (callback && listed) {
      const state = await deps.consentStates.issue({
        registrationId: reg.id,
        ownerId: reg.ownerId,
        tenantId: report.tenantId,
      });
      const url = buildAdminConsentUrl({
        cloud: deps.cloud,
        tenantId: report.tenantId,
        clientId: report.clientId,
        redirectUri: callback,
        state,
      });
      return { consentMode: 'callback' as const, consentUrl: url };
    }
    // With no reply URL at all Entra ID refuses the consent link (AADSTS500113): send the admin
    // to the portal's API permissions page, whose "Grant admin consent" button always works.
    const noReplyUrl = registered !== undefined && registered.length === 0;
    return {
      consentMode: 'manual' as const,
      consentUrl: noReplyUrl ? report.links.portalApiPermissions : report.links.adminConsent,
    };
  }

  return async (registration, result, timeZone, previous, extra) => {
    const changes = previous ? { changes: describeChanges(previous, result) } : {};
    if (result.kind === 'failure') {
      return failureCard(result, {
        registrationId: registration?.id,
        label: registration?.label,
        timeZone,
        ...(deps.rotateNow && registration ? { offerRotate: true } : {}),
      });
    }
    if (!registration) {
      return statusCard(result, {
        registrationId: '',
        label: result.app.displayName ?? result.clientId,
        consentMode: 'manual',
        consentUrl: result.links.adminConsent,
        timeZone,
        now: deps.clock.now(),
      });
    }
    const link = await consentLink(registration, result);
    return statusCard(result, {
      registrationId: registration.id,
      label: registration.label,
      ...link,
      timeZone,
      now: deps.clock.now(),
      ...changes,
      ...(deps.fixItForMe && hasRepairWork(result) ? { offerFix: true } : {}),
      ...(deps.rotateNow && result.secret.valid ? { offerRotate: true } : {}),
      ...(extra?.repair ? { repair: extra.repair } : {}),
    });
  };
}
