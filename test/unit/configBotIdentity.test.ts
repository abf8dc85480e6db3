import { randomBytes } from 'crypto';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { botAuthSettings } from '../../src/bot/botAuthSettings';
import { loadConfig } from '../../src/config';
import { ConfigError } from '../../src/configError';

const BOT_ID = '8f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT_PASSWORD = 'kQz8Q~a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7';
const KEY_HEX = randomBytes(32).toString('hex');

function problems(env: NodeJS.ProcessEnv): Array<[string, string]> {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => [p.key, p.reason]);
    throw error;
  }
  return [];
}
const keys = (env: NodeJS.ProcessEnv): string[] => problems(env).map(([key]) => key);

describe('bot identity: SingleTenant by default, UserAssignedMsi for Azure', () => {
  it('defaults to SingleTenant and needs the tenant and the password', () => {
    expect(keys({ BOT_ID })).toEqual(['BOT_PASSWORD', 'BOT_TENANT_ID', 'ALLOWED_TENANTS']);
    const config = loadConfig({ BOT_ID, BOT_PASSWORD, BOT_TENANT_ID: TENANT });
    expect(config).toMatchObject({ botType: 'SingleTenant', botTenantId: TENANT, allowedTenants: [TENANT] });
  });

  it('names the missing secret for MultiTenant and SingleTenant', () => {
    for (const type of ['MultiTenant', 'SingleTenant']) {
      const [reason] = problems({ BOT_ID, BOT_TYPE: type, BOT_TENANT_ID: TENANT })
        .filter(([key]) => key === 'BOT_PASSWORD')
        .map(([, r]) => r);
      expect(reason).toBe(`is required when BOT_ID is set and BOT_TYPE is ${type} (the bot app's client secret)`);
    }
  });

  it('UserAssignedMsi: BOT_ID is the identity client id, a tenant is required, a password is refused', () => {
    expect(problems({ BOT_ID, BOT_TYPE: 'UserAssignedMsi', BOT_PASSWORD })).toEqual([
      ['BOT_PASSWORD', 'must be empty when BOT_TYPE is UserAssignedMsi (the managed identity signs in, no secret)'],
      ['BOT_TENANT_ID', "is required when BOT_TYPE is UserAssignedMsi (the tenant the bot's identity lives in)"],
      ['ALLOWED_TENANTS', expect.stringMatching(/BOT_TENANT_ID/)],
    ]);
    expect(problems({ BOT_TYPE: 'UserAssignedMsi' })).toEqual([
      ['BOT_ID', "is required when BOT_TYPE is UserAssignedMsi: the user-assigned managed identity's client id"],
    ]);
    const config = loadConfig({
      NODE_ENV: 'production',
      BOT_ID,
      BOT_TYPE: 'userassignedmsi',
      BOT_TENANT_ID: TENANT,
      SECRET_ENCRYPTION_KEY: KEY_HEX,
    });
    expect(config).toMatchObject({ botType: 'UserAssignedMsi', localMode: false });
    expect(config.botPassword).toBeUndefined();
  });

  it('local mode (empty BOT_ID) stays as before, whatever the default type', () => {
    expect(loadConfig({})).toMatchObject({ localMode: true, botType: 'SingleTenant', allowAnyTenant: true });
    expect(loadConfig({ BOT_TYPE: 'SingleTenant' }).localMode).toBe(true);
    expect(keys({ BOT_PASSWORD })).toEqual(['BOT_PASSWORD']);
  });
});

describe('botAuthSettings: what the Teams adapter gets', () => {
  it('hands botbuilder an unauthenticated MultiTenant identity in local mode', async () => {
    const settings = botAuthSettings(loadConfig({}));
    expect(settings).toEqual({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: '',
    });
    await expect(new TeamsAdapter(settings).credentialsFactory.isAuthenticationDisabled()).resolves.toBe(true);
  });

  it.each([
    ['SingleTenant', { BOT_PASSWORD }, { MicrosoftAppPassword: BOT_PASSWORD, MicrosoftAppTenantId: TENANT }],
    ['MultiTenant', { BOT_PASSWORD }, { MicrosoftAppPassword: BOT_PASSWORD, MicrosoftAppTenantId: '' }],
    ['UserAssignedMsi', {}, { MicrosoftAppPassword: '', MicrosoftAppTenantId: TENANT }],
  ] as const)('every %s configuration loadConfig accepts is one botbuilder accepts', (type, extra, expected) => {
    const settings = botAuthSettings(loadConfig({ BOT_ID, BOT_TYPE: type, BOT_TENANT_ID: TENANT, ...extra }));
    expect(settings).toEqual({ MicrosoftAppId: BOT_ID, MicrosoftAppType: type, ...expected });
    const adapter = new TeamsAdapter(settings);
    return expect(adapter.credentialsFactory.isValidAppId(BOT_ID)).resolves.toBe(true);
  });
});

describe('AZURE_STORAGE_ACCOUNT_URL', () => {
  it('selects the Azure store reached with the managed identity', () => {
    const config = loadConfig({ STORE: 'azure', AZURE_STORAGE_ACCOUNT_URL: 'https://ccbot.table.core.windows.net/' });
    expect(config.azureStorageAccountUrl).toBe('https://ccbot.table.core.windows.net');
    expect(config.azureStorageConnectionString).toBeUndefined();
    expect(config.store).toBe('azure');
  });

  it('accepts national cloud table endpoints', () => {
    const url = 'https://ccbot.table.core.usgovcloudapi.net';
    expect(loadConfig({ STORE: 'azure', AZURE_STORAGE_ACCOUNT_URL: url }).azureStorageAccountUrl).toBe(url);
  });

  it.each([
    ['http://ccbot.table.core.windows.net', /must be an https URL/],
    ['not a url', /is not a URL/],
    ['https://ccbot.table.core.windows.net/?sv=2024&sig=x', /query/],
    ['https://ccbot.blob.core.windows.net', /is the blob endpoint; use the table endpoint/],
  ])('refuses %s', (url, reason) => {
    const found = problems({ STORE: 'azure', AZURE_STORAGE_ACCOUNT_URL: url });
    expect(found).toEqual([['AZURE_STORAGE_ACCOUNT_URL', expect.stringMatching(reason)]]);
  });

  it('refuses both ways to reach storage at once', () => {
    expect(
      keys({
        STORE: 'azure',
        AZURE_STORAGE_ACCOUNT_URL: 'https://ccbot.table.core.windows.net',
        AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      }),
    ).toEqual(['AZURE_STORAGE_ACCOUNT_URL']);
  });
});
