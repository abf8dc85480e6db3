import { resolve } from 'path';
import { isGuid, resolveCloud, type CloudEndpoints } from './consent';
import { ConfigError, type ConfigProblem } from './configError';
import { isLogLevel, type LogLevel } from './log/logger';
import { parseEncryptionKey } from './store/sealing';
import { formatDuration, parseDuration } from './time/duration';
import { CONFIG_KEYS, TEAMS_SERVICE_URLS, type ConfigKeyInfo } from './configKeys';
import { botIdentityProblems, type BotType } from './botIdentity';

export { CONFIG_KEYS, TEAMS_SERVICE_URLS, type ConfigKeyInfo };

export type { BotType };
export type AzureCloudName = 'public' | 'usgov' | 'china';
export type StoreKind = 'sqlite' | 'azure';

/** The validated configuration. Secret-bearing fields: botPassword, secretEncryptionKey, adminSignInClientSecret, azureStorageConnectionString. */
export interface AppConfig {
  readonly port: number;
  /** Empty in local mode. */
  readonly botId: string;
  readonly botPassword?: string;
  readonly botType: BotType;
  readonly botTenantId?: string;
  readonly nodeEnv: string;
  readonly production: boolean;
  /** BOT_ID empty: no Bot Framework authentication, loopback service URLs allowed. */
  readonly localMode: boolean;
  /** Absolute path. */
  readonly dataDir: string;
  /** Parsed key; absent outside production means "use DATA_DIR/secret.key". */
  readonly secretEncryptionKey?: Buffer;
  /** Without trailing slash. */
  readonly publicUrl?: string;
  /** Lower-case tenant ids; when ALLOWED_TENANTS is unset and not local mode, [BOT_TENANT_ID]. */
  readonly allowedTenants: readonly string[];
  /** True only in local mode with ALLOWED_TENANTS unset. */
  readonly allowAnyTenant: boolean;
  /** Lower-case object ids; empty = every user of an allowed tenant. */
  readonly allowedUsers: readonly string[];
  readonly azureCloud: AzureCloudName;
  readonly authorityHost?: string;
  readonly graphEndpoint?: string;
  /** The "Fix it for me" sign-in app; both set or both unset. */
  readonly adminSignInClientId?: string;
  /** Secret: never logged. */
  readonly adminSignInClientSecret?: string;
  /** AZURE_CLOUD with AUTHORITY_HOST/GRAPH_ENDPOINT applied. */
  readonly cloud: CloudEndpoints;
  readonly checkTimeoutMs: number;
  readonly logLevel: LogLevel;
  readonly store: StoreKind;
  readonly azureStorageConnectionString?: string;
  /** The table endpoint reached with managed identity (DefaultAzureCredential); without trailing slash. */
  readonly azureStorageAccountUrl?: string;
  /** Unique, largest first. */
  readonly reminderDays: readonly number[];
  readonly reminderSweepIntervalMs: number;
  readonly recheckIntervalMs: number;
  /** REMINDER_CLAIM_TIMEOUT: a crashed send's claim blocks a retry this long. */
  readonly reminderClaimTimeoutMs: number;
  /** Each ends with '/', so a prefix cannot match another host. */
  readonly allowedServiceUrls: readonly string[];
  readonly allowLoopbackServiceUrls: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const SECRET_KEYS = new Set(CONFIG_KEYS.filter((k) => k.secret).map((k) => k.key));

/**
 * Reads and validates the environment once at start. Throws one ConfigError listing every
 * bad key with its reason; secret values are never quoted. Empty strings count as unset
 * (Teams Toolkit env files write `KEY=`).
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const problems: ConfigProblem[] = [];
  const bad = (k: string, reason: string): undefined => void problems.push({ key: k, reason });
  const raw = (k: string): string | undefined => {
    const value = env[k]?.trim();
    return value === '' ? undefined : value;
  };
  const shown = (k: string, value: string): string =>
    SECRET_KEYS.has(k) ? 'the value' : JSON.stringify(value.slice(0, 80));
  const oneOf = <T extends string>(k: string, allowed: readonly T[], dflt: T): T => {
    const value = raw(k) ?? dflt;
    const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    return match ?? bad(k, `${shown(k, value)} is not one of ${allowed.join(', ')}`) ?? dflt;
  };
  const duration = (k: string, dflt: string, minMs: number, maxMs: number): number => {
    const value = raw(k) ?? dflt;
    try {
      const ms = parseDuration(value);
      if (ms < minMs || ms > maxMs)
        return bad(k, `${shown(k, value)} must be between ${formatDuration(minMs)} and ${formatDuration(maxMs)}`) ?? 0;
      return ms;
    } catch (error) {
      return bad(k, (error as Error).message) ?? 0;
    }
  };
  const guidList = (k: string): string[] => {
    const items = splitList(raw(k));
    const wrong = items.filter((item) => !isGuid(item));
    if (wrong.length > 0)
      bad(
        k,
        `${wrong.map((w) => JSON.stringify(w.slice(0, 60))).join(', ')} ${wrong.length === 1 ? 'is not a GUID' : 'are not GUIDs'}`,
      );
    return [...new Set(items.filter((item) => isGuid(item)).map((item) => item.toLowerCase()))];
  };
  const url = (
    k: string,
    value: string | undefined,
    allowLocalHttp: boolean,
    trailingSlash: boolean,
  ): string | undefined => {
    if (value === undefined) return undefined;
    const checked = checkUrl(value, allowLocalHttp);
    if (typeof checked !== 'string') return bad(k, `${shown(k, value)} ${checked.reason}`);
    return trailingSlash ? checked.replace(/\/*$/, '/') : checked.replace(/\/+$/, '');
  };

  const nodeEnv = raw('NODE_ENV') ?? '';
  const production = nodeEnv === 'production';
  const port =
    parsePort(raw('PORT') ?? '3978') ??
    bad('PORT', `${shown('PORT', raw('PORT') ?? '')} is not a port number (0-65535)`) ??
    3978;

  const botId = raw('BOT_ID') ?? '';
  const localMode = botId === '';
  if (!localMode && !isGuid(botId))
    bad('BOT_ID', `${shown('BOT_ID', botId)} is not a GUID (the bot's Microsoft app id)`);
  if (localMode && production)
    bad('BOT_ID', 'is required when NODE_ENV=production (an empty BOT_ID turns off Bot Framework authentication)');
  const botType = oneOf<BotType>('BOT_TYPE', ['MultiTenant', 'SingleTenant', 'UserAssignedMsi'], 'SingleTenant');
  const botPassword = raw('BOT_PASSWORD');
  const botTenantRaw = raw('BOT_TENANT_ID');
  const botTenantId =
    botTenantRaw === undefined
      ? undefined
      : isGuid(botTenantRaw)
        ? botTenantRaw.toLowerCase()
        : bad('BOT_TENANT_ID', `${shown('BOT_TENANT_ID', botTenantRaw)} is not a GUID`);
  const botTypeSet = raw('BOT_TYPE') !== undefined;
  for (const p of botIdentityProblems({ localMode, botType, botTypeSet, botPassword, botTenantRaw }))
    bad(p.key, p.reason);

  const dataDir = resolve(raw('DATA_DIR') ?? './data');
  const keyText = raw('SECRET_ENCRYPTION_KEY');
  let secretEncryptionKey: Buffer | undefined;
  if (keyText !== undefined) {
    try {
      secretEncryptionKey = parseEncryptionKey(keyText);
    } catch (error) {
      bad('SECRET_ENCRYPTION_KEY', (error as Error).message.replace(/^SECRET_ENCRYPTION_KEY /, ''));
    }
  } else if (production) {
    bad('SECRET_ENCRYPTION_KEY', 'is required when NODE_ENV=production (64 hex characters or base64 of 32 bytes)');
  }

  const publicUrl = url('PUBLIC_URL', raw('PUBLIC_URL'), !production, false);
  const tenantList = guidList('ALLOWED_TENANTS');
  const allowedUsers = guidList('ALLOWED_USERS');
  const tenantsUnset = raw('ALLOWED_TENANTS') === undefined;
  if (tenantsUnset && !localMode && botTenantRaw === undefined) {
    bad('ALLOWED_TENANTS', 'set it (or BOT_TENANT_ID) so the bot knows which Teams tenants may use it');
  }
  const allowedTenants = tenantsUnset && !localMode && botTenantId ? [botTenantId] : tenantList;

  const azureCloud = oneOf<AzureCloudName>('AZURE_CLOUD', ['public', 'usgov', 'china'], 'public');
  const authorityHost = url('AUTHORITY_HOST', raw('AUTHORITY_HOST'), false, false);
  const graphEndpoint = url('GRAPH_ENDPOINT', raw('GRAPH_ENDPOINT'), false, false);
  const adminSignInClientId = raw('ADMIN_SIGNIN_CLIENT_ID')?.toLowerCase();
  const adminSignInClientSecret = raw('ADMIN_SIGNIN_CLIENT_SECRET');
  if (adminSignInClientId !== undefined && !isGuid(adminSignInClientId))
    bad('ADMIN_SIGNIN_CLIENT_ID', `${shown('ADMIN_SIGNIN_CLIENT_ID', adminSignInClientId)} is not a GUID`);
  if (adminSignInClientId !== undefined && adminSignInClientSecret === undefined)
    bad('ADMIN_SIGNIN_CLIENT_SECRET', 'is required when ADMIN_SIGNIN_CLIENT_ID is set');
  if (adminSignInClientId === undefined && adminSignInClientSecret !== undefined)
    bad('ADMIN_SIGNIN_CLIENT_ID', 'is required when ADMIN_SIGNIN_CLIENT_SECRET is set');
  const checkTimeoutMs = duration('CHECK_TIMEOUT', '20s', 1_000, 600_000);
  const logLevelText = (raw('LOG_LEVEL') ?? 'info').toLowerCase();
  const logLevel: LogLevel = isLogLevel(logLevelText)
    ? logLevelText
    : (bad('LOG_LEVEL', `${shown('LOG_LEVEL', logLevelText)} is not one of debug, info, warn, error`) ?? 'info');
  const store = oneOf<StoreKind>('STORE', ['sqlite', 'azure'], 'sqlite');
  const azureStorageConnectionString = raw('AZURE_STORAGE_CONNECTION_STRING');
  const azureStorageAccountUrl = storageAccountUrl(raw('AZURE_STORAGE_ACCOUNT_URL'), (reason) =>
    bad('AZURE_STORAGE_ACCOUNT_URL', reason),
  );
  if (store === 'azure' && azureStorageConnectionString === undefined && raw('AZURE_STORAGE_ACCOUNT_URL') === undefined)
    bad(
      'AZURE_STORAGE_CONNECTION_STRING',
      'is required when STORE=azure, unless AZURE_STORAGE_ACCOUNT_URL is set (managed identity)',
    );
  if (azureStorageConnectionString !== undefined && raw('AZURE_STORAGE_ACCOUNT_URL') !== undefined)
    bad('AZURE_STORAGE_ACCOUNT_URL', 'is set together with AZURE_STORAGE_CONNECTION_STRING; keep only one of them');
  if (
    azureStorageConnectionString !== undefined &&
    !/(AccountName|TableEndpoint|BlobEndpoint|UseDevelopmentStorage)=/i.test(azureStorageConnectionString)
  ) {
    bad(
      'AZURE_STORAGE_CONNECTION_STRING',
      'does not look like an Azure Storage connection string (no AccountName=, TableEndpoint=, BlobEndpoint= or UseDevelopmentStorage=)',
    );
  }

  const reminderDays = parseReminderDays(raw('REMINDER_DAYS') ?? '30,14,7,3,1,0', (reason) =>
    bad('REMINDER_DAYS', reason),
  );
  const reminderSweepIntervalMs = duration('REMINDER_SWEEP_INTERVAL', '1h', 1_000, 86_400_000);
  const recheckIntervalMs = duration('RECHECK_INTERVAL', '1d', 1_000, 30 * 86_400_000);
  const reminderClaimTimeoutMs = duration('REMINDER_CLAIM_TIMEOUT', '10m', 5_000, 86_400_000);
  const serviceUrlItems = splitList(raw('ALLOWED_SERVICE_URLS') ?? TEAMS_SERVICE_URLS.join(','));
  const allowedServiceUrls = serviceUrlItems.flatMap(
    (item) => url('ALLOWED_SERVICE_URLS', item, !production, true) ?? [],
  );
  if (raw('ALLOWED_SERVICE_URLS') !== undefined && serviceUrlItems.length === 0)
    bad('ALLOWED_SERVICE_URLS', 'lists no URL');

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    botId,
    botType,
    nodeEnv,
    production,
    localMode,
    dataDir,
    allowedTenants,
    allowAnyTenant: localMode && tenantsUnset,
    allowedUsers,
    azureCloud,
    cloud: resolveCloud(azureCloud, { authorityHost, graphEndpoint }),
    checkTimeoutMs,
    logLevel,
    store,
    reminderDays,
    reminderSweepIntervalMs,
    recheckIntervalMs,
    reminderClaimTimeoutMs,
    allowedServiceUrls: [...new Set(allowedServiceUrls)],
    allowLoopbackServiceUrls: localMode,
    ...(botPassword === undefined ? {} : { botPassword }),
    ...(botTenantId === undefined ? {} : { botTenantId }),
    ...(secretEncryptionKey === undefined ? {} : { secretEncryptionKey }),
    ...(publicUrl === undefined ? {} : { publicUrl }),
    ...(adminSignInClientId === undefined ? {} : { adminSignInClientId }),
    ...(adminSignInClientSecret === undefined ? {} : { adminSignInClientSecret }),
    ...(authorityHost === undefined ? {} : { authorityHost }),
    ...(graphEndpoint === undefined ? {} : { graphEndpoint }),
    ...(azureStorageConnectionString === undefined ? {} : { azureStorageConnectionString }),
    ...(azureStorageAccountUrl === undefined ? {} : { azureStorageAccountUrl }),
  };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function parsePort(value: string): number | undefined {
  if (!/^\d{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port <= 65535 ? port : undefined;
}

/** An https URL (or http on loopback when allowed) without credentials, query or fragment. */
function checkUrl(value: string, allowLocalHttp: boolean): string | { reason: string } {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return { reason: 'is not a URL' };
  }
  const localHttp = allowLocalHttp && parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !localHttp) {
    return { reason: allowLocalHttp ? 'must be an https URL (http only for localhost)' : 'must be an https URL' };
  }
  if (parsed.username || parsed.password) return { reason: 'must not contain a user name or password' };
  if (parsed.search || parsed.hash) return { reason: 'must not have a query or fragment' };
  return `${parsed.origin}${parsed.pathname}`;
}

