import type { ConsentFacts, ReadResult } from './consentFacts';
import type { ExtraPermission, PermissionProfile, PermissionResult, RequiredPermission } from './report';

/**
 * The heart of the check, pure: from what Graph and the token say, one status word per
 * required permission. Granted = admin consent present; Not granted = configured, no admin
 * consent; Not added = not configured; Unknown = could not be read (with the reason).
 */

export interface DerivedStatuses {
  readonly permissions: readonly PermissionResult[];
  readonly extraPermissions: readonly ExtraPermission[];
  readonly notes: readonly string[];
  /** The token lists an application permission Graph does not: consent is probably still replicating. */
  readonly replicationLag: boolean;
}

/** OpenID scopes every sign-in app carries; not worth a least-privilege warning. */
const OPENID_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

type Tri = boolean | 'unknown';

function configured(facts: ConsentFacts, profile: PermissionProfile, p: RequiredPermission): Tri {
  if (!facts.application.ok) return 'unknown';
  const type = p.kind === 'Delegated' ? 'scope' : 'role';
  return facts.application.value.requiredResourceAccess.some(
    (r) =>
      r.resourceAppId === profile.resourceAppId &&
      r.resourceAccess.some((a) => a.id === p.id && a.type.toLowerCase() === type),
  );
}

function resourceSpId(facts: ConsentFacts): string | undefined {
  return facts.resourceServicePrincipal.ok ? facts.resourceServicePrincipal.value.id : undefined;
}

function grantedScopes(facts: ConsentFacts): ReadResult<Set<string>> {
  const grants = facts.oauth2PermissionGrants;
  if (!grants.ok) return grants;
  const spId = resourceSpId(facts);
  const scopes = new Set<string>();
  for (const grant of grants.value) {
    if (grant.consentType !== 'AllPrincipals') continue;
    if (spId !== undefined && grant.resourceId !== spId) continue;
    for (const scope of grant.scope.split(/\s+/)) if (scope) scopes.add(scope.toLowerCase());
  }
  return { ok: true, value: scopes };
}

function grantedRoleIds(facts: ConsentFacts): ReadResult<Set<string>> {
  const assignments = facts.appRoleAssignments;
  if (!assignments.ok) return assignments;
  const spId = resourceSpId(facts);
  return {
    ok: true,
    value: new Set(
      assignments.value.filter((a) => spId === undefined || a.resourceId === spId).map((a) => a.appRoleId),
    ),
  };
}

function statusFrom(granted: boolean, isConfigured: Tri): 'Granted' | 'Not granted' | 'Not added' | undefined {
  if (granted) return 'Granted';
  if (isConfigured === 'unknown') return undefined;
  return isConfigured ? 'Not granted' : 'Not added';
}

