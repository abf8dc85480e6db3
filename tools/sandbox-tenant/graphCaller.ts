import { DirectoryUser } from './directory';
import { DirectoryRoleName } from './fixtureUsers';
import { DIRECTORY_READ_ROLES } from './graphPermissions';
import { SandboxContext } from './sandboxContext';
import { AccessTokenClaims } from './tokenIssuer';

/** Who calls Graph: an app with its own token (`roles`), or a signed-in user through an app (`scp` + directory roles). */
export type GraphCaller =
  | { readonly kind: 'app'; readonly tenantId: string; readonly roles: readonly string[] }
  | {
      readonly kind: 'user';
      readonly tenantId: string;
      readonly scopes: readonly string[];
      readonly user: DirectoryUser | undefined;
    };

/** What an operation needs: one of these scopes (delegated) or app roles (app-only), and for users a directory role. */
export interface GraphRequirement {
  readonly delegated: readonly string[];
  readonly application: readonly string[];
  /** Directory roles that may do it as a user; undefined: any member may. */
  readonly userRoles?: readonly DirectoryRoleName[];
}

/** Delegated scopes that let a member read applications and service principals (members can read them by default). */
const DIRECTORY_READ_SCOPES = [
  'Application.Read.All',
  'Application.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'Directory.AccessAsUser.All',
];

/** Reads of applications, service principals and grants. */
export const READ_DIRECTORY: GraphRequirement = { delegated: DIRECTORY_READ_SCOPES, application: DIRECTORY_READ_ROLES };

export function graphCaller(ctx: SandboxContext, claims: AccessTokenClaims): GraphCaller {
  if (claims.idtyp === 'user') {
    return {
      kind: 'user',
      tenantId: claims.tid,
      scopes: (claims.scp ?? '').split(' ').filter((s) => s !== ''),
      user: ctx.directory.findUser(claims.tid, claims.oid),
    };
  }
  return { kind: 'app', tenantId: claims.tid, roles: claims.roles ?? [] };
}

/**
 * Graph's two-step check: the token must carry a permission for the operation, and a user must
 * also hold a directory role that allows it (an app-only caller needs no role).
 */
export function isAllowed(caller: GraphCaller, need: GraphRequirement): boolean {
  if (caller.kind === 'app') return caller.roles.some((r) => need.application.includes(r));
  if (!caller.scopes.some((s) => need.delegated.some((d) => d.toLowerCase() === s.toLowerCase()))) return false;
  if (!caller.user) return false;
  const roles = need.userRoles;
  return roles === undefined || caller.user.roles.some((r) => roles.includes(r));
}
