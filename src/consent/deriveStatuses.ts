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

/** Why grants cannot be credited to Graph: its service principal (and so its id) could not be read. */
function unattributedReason(facts: ConsentFacts): string {
  const read = facts.resourceServicePrincipal;
  const why = read.ok ? '' : ` ${read.reason}`;
  return `A grant with this name exists, but Microsoft Graph's service principal could not be read, so it cannot be told apart from a grant to another API.${why}`;
}

/**
 * Admin-consented scope names on Graph. Without Graph's id, `unattributed` holds the names
 * granted on any API: a name absent there is still known to be missing, one present is not
 * known to be Graph's.
 */
interface GrantedScopes {
  readonly graph: Set<string>;
  readonly unattributed?: Set<string>;
}

function grantedScopes(facts: ConsentFacts): ReadResult<GrantedScopes> {
  const grants = facts.oauth2PermissionGrants;
  if (!grants.ok) return grants;
  const spId = resourceSpId(facts);
  const scopes = new Set<string>();
  for (const grant of grants.value) {
    if (grant.consentType !== 'AllPrincipals') continue;
    if (spId !== undefined && grant.resourceId !== spId) continue;
    for (const scope of grant.scope.split(/\s+/)) if (scope) scopes.add(scope.toLowerCase());
  }
  return spId === undefined
    ? { ok: true, value: { graph: new Set(), unattributed: scopes } }
    : { ok: true, value: { graph: scopes } };
}

/** Graph's app role ids granted; unreadable without Graph's id (another API's roles must not count). */
function grantedRoleIds(facts: ConsentFacts): ReadResult<Set<string>> {
  const assignments = facts.appRoleAssignments;
  if (!assignments.ok) return assignments;
  const sp = facts.resourceServicePrincipal;
  if (!sp.ok) return { ok: false, status: sp.status, code: sp.code, reason: sp.reason };
  return {
    ok: true,
    value: new Set(assignments.value.filter((a) => a.resourceId === sp.value.id).map((a) => a.appRoleId)),
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
      if (scopes.value.unattributed?.has(p.name.toLowerCase())) {
        return { permission: p, status: 'Unknown', source: 'none', reason: unattributedReason(facts) };
      }
      const status = statusFrom(scopes.value.graph.has(p.name.toLowerCase()), isConfigured);
      if (status) return { permission: p, status, source: 'graph' };
      return unknownWhetherAdded(p, configuredUnknownReason);
    }
    const inToken = roles.has(p.name.toLowerCase());
    if (roleIds.ok) {
      const granted = roleIds.value.has(p.id);
      if (inToken && !granted) replicationLag = true;
      const status = statusFrom(granted, isConfigured);
      if (status) return { permission: p, status, source: 'graph' };
      return unknownWhetherAdded(p, configuredUnknownReason);
    }
    usedTokenRoles = true;
    const fallback = `Read from the access token's roles claim because ${roleIds.reason.charAt(0).toLowerCase()}${roleIds.reason.slice(1)}`;
    const status = statusFrom(inToken, isConfigured);
    if (status) return { permission: p, status, source: 'token-roles', reason: fallback };
    // The token is Graph's: a role missing from its claim is not granted, whatever Graph could not show.
    return {
      permission: p,
      status: 'Not granted',
      source: 'token-roles',
      reason: `The access token's roles claim shows it is not granted; whether it is added could not be read. ${configuredUnknownReason}`,
    };
  });

  if (usedTokenRoles) {
    notes.push(
      "Application permissions were read from the access token's roles claim, because Microsoft Graph did not show the app's role assignments on Microsoft Graph.",
    );
  }
  if (replicationLag) {
    notes.push(
      'The access token lists an application permission that Microsoft Graph does not show as granted: consent granted a moment ago is probably still replicating (or it was just revoked). Retest in a few minutes.',
    );
  }
  const core = [facts.application, facts.appRoleAssignments, facts.oauth2PermissionGrants];
  const failed = [...core, facts.resourceServicePrincipal].filter((r) => !r.ok);
  const noDirectoryRead = core.every((r) => !r.ok && r.status === 403);
  if (noDirectoryRead) {
    notes.push(
      'Microsoft Graph refused to show the app registration and its granted permissions (403): the app has no directory-read permission granted yet, so what Graph would say is marked Unknown.',
    );
  }
  for (const read of failed) {
    if (read.ok || (noDirectoryRead && read.status === 403) || notes.includes(read.reason)) continue;
    notes.push(read.reason);
  }

  return { permissions, extraPermissions: extras(profile, facts, scopes, roleIds), notes, replicationLag };
}

function extras(
  profile: PermissionProfile,
  facts: ConsentFacts,
  scopes: ReadResult<GrantedScopes>,
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
  const spId = resourceSpId(facts);
  // Without Graph's id a grant may be another API's: list no delegated extras rather than wrong ones.
  if (scopes.ok && facts.oauth2PermissionGrants.ok && spId !== undefined) {
    const seen = new Set<string>();
    for (const grant of facts.oauth2PermissionGrants.value) {
      if (grant.consentType !== 'AllPrincipals' || grant.resourceId !== spId) continue;
      for (const name of grant.scope.split(/\s+/)) {
        const key = name.toLowerCase();
        if (!name || delegatedNames.has(key) || OPENID_SCOPES.has(key) || seen.has(key)) continue;
        seen.add(key);
        result.push({ name, kind: 'Delegated' });
      }
    }
  }
  if (roleIds.ok) {
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

/** Graph lists no grant for it and the registration could not be read: neither Granted nor Not added is proven. */
function unknownWhetherAdded(permission: RequiredPermission, configuredUnknownReason: string): PermissionResult {
  return {
    permission,
    status: 'Unknown',
    source: 'graph',
    reason: `No admin consent is listed for it, and whether it is added could not be read. ${configuredUnknownReason}`,
  };
}