/**
 * AZURE_STORAGE_ACCOUNT_URL: the storage account's *table* endpoint over https (tokens never
 * travel in clear). A blob or queue endpoint is a common paste: say which one to use instead.
 */
function storageAccountUrl(value: string | undefined, bad: (reason: string) => void): string | undefined {
  if (value === undefined) return undefined;
  const checked = checkUrl(value, false);
  if (typeof checked !== 'string') return void bad(`${JSON.stringify(value.slice(0, 80))} ${checked.reason}`);
  const host = new URL(checked).hostname;
  const service = /^[^.]+\.(blob|queue|file|dfs|web)\./i.exec(host)?.[1];
  if (service !== undefined)
    return void bad(
      `${JSON.stringify(host)} is the ${service.toLowerCase()} endpoint; use the table endpoint (https://<account>.table.core.windows.net)`,
    );
  return checked.replace(/\/+$/, '');
}

function parseReminderDays(value: string, bad: (reason: string) => void): number[] {
  const items = splitList(value);
  const wrong = items.filter((item) => !/^\d{1,3}$/.test(item) || Number(item) > 366);
  if (items.length === 0) bad('lists no day');
  if (wrong.length > 0)
    bad(
      `${wrong.map((w) => JSON.stringify(w.slice(0, 20))).join(', ')}: each day must be a whole number from 0 to 366`,
    );
  return [...new Set(items.filter((item) => !wrong.includes(item)).map(Number))].sort((a, b) => b - a);
}

