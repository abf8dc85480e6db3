import { randomBytes } from 'crypto';
import { resolve } from 'path';
import { CONFIG_KEYS, describeConfig, loadConfig, summarizeConfig, TEAMS_SERVICE_URLS } from '../../src/config';
import { ConfigError } from '../../src/configError';

const BOT_ID = '8f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const TENANT = '72F988BF-86F1-41AF-91AB-2D7CD011DB47';
const BOT_PASSWORD = 'kQz8Q~a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7';
const KEY_HEX = randomBytes(32).toString('hex');

const production = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  NODE_ENV: 'production',
  BOT_ID,
  BOT_PASSWORD,
  BOT_TENANT_ID: TENANT,
  SECRET_ENCRYPTION_KEY: KEY_HEX,
  ...extra,
});

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults (local mode)', () => {
  it('runs with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3978,
      botId: '',
      botType: 'SingleTenant',
      localMode: true,
      production: false,
      dataDir: resolve('./data'),
      allowedTenants: [],
      allowAnyTenant: true,
      allowedUsers: [],
      azureCloud: 'public',
      checkTimeoutMs: 20_000,
      logLevel: 'info',
      store: 'sqlite',
      reminderDays: [30, 14, 7, 3, 1, 0],
      reminderSweepIntervalMs: 3_600_000,
      recheckIntervalMs: 86_400_000,
      allowedServiceUrls: TEAMS_SERVICE_URLS,
      allowLoopbackServiceUrls: true,
    });
    expect(config.cloud).toEqual({
      name: 'public',
      authorityHost: 'https://login.microsoftonline.com',
      graphEndpoint: 'https://graph.microsoft.com',
      portal: 'https://portal.azure.com',
    });
    expect(config.secretEncryptionKey).toBeUndefined();
    expect(config.botPassword).toBeUndefined();
    expect(config.publicUrl).toBeUndefined();
  });

  it('treats empty values (Teams Toolkit `KEY=`) as unset', () => {
    expect(loadConfig({ BOT_ID: '', BOT_PASSWORD: '  ', PORT: '', LOG_LEVEL: '' })).toMatchObject({
      localMode: true,
      port: 3978,
      logLevel: 'info',
    });
  });

  it('accepts local http PUBLIC_URL and loopback service URL prefixes outside production', () => {
    const config = loadConfig({
      PUBLIC_URL: 'http://localhost:3978/',
      ALLOWED_SERVICE_URLS: 'http://127.0.0.1:5000, https://smba.trafficmanager.net/emea',
    });
    expect(config.publicUrl).toBe('http://localhost:3978');
    expect(config.allowedServiceUrls).toEqual(['http://127.0.0.1:5000/', 'https://smba.trafficmanager.net/emea/']);
  });

  it('applies sandbox overrides to the cloud', () => {
    const config = loadConfig({
      AUTHORITY_HOST: 'https://localhost:41234/',
      GRAPH_ENDPOINT: 'https://localhost:41235',
      AZURE_CLOUD: 'usgov',
    });
    expect(config.cloud).toMatchObject({
      name: 'custom',
      authorityHost: 'https://localhost:41234',
      graphEndpoint: 'https://localhost:41235',
      portal: 'https://portal.azure.us',
    });
    expect(config.authorityHost).toBe('https://localhost:41234');
  });
});

describe('loadConfig (authenticated)', () => {
  it('reads a full production configuration', () => {
    const config = loadConfig(
      production({
        PORT: '8080',
        BOT_TYPE: 'singletenant',
        DATA_DIR: '/var/lib/bot',
        PUBLIC_URL: 'https://bot.contoso.com/',
        ALLOWED_USERS: ` ${BOT_ID} ,${BOT_ID.toUpperCase()}`,
        CHECK_TIMEOUT: '45s',
        LOG_LEVEL: 'WARN',
        STORE: 'azure',
        AZURE_STORAGE_CONNECTION_STRING:
          'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net',
        REMINDER_DAYS: '7, 30,0,7',
        REMINDER_SWEEP_INTERVAL: '15m',
        RECHECK_INTERVAL: '12h',
      }),
    );
    expect(config).toMatchObject({
      port: 8080,
      botId: BOT_ID,
      botPassword: BOT_PASSWORD,
      botType: 'SingleTenant',
      botTenantId: TENANT.toLowerCase(),
      production: true,
      localMode: false,
      dataDir: '/var/lib/bot',
      publicUrl: 'https://bot.contoso.com',
      allowedTenants: [TENANT.toLowerCase()],
      allowAnyTenant: false,
      allowedUsers: [BOT_ID],
      checkTimeoutMs: 45_000,
      logLevel: 'warn',
      store: 'azure',
      reminderDays: [30, 7, 0],
      reminderSweepIntervalMs: 900_000,
      recheckIntervalMs: 43_200_000,
      allowLoopbackServiceUrls: false,
    });
    expect(config.secretEncryptionKey?.toString('hex')).toBe(KEY_HEX);
  });

  it('explicit ALLOWED_TENANTS wins over BOT_TENANT_ID', () => {
    const other = '11111111-2222-4333-8444-555555555555';
    expect(loadConfig(production({ ALLOWED_TENANTS: `${other},${TENANT}` })).allowedTenants).toEqual([
      other,
      TENANT.toLowerCase(),
    ]);
  });

  it('UserAssignedMsi needs no password', () => {
    expect(loadConfig(production({ BOT_TYPE: 'UserAssignedMsi', BOT_PASSWORD: '' })).botType).toBe('UserAssignedMsi');
  });
});

