import type { AppConfig } from '../config';

/** The settings botbuilder's ConfigurationServiceClientCredentialFactory reads (MicrosoftApp*). */
export type BotAuthSettings = Readonly<
  Record<'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId', string>
>;

/**
 * What the Teams adapter is given, named the way the Toolkit's bot templates pass BOT_ID,
 * BOT_PASSWORD, BOT_TYPE and BOT_TENANT_ID. Local mode (no BOT_ID) hands botbuilder an
 * empty MultiTenant identity, the one shape it accepts without credentials (authentication
 * off); SingleTenant or UserAssignedMsi with an empty app id would fail its assertions.
 * UserAssignedMsi carries no password: the managed identity whose client id is BOT_ID signs in.
 */
export function botAuthSettings(config: AppConfig): BotAuthSettings {
  if (config.localMode)
    return { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' };
  return {
    MicrosoftAppId: config.botId,
    MicrosoftAppPassword: config.botType === 'UserAssignedMsi' ? '' : (config.botPassword ?? ''),
    MicrosoftAppType: config.botType,
    MicrosoftAppTenantId: config.botType === 'MultiTenant' ? '' : (config.botTenantId ?? ''),
  };
}