/** The configuration as a Markdown table (for the README and `--help` output). */
export function describeConfig(): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const rows = CONFIG_KEYS.map(
    (k) =>
      `| \`${k.key}\` | ${k.default === undefined || k.default === '' ? '' : `\`${cell(k.default)}\``} | ${cell(k.description)}${k.secret ? ' (secret)' : ''} |`,
  );
  return ['| Key | Default | Description |', '| --- | --- | --- |', ...rows].join('\n');
}

/** A loggable view of the configuration: no secret values, and field names the redactor lets through. */
export function summarizeConfig(config: AppConfig): Record<string, unknown> {
  return {
    port: config.port,
    mode: config.localMode ? 'local (no Bot Framework authentication)' : 'authenticated',
    botId: config.botId || undefined,
    botType: config.botType,
    botAuth: config.localMode ? 'none' : config.botType === 'UserAssignedMsi' ? 'managed identity' : 'client secret',
    production: config.production,
    dataDir: config.dataDir,
    sealing: config.secretEncryptionKey === undefined ? 'file in DATA_DIR' : 'from SECRET_ENCRYPTION_KEY',
    publicUrl: config.publicUrl,
    allowedTenants: config.allowAnyTenant ? 'any' : config.allowedTenants,
    allowedUsers: config.allowedUsers.length === 0 ? 'any' : config.allowedUsers,
    cloud: config.cloud,
    checkTimeoutMs: config.checkTimeoutMs,
    logLevel: config.logLevel,
    store: config.store,
    storageAuth:
      config.store !== 'azure' ? undefined : config.azureStorageAccountUrl ? 'managed identity' : 'connection string',
    reminderDays: config.reminderDays,
    reminderSweepIntervalMs: config.reminderSweepIntervalMs,
    recheckIntervalMs: config.recheckIntervalMs,
    allowedServiceUrls: config.allowedServiceUrls,
  };
}
