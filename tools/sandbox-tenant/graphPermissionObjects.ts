import { GRAPH_PERMISSIONS, GraphPermission } from './graphPermissions';

/** An appRole as Graph returns it on a service principal (microsoft.graph.appRole). */
export interface GraphAppRole {
  readonly allowedMemberTypes: readonly string[];
  readonly description: string;
  readonly displayName: string;
  readonly id: string;
  readonly isEnabled: boolean;
  readonly origin: string;
  readonly value: string;
}

/** A delegated permission as Graph returns it on a service principal (microsoft.graph.permissionScope). */
export interface GraphPermissionScope {
  readonly adminConsentDescription: string;
  readonly adminConsentDisplayName: string;
  readonly id: string;
  readonly isEnabled: boolean;
  readonly origin: string;
  readonly type: 'Admin' | 'User';
  readonly userConsentDescription: string;
  readonly userConsentDisplayName: string;
  readonly value: string;
}

/** Lower-cases the first letter so a title reads inside a sentence. */
function inSentence(title: string): string {
  return title.charAt(0).toLowerCase() + title.slice(1);
}

function appRole(p: GraphPermission): GraphAppRole {
  return {
    allowedMemberTypes: ['Application'],
    description: `Allows the app to ${inSentence(p.displayName)} without a signed-in user.`,
    displayName: p.displayName,
    id: p.id,
    isEnabled: true,
    origin: 'Application',
    value: p.name,
  };
}

function permissionScope(p: GraphPermission): GraphPermissionScope {
  const userTitle = p.userConsentDisplayName ?? p.displayName;
  return {
    adminConsentDescription: `Allows the app to ${inSentence(p.displayName)} on behalf of the signed-in user.`,
    adminConsentDisplayName: p.displayName,
    id: p.id,
    isEnabled: true,
    origin: 'Application',
    type: p.consentType ?? 'Admin',
    userConsentDescription: `Allows the app to ${inSentence(userTitle)} on your behalf.`,
    userConsentDisplayName: userTitle,
    value: p.name,
  };
}

/**
 * Microsoft Graph's service principal publishes its application permissions as `appRoles` and its
 * delegated ones as `oauth2PermissionScopes`; the consent checker reads them to name a granted
 * appRoleId. Built from the sandbox catalog so ids, names and kinds never drift apart. Titles are
 * the portal's; descriptions are sandbox wording in Graph's style.
 */
export function graphPermissionObjects(catalog: readonly GraphPermission[] = GRAPH_PERMISSIONS): {
  readonly appRoles: readonly GraphAppRole[];
  readonly oauth2PermissionScopes: readonly GraphPermissionScope[];
} {
  return {
    appRoles: catalog.filter((p) => p.kind === 'Application').map(appRole),
    oauth2PermissionScopes: catalog.filter((p) => p.kind === 'Delegated').map(permissionScope),
  };
}
