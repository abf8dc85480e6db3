/** One documented setting: the README's configuration table is generated from these. */
export interface ConfigKeyInfo {
  readonly key: string;
  readonly default?: string;
  /** The value is a secret: never logged or echoed in errors. */
  readonly secret: boolean;
  readonly description: string;
}

/** Microsoft's Teams Bot Connector hosts (public, GCC, GCC High, DoD), as URL prefixes. */
export const TEAMS_SERVICE_URLS: readonly string[] = [
  'https://smba.trafficmanager.net/',
  'https://smba.infra.gcc.teams.microsoft.com/',
  'https://smba.infra.gov.teams.microsoft.us/',
  'https://smba.infra.dod.teams.microsoft.us/',
];

const key = (k: string, description: string, dflt?: string, secret = false): ConfigKeyInfo =>
  dflt === undefined ? { key: k, secret, description } : { key: k, default: dflt, secret, description };

/** Every environment variable the bot reads (Teams Toolkit names where they exist). */
export const CONFIG_KEYS: readonly ConfigKeyInfo[] = [
  key('PORT', 'HTTP port for /api/messages, the consent callback and /healthz.', '3978'),
  key(
    'BOT_ID',
    "The bot's Microsoft app id. Empty = local mode: no Bot Framework authentication (playground and tests only).",
    '',
  ),
  key(
    'BOT_PASSWORD',
    "The bot app's client secret; required for SingleTenant and MultiTenant, must be empty for UserAssignedMsi.",
    undefined,
    true,
  ),
  key(
    'BOT_TYPE',
    "SingleTenant (Entra app + secret), UserAssignedMsi (BOT_ID = the managed identity's client id, no secret) or MultiTenant (only registrations made before Azure stopped creating them, 31 July 2025).",
    'SingleTenant',
  ),
  key(
    'BOT_TENANT_ID',
    "The tenant of the bot's identity; required for SingleTenant and UserAssignedMsi; the default allowed tenant.",
  ),
  key('NODE_ENV', '`production` enforces BOT_ID and SECRET_ENCRYPTION_KEY.', ''),
  key('DATA_DIR', 'Where the embedded store (and the local key file) live.', './data'),
  key(
    'SECRET_ENCRYPTION_KEY',
    'AES-256 key sealing stored client secrets: 64 hex characters or base64 of 32 bytes. Required in production; otherwise DATA_DIR/secret.key is created.',
    undefined,
    true,
  ),
  key(
    'PUBLIC_URL',
    "The bot's public https base URL; enables the admin-consent callback (PUBLIC_URL/api/consent/callback). http://localhost is accepted outside production.",
  ),
  key(
    'ALLOWED_TENANTS',
    'Comma-separated Teams tenant ids allowed to use the bot. Unset: everyone in local mode, otherwise BOT_TENANT_ID.',
  ),
  key(
    'ALLOWED_USERS',
    'Comma-separated Entra object ids allowed to use the bot. Unset: every user of an allowed tenant.',
  ),
  key('AZURE_CLOUD', 'public, usgov or china: which Microsoft cloud connectors are checked in.', 'public'),
  key('AUTHORITY_HOST', 'Overrides the Entra ID authority (https), e.g. the sandbox tenant in tests.'),
  key('GRAPH_ENDPOINT', 'Overrides the Microsoft Graph endpoint (https, no version).'),
  key(
    'ADMIN_SIGNIN_CLIENT_ID',
    'Client id of the multi-tenant sign-in app for "Fix it for me", "Create it for me" and "Rotate now" (delegated Application.ReadWrite.All, AppRoleAssignment.ReadWrite.All, DelegatedPermissionGrant.ReadWrite.All; Web redirect PUBLIC_URL/api/fix/callback). Create and Rotate also need PUBLIC_URL (the one-time secret page). Unset: none of these buttons.',
  ),
  key(
    'ADMIN_SIGNIN_CLIENT_SECRET',
    "The sign-in app's client secret; required with ADMIN_SIGNIN_CLIENT_ID.",
    undefined,
    true,
  ),
  key('CHECK_TIMEOUT', 'Time limit for one consent check (durations: 90s, 15m, 1h, 1d).', '20s'),
  key('LOG_LEVEL', 'debug, info, warn or error.', 'info'),
  key('STORE', 'sqlite (embedded, in DATA_DIR) or azure (Azure Storage).', 'sqlite'),
  key(
    'AZURE_STORAGE_ACCOUNT_URL',
    "STORE=azure without keys: the account's table endpoint (https://<account>.table.core.windows.net), reached with the managed identity through DefaultAzureCredential (AZURE_CLIENT_ID picks a user-assigned one). Needs the Storage Table Data Contributor role.",
  ),
  key(
    'AZURE_STORAGE_CONNECTION_STRING',
    "STORE=azure with a key: the storage account's connection string (account key or SAS with table access; Azurite: UseDevelopmentStorage=true). Use it or AZURE_STORAGE_ACCOUNT_URL.",
    undefined,
    true,
  ),
  key('REMINDER_DAYS', 'Days before a secret expires on which reminders are sent (comma-separated).', '30,14,7,3,1,0'),
  key('REMINDER_SWEEP_INTERVAL', 'How often the reminder sweep runs.', '1h'),
  key('RECHECK_INTERVAL', 'How often each registration is re-checked for consent drift.', '1d'),
  key(
    'REMINDER_CLAIM_TIMEOUT',
    'How long a reminder claimed by an instance that then died waits before another instance sends it (the only window in which a crash can cause one duplicate).',
    '10m',
  ),
  key(
    'ALLOWED_SERVICE_URLS',
    'Comma-separated https URL prefixes proactive messages may be sent to (loopback is also allowed in local mode).',
    TEAMS_SERVICE_URLS.join(','),
  ),
];