describe('loadConfig errors', () => {
  it('refuses production without BOT_ID or SECRET_ENCRYPTION_KEY', () => {
    const error = configError({ NODE_ENV: 'production' });
    expect(error.problems.map((p) => p.key).sort()).toEqual(['BOT_ID', 'SECRET_ENCRYPTION_KEY']);
    expect(error.message).toMatch(/BOT_ID: is required when NODE_ENV=production/);
  });

  it('lists every bad key at once, with reasons', () => {
    const error = configError({
      PORT: '70000',
      BOT_ID: 'not-a-guid',
      BOT_TYPE: 'Sometimes',
      BOT_TENANT_ID: 'contoso',
      SECRET_ENCRYPTION_KEY: 'short',
      PUBLIC_URL: 'ftp://bot',
      ALLOWED_TENANTS: 'a,b',
      ALLOWED_USERS: 'x',
      AZURE_CLOUD: 'mars',
      AUTHORITY_HOST: 'http://login.microsoftonline.com',
      GRAPH_ENDPOINT: 'https://graph.microsoft.com/?x=1',
      CHECK_TIMEOUT: '20',
      LOG_LEVEL: 'trace',
      STORE: 'redis',
      REMINDER_DAYS: '30,abc,-1',
      REMINDER_SWEEP_INTERVAL: '2d',
      RECHECK_INTERVAL: 'daily',
      ALLOWED_SERVICE_URLS: 'https://user:pw@smba.trafficmanager.net/',
    });
    const keys = new Set(error.problems.map((p) => p.key));
    for (const key of [
      'PORT',
      'BOT_ID',
      'BOT_TYPE',
      'BOT_TENANT_ID',
      'BOT_PASSWORD',
      'SECRET_ENCRYPTION_KEY',
      'PUBLIC_URL',
      'ALLOWED_TENANTS',
      'ALLOWED_USERS',
      'AZURE_CLOUD',
      'AUTHORITY_HOST',
      'GRAPH_ENDPOINT',
      'CHECK_TIMEOUT',
      'LOG_LEVEL',
      'STORE',
      'REMINDER_DAYS',
      'REMINDER_SWEEP_INTERVAL',
      'RECHECK_INTERVAL',
      'ALLOWED_SERVICE_URLS',
    ]) {
      expect(keys).toContain(key);
    }
    expect(error.message).toContain(`has ${error.problems.length} problems`);
    for (const problem of error.problems) expect(error.message).toContain(`- ${problem.key}: ${problem.reason}`);
    const reason = (key: string): string =>
      error.problems
        .filter((p) => p.key === key)
        .map((p) => p.reason)
        .join(' | ');
    expect(reason('PORT')).toMatch(/not a port number/);
    expect(reason('BOT_TYPE')).toMatch(/MultiTenant, SingleTenant, UserAssignedMsi/);
    expect(reason('CHECK_TIMEOUT')).toMatch(/no unit/);
    expect(reason('REMINDER_SWEEP_INTERVAL')).toMatch(/between 1s and 1d/);
    expect(reason('AUTHORITY_HOST')).toMatch(/https/);
    expect(reason('GRAPH_ENDPOINT')).toMatch(/query/);
    expect(reason('REMINDER_DAYS')).toMatch(/"abc", "-1"/);
    expect(reason('ALLOWED_TENANTS')).toMatch(/"a", "b" are not GUIDs/);
    expect(reason('ALLOWED_SERVICE_URLS')).toMatch(/user name or password/);
  });

  it('never echoes secret values', () => {
    const key = 'zz'.repeat(40);
    const storage = 'Endpoint=sb://x;SharedAccessKey=c2VjcmV0dmFsdWU=';
    const error = configError({
      BOT_PASSWORD,
      SECRET_ENCRYPTION_KEY: key,
      STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: storage,
    });
    expect(error.problems.map((p) => p.key).sort()).toEqual([
      'AZURE_STORAGE_CONNECTION_STRING',
      'BOT_PASSWORD',
      'SECRET_ENCRYPTION_KEY',
    ]);
    expect(error.message).not.toContain(BOT_PASSWORD);
    expect(error.message).not.toContain(key);
    expect(error.message).not.toContain('c2VjcmV0dmFsdWU');
    expect(error.message).toMatch(/BOT_PASSWORD: is set but BOT_ID is empty/);
  });

  it('needs a password for MultiTenant/SingleTenant and a tenant for SingleTenant', () => {
    const error = configError({ BOT_ID, BOT_TYPE: 'SingleTenant' });
    expect(error.problems.map((p) => p.key).sort()).toEqual(['ALLOWED_TENANTS', 'BOT_PASSWORD', 'BOT_TENANT_ID']);
  });

  it('wants to know which tenants may use an authenticated bot', () => {
    const error = configError({ BOT_ID, BOT_PASSWORD, BOT_TYPE: 'MultiTenant' });
    expect(error.problems).toEqual([{ key: 'ALLOWED_TENANTS', reason: expect.stringMatching(/or BOT_TENANT_ID/) }]);
  });

  it('requires https (not localhost http) in production', () => {
    const error = configError(
      production({ PUBLIC_URL: 'http://localhost:3978', ALLOWED_SERVICE_URLS: 'http://127.0.0.1:1/' }),
    );
    expect(error.problems.map((p) => p.key).sort()).toEqual(['ALLOWED_SERVICE_URLS', 'PUBLIC_URL']);
  });

  it('requires AZURE_STORAGE_ACCOUNT_URL or AZURE_STORAGE_CONNECTION_STRING for STORE=azure', () => {
    expect(configError({ STORE: 'azure' }).problems).toEqual([
      {
        key: 'AZURE_STORAGE_CONNECTION_STRING',
        reason: 'is required when STORE=azure, unless AZURE_STORAGE_ACCOUNT_URL is set (managed identity)',
      },
    ]);
  });

  it('rejects an empty REMINDER_DAYS list', () => {
    expect(configError({ REMINDER_DAYS: ' , ' }).problems[0]).toEqual({ key: 'REMINDER_DAYS', reason: 'lists no day' });
  });
});

