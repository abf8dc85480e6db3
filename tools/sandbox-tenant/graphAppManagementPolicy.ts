import { FixtureTenant } from './fixture';
import { DIRECTORY_ROLES } from './fixtureUsers';
import { GraphRequirement, isAllowed } from './graphCaller';
import { GraphScope } from './graphObjects';
import { GRAPH_ERRORS, graphOk, GraphResult } from './graphResult';

/** The id Graph gives every tenant's default app management policy. */
export const DEFAULT_APP_MANAGEMENT_POLICY_ID = '00000000-0000-0000-0000-000000000000';

/** The policy applies to apps created after this date: in the sandbox, to every app. */
const RESTRICT_AFTER = '2019-01-01T00:00:00Z';
const DAY_MS = 24 * 60 * 60 * 1000;

const POLICY_SCOPES = [
  'Policy.Read.All',
  'Policy.Read.ApplicationConfiguration',
  'Policy.ReadWrite.ApplicationConfiguration',
];

/** Policy.Read.All (or an application-configuration policy permission), as a user holding an admin role. */
const READ_POLICY: GraphRequirement = {
  delegated: POLICY_SCOPES,
  application: POLICY_SCOPES,
  userRoles: Object.keys(DIRECTORY_ROLES) as (keyof typeof DIRECTORY_ROLES)[],
};

/** The longest a new client secret may live in this tenant (ms), or undefined when not capped. */
export function maxPasswordLifetimeMs(tenant: FixtureTenant): number | undefined {
  return tenant.passwordLifetimeDays === undefined ? undefined : tenant.passwordLifetimeDays * DAY_MS;
}

/**
 * GET /policies/defaultAppManagementPolicy: the tenant's policy, enabled with one `passwordLifetime`
 * restriction when the fixture sets `passwordLifetimeDays`, otherwise disabled with none. Readable
 * by an app with a policy-read role, and by a signed-in user who holds any admin role the sandbox
 * knows (whatever the token's scopes: the sign-in app asks for none of Policy.*) or whose token
 * carries a policy-read scope and who holds such a role; a plain member gets 403.
 */
export function readDefaultAppManagementPolicy(s: GraphScope, base: string): GraphResult {
  const caller = s.caller;
  const admin = caller.kind === 'user' && (caller.user?.roles.length ?? 0) > 0;
  if (!admin && !isAllowed(caller, READ_POLICY)) return s.fail(GRAPH_ERRORS.forbidden());
  const days = s.tenant.passwordLifetimeDays;
  return graphOk({
    '@odata.context': `${base}#policies/defaultAppManagementPolicy/$entity`,
    id: DEFAULT_APP_MANAGEMENT_POLICY_ID,
    displayName: 'Default app management tenant policy',
    description:
      'Default tenant policy that enforces app management restrictions on applications and service principals.',
    isEnabled: days !== undefined,
    applicationRestrictions: {
      passwordCredentials:
        days === undefined
          ? []
          : [
              {
                restrictionType: 'passwordLifetime',
                state: 'enabled',
                maxLifetime: `P${days}D`,
                restrictForAppsCreatedAfterDateTime: RESTRICT_AFTER,
              },
            ],
      keyCredentials: [],
    },
    servicePrincipalRestrictions: { passwordCredentials: [], keyCredentials: [] },
  });
}
