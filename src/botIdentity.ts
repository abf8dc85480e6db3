import type { ConfigProblem } from './configError';

/**
 * How the bot proves its identity to the Bot Connector. SingleTenant is the default because
 * Azure Bot Service has refused new multi-tenant registrations since 31 July 2025 and the
 * Agents Toolkit creates single-tenant bots; UserAssignedMsi is what the Toolkit's Azure
 * templates use (no secret at all); MultiTenant stays for registrations made before then.
 */
export type BotType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';

/** The raw settings that decide whether a bot type can sign in. */
export interface BotIdentitySettings {
  /** BOT_ID is empty: no Bot Framework authentication at all (playground and tests). */
  readonly localMode: boolean;
  readonly botType: BotType;
  /** BOT_TYPE was written explicitly (not the default). */
  readonly botTypeSet: boolean;
  readonly botPassword: string | undefined;
  readonly botTenantRaw: string | undefined;
}

/**
 * Every reason the configured bot type cannot sign in, checked at start so the operator sees
 * them together instead of botbuilder's first assertion at the first message. Mirrors what
 * botbuilder's ConfigurationServiceClientCredentialFactory demands of each type.
 */
export function botIdentityProblems(s: BotIdentitySettings): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const bad = (key: string, reason: string): void => void problems.push({ key, reason });
  if (s.localMode) {
    if (s.botPassword !== undefined)
      bad('BOT_PASSWORD', 'is set but BOT_ID is empty; set BOT_ID too, or clear BOT_PASSWORD for local mode');
    if (s.botTypeSet && s.botType === 'UserAssignedMsi')
      bad('BOT_ID', "is required when BOT_TYPE is UserAssignedMsi: the user-assigned managed identity's client id");
    return problems;
  }
  if (s.botType === 'UserAssignedMsi') {
    if (s.botPassword !== undefined)
      bad('BOT_PASSWORD', 'must be empty when BOT_TYPE is UserAssignedMsi (the managed identity signs in, no secret)');
  } else if (s.botPassword === undefined) {
    bad('BOT_PASSWORD', `is required when BOT_ID is set and BOT_TYPE is ${s.botType} (the bot app's client secret)`);
  }
  if (s.botType !== 'MultiTenant' && s.botTenantRaw === undefined)
    bad('BOT_TENANT_ID', `is required when BOT_TYPE is ${s.botType} (the tenant the bot's identity lives in)`);
  return problems;
}
