import { FieldReader, FixtureError } from './fixtureReader';

/**
 * Built-in Entra ID directory roles the sandbox knows, with their role template ids (the `wids`
 * claim of a user's token carries these ids). https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference
 */
export const DIRECTORY_ROLES = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
} as const;

export type DirectoryRoleName = keyof typeof DIRECTORY_ROLES;

/** The template id of the "User" role every member holds (always in `wids`). */
export const MEMBER_ROLE_TEMPLATE_ID = 'b79fbf4d-3ef9-4689-8143-76b194e85509';

/** A user of a sandbox tenant who can sign in on the sandbox's sign-in page. */
export interface FixtureUser {
  readonly objectId: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  /** Directory roles held (empty: a plain member). */
  readonly roles: readonly DirectoryRoleName[];
}

/** Reads `tenants[i].users` (optional: a tenant without users offers no sign-in). */
export function parseUsers(read: FieldReader, value: unknown, path: string): readonly FixtureUser[] {
  if (value === undefined) return [];
  return read.array(value, path).map((raw, i) => {
    const at = `${path}[${i}]`;
    const u = read.object(raw, at);
    const roles = u.roles === undefined ? [] : read.stringArray(u.roles, `${at}.roles`);
    return {
      objectId: read.guid(u.objectId, `${at}.objectId`),
      userPrincipalName: read.string(u.userPrincipalName, `${at}.userPrincipalName`).toLowerCase(),
      displayName: read.string(u.displayName, `${at}.displayName`),
      roles: roles.map((role, j) => {
        if (!isDirectoryRole(role)) {
          throw new FixtureError(
            `${at}.roles[${j}]: "${role}" is not one of ${Object.keys(DIRECTORY_ROLES).join(', ')}`,
          );
        }
        return role;
      }),
    };
  });
}

function isDirectoryRole(name: string): name is DirectoryRoleName {
  return Object.prototype.hasOwnProperty.call(DIRECTORY_ROLES, name);
}
