import type { CloudEndpoints } from './cloud';
import type { ConsentFacts, ReadResult } from './consentFacts';
import { buildAdminConsentUrl, portalLinks } from './consentLink';
import { deriveStatuses } from './deriveStatuses';
import { incompleteCheck } from './incompleteCheck';
import { buildNextSteps } from './nextSteps';
import type {
  AppFacts,
  ConsentReport,
  IncompleteCheck,
  PermissionProfile,
  PermissionResult,
  ReportLinks,
  Verdict,
} from './report';
import { deriveSecretInfo } from './secretInfo';

/**
 * Pure assembly of a ConsentReport from the facts one check gathered: statuses, secret,
 * registration facts, verdict and next steps; the links come in, computed once per check.
 * No I/O, so every combination is unit tested without a network.
 */

export interface ReportInputs {
  readonly cloud: CloudEndpoints;
  readonly profile: PermissionProfile;
  readonly facts: ConsentFacts;
  readonly tenantInput: string;
  readonly tenantId: string;
  readonly clientId: string;
  /** Used only to match its hint (first three characters); never copied into the report. */
  readonly clientSecret: string;
  readonly now: Date;
  /** The links computed once for this check (reportLinks), also carried by a failure. */
  readonly links: ReportLinks;
  readonly redirectUri?: string;
}

function servicePrincipal(facts: ConsentFacts): AppFacts['servicePrincipal'] {
  const reads: ReadResult<unknown>[] = [facts.appRoleAssignments, facts.oauth2PermissionGrants];
  if (reads.some((r) => r.ok)) return 'present';
  if (reads.some((r) => !r.ok && r.status === 404)) return 'missing';
  return 'unknown';
}

/** The links a report carries for this app. */
export function reportLinks(
  cloud: CloudEndpoints,
  tenantId: string,
  clientId: string,
  redirectUri?: string,
  state?: string,
): ReportLinks {
  const portal = portalLinks(cloud, clientId);
  return {
    adminConsent: buildAdminConsentUrl({ cloud, tenantId, clientId, redirectUri, state }),
    portalApiPermissions: portal.apiPermissions,
    portalCredentials: portal.credentials,
    portalOverview: portal.overview,
  };
}

/**
 * Ready only when every permission is Granted, the secret works and every read was answered;
 * Action needed when something is shown to be missing; otherwise, with reads that failed,
 * Check incomplete (never a guess either way).
 */
export function verdictOf(
  permissions: readonly PermissionResult[],
  secretValid: boolean,
  incomplete: IncompleteCheck | undefined,
): Verdict {
  if (permissions.every((p) => p.status === 'Granted') && secretValid && !incomplete) return 'Ready';
  const shownMissing = !secretValid || permissions.some((p) => p.status === 'Not granted' || p.status === 'Not added');
  return incomplete && !shownMissing ? 'Check incomplete' : 'Action needed';
}

/** Builds the report from one check's facts. */
export function buildReport(r: ReportInputs): ConsentReport {
  const derived = deriveStatuses(r.profile, r.facts);
  const application = r.facts.application;
  const secret = deriveSecretInfo({
    secret: r.clientSecret,
    valid: true,
    passwordCredentials: application.ok ? { ok: true, value: application.value.passwordCredentials } : application,
    now: r.now,
  });
  const app: AppFacts = {
    objectId: application.ok ? application.value.id : undefined,
    displayName: application.ok ? application.value.displayName : undefined,
    signInAudience: application.ok ? application.value.signInAudience : undefined,
    redirectUris: application.ok ? application.value.redirectUris : undefined,
    servicePrincipal: servicePrincipal(r.facts),
  };
  const incomplete = incompleteCheck(r.facts, r.now);
  const verdict = verdictOf(derived.permissions, secret.valid, incomplete);
  const nextSteps = buildNextSteps({
    permissions: derived.permissions,
    extraPermissions: derived.extraPermissions,
    secret,
    app,
    links: r.links,
    replicationLag: derived.replicationLag,
    redirectUri: r.redirectUri,
    incomplete,
  });
  const notes = [...derived.notes];
  if (r.cloud.name === 'custom') {
    notes.push(
      `Checked against a custom endpoint (${r.cloud.authorityHost}, ${r.cloud.graphEndpoint}), not a Microsoft cloud.`,
    );
  }
  return {
    kind: 'report',
    checkedAt: r.now.toISOString(),
    cloud: r.cloud.name,
    tenantInput: r.tenantInput,
    tenantId: r.tenantId,
    clientId: r.clientId,
    profileId: r.profile.id,
    app,
    permissions: derived.permissions,
    extraPermissions: derived.extraPermissions,
    secret,
    verdict,
    ...(incomplete ? { incomplete } : {}),
    nextSteps,
    links: r.links,
    notes,
  };
}
