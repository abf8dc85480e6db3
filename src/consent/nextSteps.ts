import type {
  AppFacts,
  ExtraPermission,
  IncompleteCheck,
  NextStep,
  PermissionResult,
  ReportLinks,
  SecretInfo,
} from './report';

/**
 * The ordered to-do list under a report: what blocks consent first (a missing service
 * principal, permissions not added, no redirect URI), then consent itself, then hygiene
 * (secret rotation, extra permissions), and Retest last whenever something is to be done.
 */

export interface NextStepInputs {
  readonly permissions: readonly PermissionResult[];
  readonly extraPermissions: readonly ExtraPermission[];
  readonly secret: SecretInfo;
  readonly app: AppFacts;
  readonly links: ReportLinks;
  /** Token roles list a permission Graph does not show yet. */
  readonly replicationLag: boolean;
  /** The redirect URI the consent link carries, when the caller added one. */
  readonly redirectUri?: string;
  /** Some Graph reads failed: Unknown rows are then no reason to ask for consent, only to retest. */
  readonly incomplete?: IncompleteCheck;
}

function names(results: readonly PermissionResult[]): string {
  return results.map((r) => `${r.permission.name} (${r.permission.kind})`).join(', ');
}

/** Builds the ordered next steps; empty when nothing is left to do. */
export function buildNextSteps(i: NextStepInputs): NextStep[] {
  const steps: NextStep[] = [];
  const notAdded = i.permissions.filter((p) => p.status === 'Not added');
  const notGranted = i.permissions.filter((p) => p.status === 'Not granted');
  const unknown = i.incomplete ? [] : i.permissions.filter((p) => p.status === 'Unknown');
  const needsConsent = notAdded.length + notGranted.length + unknown.length > 0;

  if (i.app.servicePrincipal === 'missing') {
    steps.push({
      code: 'create-service-principal',
      text: 'The app has no enterprise application (service principal) in this tenant. Granting admin consent creates it.',
      link: i.links.adminConsent,
    });
  }
  if (notAdded.length > 0) {
    steps.push({
      code: 'add-permissions',
      text: `Add these Microsoft Graph permissions under API permissions: ${names(notAdded)}.`,
      link: i.links.portalApiPermissions,
    });
  }
  if (needsConsent && i.app.redirectUris !== undefined) {
    if (i.redirectUri && !i.app.redirectUris.includes(i.redirectUri)) {
      steps.push({
        code: 'add-redirect-uri',
        text: `Add ${i.redirectUri} as a Web redirect URI (Authentication page) so the consent link can return here, or use Grant admin consent in API permissions instead.`,
        link: i.links.portalOverview,
      });
    } else if (!i.redirectUri && i.app.redirectUris.length === 0) {
      steps.push({
        code: 'add-redirect-uri',
        text: 'The app has no Web redirect URI, so the admin-consent link will fail (AADSTS500113). Add one on the Authentication page, or use Grant admin consent in API permissions.',
        link: i.links.portalOverview,
      });
    }
  }
  if (needsConsent) {
    const what = notGranted.length + unknown.length > 0 ? names([...notGranted, ...unknown]) : names(notAdded);
    steps.push({
      code: 'grant-admin-consent',
      text: `Grant admin consent for the app (a Global Administrator or Privileged Role Administrator): ${what}.`,
      link: i.links.adminConsent,
    });
  }
  if (!needsConsent && !i.incomplete && i.permissions.some((p) => p.source === 'token-roles')) {
    steps.push({
      code: 'grant-directory-read',
      text: 'Microsoft Graph did not show the registration to the app, so part of this report comes from the access token. Granting Directory.Read.All (Application) with admin consent makes the full check possible.',
      link: i.links.portalApiPermissions,
    });
  }
  if (i.replicationLag) {
    steps.push({
      code: 'wait-for-replication',
      text: 'Consent was granted recently and is still replicating inside Microsoft 365. Wait a few minutes, then retest.',
    });
  }
  const secretWarning = i.secret.warnings.find((w) => w.code === 'expired' || w.code === 'expires-soon');
  if (secretWarning) {
    steps.push({ code: 'rotate-secret', text: secretWarning.text, link: i.links.portalCredentials });
  } else if (i.secret.warnings.some((w) => w.code === 'lifetime-over-12-months')) {
    steps.push({
      code: 'rotate-secret',
      text: 'When you next rotate the secret, choose a lifetime of 12 months or less (or move to a certificate).',
      link: i.links.portalCredentials,
    });
  }
  if (i.extraPermissions.length > 0) {
    steps.push({
      code: 'remove-extra-permissions',
      text: `The app holds Microsoft Graph permissions the connector does not need: ${i.extraPermissions
        .map((e) => `${e.name} (${e.kind})`)
        .join(', ')}. Remove them and revoke their consent (least privilege).`,
      link: i.links.portalApiPermissions,
    });
  }
  if (i.incomplete) {
    steps.push({ code: 'retest', text: `Retest: ${i.incomplete.retry}` });
  } else if (needsConsent || i.replicationLag || i.app.servicePrincipal === 'missing') {
    steps.push({
      code: 'retest',
      text: 'Retest once the steps above are done (consent can take a few minutes to show).',
    });
  }
  return steps;
}
