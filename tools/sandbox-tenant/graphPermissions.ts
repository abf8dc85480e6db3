/** Microsoft Graph's appId: the same in every tenant and every cloud. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** 'Delegated' permissions are OAuth2 scopes ("Scope"), 'Application' ones are app roles ("Role"). */
export type PermissionKind = 'Delegated' | 'Application';

/** One Graph permission as the directory knows it: the name admins see, the id apps configure. */
export interface GraphPermission {
  readonly name: string;
  readonly kind: PermissionKind;
  readonly id: string;
  /** The title admins see in the portal (appRole.displayName / adminConsentDisplayName). */
  readonly displayName: string;
  /** Delegated only: who may consent ('Admin' = admin consent required), as permissionScope.type says. */
  readonly consentType?: 'Admin' | 'User';
  /** Delegated only: the title a user sees when consenting for themselves. */
  readonly userConsentDisplayName?: string;
}

const delegated = (
  name: string,
  id: string,
  consentType: 'Admin' | 'User',
  displayName: string,
  userConsentDisplayName: string,
): GraphPermission => ({ name, kind: 'Delegated', id, displayName, consentType, userConsentDisplayName });
const application = (name: string, id: string, displayName: string): GraphPermission => ({
  name,
  kind: 'Application',
  id,
  displayName,
});

/**
 * The Graph permissions the sandbox knows: the Office 365 connector profile, the directory
 * read permissions the checker itself relies on, and common extras for least-privilege tests.
 * Ids are Microsoft Graph's real ones so fixtures look like real registrations; titles and
 * consent types follow what admins see in the portal. The Graph service principal's appRoles and
 * oauth2PermissionScopes are built from this list (graphPermissionObjects.ts).
 */
export const GRAPH_PERMISSIONS: readonly GraphPermission[] = [
  delegated(
    'User.Read',
    'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
    'User',
    'Sign in and read user profile',
    'Sign you in and read your profile',
  ),
  delegated(
    'User.Read.All',
    'a154be20-db9c-4678-8ab7-66f6cc099a59',
    'Admin',
    "Read all users' full profiles",
    "Read all users' full profiles",
  ),
  delegated(
    'User.ReadBasic.All',
    'b340eb25-3456-403f-be2f-af7a0d370277',
    'User',
    "Read all users' basic profiles",
    "Read all users' basic profiles",
  ),
  delegated(
    'Directory.AccessAsUser.All',
    '0e263e50-5827-48a4-b97c-d940288653c7',
    'Admin',
    'Access directory as the signed in user',
    'Access the directory as you',
  ),
  delegated(
    'Directory.Read.All',
    '06da0dbc-49e2-44d2-8312-53f166ab848a',
    'Admin',
    'Read directory data',
    'Read directory data',
  ),
  delegated(
    'Directory.ReadWrite.All',
    'c5366453-9fb0-48a5-a156-24f0c49a4b84',
    'Admin',
    'Read and write directory data',
    'Read and write directory data',
  ),
  delegated(
    'Application.Read.All',
    'c79f8feb-a9db-4090-85f9-90d820caa0eb',
    'Admin',
    'Read applications',
    'Read applications',
  ),
  delegated(
    'Application.ReadWrite.All',
    'bdfbf15f-ee85-4955-8675-146e8e5296b5',
    'Admin',
    'Read and write all applications',
    'Read and write all applications',
  ),
  delegated(
    'AppRoleAssignment.ReadWrite.All',
    '84bccea3-f856-4a8a-967b-dbe0a3d53a64',
    'Admin',
    'Manage app permission grants and app role assignments',
    'Manage app permission grants and app role assignments',
  ),
  delegated(
    'DelegatedPermissionGrant.ReadWrite.All',
    '41ce6ca6-6826-4807-84f1-1c82854f7ee5',
    'Admin',
    'Manage all delegated permission grants',
    'Manage all delegated permission grants',
  ),
  delegated('Mail.Read', '570282fd-fa5c-430d-a7fd-fc8dc98a9dca', 'User', 'Read user mail', 'Read your mail'),
  delegated('Mail.Send', 'e383f46e-2787-4529-855e-0e479a3ffac0', 'User', 'Send mail as a user', 'Send mail as you'),
  delegated(
    'Files.Read.All',
    'df85f4d6-205c-4ac5-a5ea-6bf408dba283',
    'User',
    'Read all files that user can access',
    'Read all files that you have access to',
  ),
  delegated('Group.Read.All', '5f8c59db-677d-491f-a6b8-5f174b11ec1d', 'Admin', 'Read all groups', 'Read all groups'),
  delegated(
    'Sites.Read.All',
    '205e70e5-aba6-4c52-a976-6d2d46c48043',
    'User',
    'Read items in all site collections',
    'Read items in all site collections',
  ),
  delegated('openid', '37f7f235-527c-4136-accd-4a02d197296e', 'User', 'Sign users in', 'Sign in as you'),
  delegated(
    'profile',
    '14dad69e-099b-42c9-810b-d002981feec1',
    'User',
    "View users' basic profile",
    'View your basic profile',
  ),
  delegated(
    'email',
    '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0',
    'User',
    "View users' email address",
    'View your email address',
  ),
  delegated(
    'offline_access',
    '7427e0e9-2fba-42fe-b0c0-848c9e6a8182',
    'User',
    'Maintain access to data you have given it access to',
    'Maintain access to data you have given it access to',
  ),
  application('User.Read.All', 'df021288-bdef-4463-88db-98f22de89214', "Read all users' full profiles"),
  application('Directory.Read.All', '7ab1d382-f21e-4acd-a863-ba3e13f7da61', 'Read directory data'),
  application('Directory.ReadWrite.All', '19dbc75e-c2e2-444c-a770-ec69d8559fc7', 'Read and write directory data'),
  application('Application.Read.All', '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30', 'Read all applications'),
  application('Application.ReadWrite.All', '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9', 'Read and write all applications'),
  application(
    'AppRoleAssignment.ReadWrite.All',
    '06b708a9-e830-4db3-a914-8e69da51d44f',
    'Manage app permission grants and app role assignments',
  ),
  application(
    'DelegatedPermissionGrant.ReadWrite.All',
    '8e8e4742-1d95-4f68-9d56-6ee75648c72a',
    'Manage all delegated permission grants',
  ),
  application('Mail.Read', '810c84a8-4a9e-49e6-bf7d-12d183f40d01', 'Read mail in all mailboxes'),
  application('Mail.Send', 'b633e1c5-b582-4048-a93e-9f11b44c7e96', 'Send mail as any user'),
  application('Files.Read.All', '01d4889c-1287-42c6-ac1f-5d1e02578ef6', 'Read files in all site collections'),
  application('Group.Read.All', '5b567255-7703-4780-807c-7be8301ae99b', 'Read all groups'),
  application('Sites.Read.All', '332a536c-c7ef-4017-ab91-336970924f0d', 'Read items in all site collections'),
];

/**
 * App roles that let an app-only token read applications and service principals
 * (the sandbox's simplification of Graph's permission model for these reads).
 */
export const DIRECTORY_READ_ROLES: readonly string[] = [
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'Application.Read.All',
  'Application.ReadWrite.All',
];

/** Finds a permission of the given kind by its name (case-insensitive) or its id. */
export function findGraphPermission(nameOrId: string, kind: PermissionKind): GraphPermission | undefined {
  const key = nameOrId.trim().toLowerCase();
  return GRAPH_PERMISSIONS.find((p) => p.kind === kind && (p.id === key || p.name.toLowerCase() === key));
}
