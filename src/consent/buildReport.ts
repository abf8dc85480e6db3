import type { CloudEndpoints } from './cloud';
import type { ConsentFacts, ReadResult } from './consentFacts';
import { buildAdminConsentUrl, portalLinks } from './consentLink';
import { deriveStatuses } from './deriveStatuses';
import { buildNextSteps } from './nextSteps';
import type { AppFacts, ConsentReport, PermissionProfile, ReportLinks } from './report';
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

/** Builds the report; the verdict is Ready only when every permission is Granted and the secret works. */
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
  const verdict = derived.permissions.every((p) => p.status === 'Granted') && secret.valid ? 'Ready' : 'Action needed';
  const nextSteps = buildNextSteps({
    permissions: derived.permissions,
    extraPermissions: derived.extraPermissions,
    secret,
    app,
    links: r.links,
    replicationLag: derived.replicationLag,
    redirectUri: r.redirectUri,
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
    nextSteps,
    links: r.links,
    notes,
  };
}
