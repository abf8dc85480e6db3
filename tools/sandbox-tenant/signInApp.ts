import { AAD, AadError } from './aadErrors';
import { AAD_SIGNIN } from './aadSignInErrors';
import { DirectoryApp } from './directory';
import { FixtureTenant } from './fixture';
import { isGuid } from './fixtureReader';
import { SandboxContext } from './sandboxContext';

/** `organizations` and `common` in the authority path: any work or school account. */
export const MULTI_TENANT_SEGMENTS: readonly string[] = ['organizations', 'common'];

const MULTI_TENANT_AUDIENCES = ['AzureADMultipleOrgs', 'AzureADandPersonalMicrosoftAccount'];

/**
 * Finds the app a user signs in to: the registration in the tenant asked for, else a multi-tenant
 * registration from any tenant (admins of other organisations can sign in to it). `tenant` is
 * undefined for `organizations`/`common`, where only multi-tenant apps are allowed (AADSTS50194).
 */
export function findSignInApp(
  ctx: SandboxContext,
  tenant: FixtureTenant | undefined,
  clientId: string,
): DirectoryApp | AadError {
  if (!isGuid(clientId)) return AAD.clientIdMalformed(clientId);
  const home = tenant ? ctx.directory.findApp(tenant.tenantId, clientId) : undefined;
  if (home) return home;
  const anywhere = ctx.directory
    .tenants()
    .map((t) => ctx.directory.findApp(t.tenantId, clientId))
    .find((a): a is DirectoryApp => a !== undefined);
  if (anywhere && MULTI_TENANT_AUDIENCES.includes(anywhere.registration.signInAudience)) return anywhere;
  if (anywhere && !tenant) return AAD_SIGNIN.notMultiTenant(clientId);
  return AAD.appNotFound(clientId, tenant?.displayName ?? 'organizations');
}
