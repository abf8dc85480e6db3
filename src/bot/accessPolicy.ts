import type { TurnInfo } from './turnInfo';

export interface AccessPolicyOptions {
  /** Lower-case tenant ids (config already falls back to BOT_TENANT_ID outside local mode). */
  readonly allowedTenants: readonly string[];
  /** Local mode with ALLOWED_TENANTS unset: everyone may use the bot. */
  readonly allowAnyTenant: boolean;
  /** Entra object ids; empty means every user of an allowed tenant. */
  readonly allowedUsers: readonly string[];
}

export type AccessDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Who may use the bot: ALLOWED_TENANTS (from channel data) and optional ALLOWED_USERS. */
export function createAccessPolicy(options: AccessPolicyOptions): (info: TurnInfo) => AccessDecision {
  const tenants = new Set(options.allowedTenants.map((id) => id.toLowerCase()));
  const users = new Set(options.allowedUsers.map((id) => id.toLowerCase()));
  return (info) => {
    if (!options.allowAnyTenant && !(info.tenantId && tenants.has(info.tenantId.toLowerCase()))) {
      return { allowed: false, reason: 'tenant-not-allowed' };
    }
    if (users.size > 0 && !users.has(info.userId.toLowerCase())) {
      return { allowed: false, reason: 'user-not-allowed' };
    }
    return { allowed: true };
  };
}