/** Derives every required permission's status, the extras, and caveats for the report. */
export function deriveStatuses(profile: PermissionProfile, facts: ConsentFacts): DerivedStatuses {
  const scopes = grantedScopes(facts);
  const roleIds = grantedRoleIds(facts);
  const roles = new Set(facts.tokenRoles.map((r) => r.toLowerCase()));
  const notes: string[] = [];
  let usedTokenRoles = false;
  let replicationLag = false;
  const configuredUnknownReason = facts.application.ok ? '' : facts.application.reason;

  const permissions = profile.permissions.map((p): PermissionResult => {
    const isConfigured = configured(facts, profile, p);
    if (p.kind === 'Delegated') {
      if (!scopes.ok) return { permission: p, status: 'Unknown', source: 'none', reason: scopes.reason };
      const status = statusFrom(scopes.value.has(p.name.toLowerCase()), isConfigured);
      if (status) return { permission: p, status, source: 'graph' };
      return {
        permission: p,
        status: 'Unknown',
        source: 'graph',
        reason: `No admin consent is listed for it, and whether it is added could not be read. ${configuredUnknownReason}`,
      };
    }
    const inToken = roles.has(p.name.toLowerCase());
    if (roleIds.ok) {
      const granted = roleIds.value.has(p.id);
      if (inToken && !granted) replicationLag = true;
      const status = statusFrom(granted, isConfigured);
      if (status) return { permission: p, status, source: 'graph' };
      return {
        permission: p,
        status: 'Unknown',
        source: 'graph',
        reason: `No admin consent is listed for it, and whether it is added could not be read. ${configuredUnknownReason}`,
      };
    }
    usedTokenRoles = true;
    const fallback = `Read from the access token's roles claim because ${roleIds.reason.charAt(0).toLowerCase()}${roleIds.reason.slice(1)}`;
    const status = statusFrom(inToken, isConfigured);
    if (status) return { permission: p, status, source: 'token-roles', reason: fallback };
    return {
      permission: p,
      status: 'Unknown',
      source: 'token-roles',
      reason: `The access token's roles claim shows it is not granted; whether it is added to the registration could not be read. ${configuredUnknownReason}`,
    };
  });

  if (usedTokenRoles) {
    notes.push(
      "Application permissions were read from the access token's roles claim, because Microsoft Graph did not show the app's role assignments.",
    );
  }
  if (replicationLag) {
    notes.push(
      'The access token lists an application permission that Microsoft Graph does not show as granted: consent granted a moment ago is probably still replicating (or it was just revoked). Retest in a few minutes.',
    );
  }
  const failed = [facts.application, facts.appRoleAssignments, facts.oauth2PermissionGrants].filter((r) => !r.ok);
  if (failed.length === 3 && failed.every((r) => !r.ok && r.status === 403)) {
    notes.push(
      'Microsoft Graph refused to show the app registration and its granted permissions (403): the app has no directory-read permission granted yet, so what Graph would say is marked Unknown.',
    );
  } else {
    for (const read of failed) if (!read.ok && !notes.includes(read.reason)) notes.push(read.reason);
  }

  return { permissions, extraPermissions: extras(profile, facts, scopes, roleIds), notes, replicationLag };
}

function extras(
  profile: PermissionProfile,
  facts: ConsentFacts,
  scopes: ReadResult<Set<string>>,
  roleIds: ReadResult<Set<string>>,
): ExtraPermission[] {
  const result: ExtraPermission[] = [];
  const delegatedNames = new Set(
    profile.permissions.filter((p) => p.kind === 'Delegated').map((p) => p.name.toLowerCase()),
  );
  const appIds = new Set(profile.permissions.filter((p) => p.kind === 'Application').map((p) => p.id));
  const appNames = new Set(
    profile.permissions.filter((p) => p.kind === 'Application').map((p) => p.name.toLowerCase()),
  );
  if (scopes.ok && facts.oauth2PermissionGrants.ok) {
    const spId = resourceSpId(facts);
    const seen = new Set<string>();
    for (const grant of facts.oauth2PermissionGrants.value) {
      if (grant.consentType !== 'AllPrincipals' || (spId !== undefined && grant.resourceId !== spId)) continue;
      for (const name of grant.scope.split(/\s+/)) {
        const key = name.toLowerCase();
        if (!name || delegatedNames.has(key) || OPENID_SCOPES.has(key) || seen.has(key)) continue;
        seen.add(key);
        result.push({ name, kind: 'Delegated' });
      }
    }
  }
  if (roleIds.ok && resourceSpId(facts) !== undefined) {
    const appRoles = facts.resourceServicePrincipal.ok ? facts.resourceServicePrincipal.value.appRoles : [];
    for (const id of roleIds.value) {
      if (appIds.has(id)) continue;
      const name = appRoles.find((r) => r.id === id)?.value;
      result.push({ name: name ?? `Unknown application permission ${id}`, kind: 'Application', id });
    }
  } else {
    for (const role of facts.tokenRoles) {
      if (!appNames.has(role.toLowerCase())) result.push({ name: role, kind: 'Application' });
    }
  }
  return result;
}