describe('CONFIG_KEYS and describeConfig', () => {
  it('documents every key loadConfig reads', () => {
    const read = new Set<string>();
    const spyEnv = new Proxy({} as NodeJS.ProcessEnv, {
      get: (_target, property) => {
        if (typeof property === 'string') read.add(property);
        return undefined;
      },
    });
    loadConfig(spyEnv);
    const documented = CONFIG_KEYS.map((k) => k.key);
    expect([...read].sort()).toEqual([...documented].sort());
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('marks secrets and renders a Markdown table with defaults', () => {
    expect(
      CONFIG_KEYS.filter((k) => k.secret)
        .map((k) => k.key)
        .sort(),
    ).toEqual([
      'ADMIN_SIGNIN_CLIENT_SECRET',
      'AZURE_STORAGE_CONNECTION_STRING',
      'BOT_PASSWORD',
      'SECRET_ENCRYPTION_KEY',
    ]);
    expect(CONFIG_KEYS.find((k) => k.key === 'BOT_TYPE')?.default).toBe('SingleTenant');
    const table = describeConfig();
    const lines = table.split('\n');
    expect(lines[0]).toBe('| Key | Default | Description |');
    expect(lines).toHaveLength(CONFIG_KEYS.length + 2);
    expect(table).toContain('| `PORT` | `3978` |');
    expect(table).toContain('| `REMINDER_DAYS` | `30,14,7,3,1,0` |');
    expect(table).toMatch(/`BOT_PASSWORD` \| {2}\| .*\(secret\) \|/);
  });

  it('summarizeConfig carries no secret values', () => {
    const config = loadConfig(
      production({ STORE: 'azure', AZURE_STORAGE_CONNECTION_STRING: 'AccountName=a;AccountKey=c2VjcmV0dmFsdWU=' }),
    );
    const text = JSON.stringify(summarizeConfig(config));
    expect(text).not.toContain(BOT_PASSWORD);
    expect(text).not.toContain(KEY_HEX);
    expect(text).not.toContain('c2VjcmV0dmFsdWU');
    expect(text).toContain('client secret');
  });
});

describe('the Fix it for me sign-in app', () => {
  it('takes both values together and refuses one without the other or a non-GUID id', () => {
    const config = loadConfig({
      ADMIN_SIGNIN_CLIENT_ID: BOT_ID.toUpperCase(),
      ADMIN_SIGNIN_CLIENT_SECRET: 'sign-in secret',
    });
    expect(config.adminSignInClientId).toBe(BOT_ID);
    expect(config.adminSignInClientSecret).toBe('sign-in secret');
    expect(loadConfig({}).adminSignInClientId).toBeUndefined();
    expect(configError({ ADMIN_SIGNIN_CLIENT_ID: BOT_ID }).problems.map((p) => p.key)).toEqual([
      'ADMIN_SIGNIN_CLIENT_SECRET',
    ]);
    expect(configError({ ADMIN_SIGNIN_CLIENT_SECRET: 'x' }).problems.map((p) => p.key)).toEqual([
      'ADMIN_SIGNIN_CLIENT_ID',
    ]);
    expect(
      configError({ ADMIN_SIGNIN_CLIENT_ID: 'nope', ADMIN_SIGNIN_CLIENT_SECRET: 'x' }).problems.map((p) => p.key),
    ).toEqual(['ADMIN_SIGNIN_CLIENT_ID']);
  });
});
