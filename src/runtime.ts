import { hkdfSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type restify from 'restify';
import { createAccessPolicy } from './bot/accessPolicy';
import { createBotApp } from './bot/app';
import { botAuthSettings } from './bot/botAuthSettings';
import {
  createReminderModule,
  type ReminderModule,
  type ReminderModuleOptions,
} from './bot/reminders/reminderExtensions';
import type { BotDeps } from './bot/botDeps';
import { createConsentCallback } from './bot/consentCallback';
import { createConsentFollowUp } from './bot/consentFollowUp';
import { createProactive } from './bot/proactive';
import { createResultCardRenderer } from './bot/resultCard';
import { createServiceUrlPolicy } from './bot/serviceUrlPolicy';
import type { AppConfig } from './config';
import { createConnectorChecker } from './consent/connectorChecker';
import { createLogger, type Logger } from './log/logger';
import { createConsentStates } from './registrations/consentStates';
import { createRegistrationService } from './registrations/registrationService';
import { createServer } from './server';
import { createSealer, loadOrCreateKeyFile } from './store/sealing';
import { createAzureTableStore } from './store/azureTableStore';
import { createSqliteStore } from './store/sqliteStore';
import type { Store } from './store/store';

/** Test and tool hooks; production passes none. */
export interface RuntimeOverrides {
  readonly now?: () => Date;
  readonly logSink?: (line: string) => void;
  readonly store?: Store;
  readonly followUpDelaysMs?: readonly number[];
  readonly invokeBudgetMs?: number;
  /** Reminder sweep knobs for tests (sleep, random, lease, fault hooks). */
  readonly reminderSweep?: ReminderModuleOptions['sweepOverrides'];
}

export interface Runtime {
  readonly server: restify.Server;
  readonly store: Store;
  readonly logger: Logger;
  readonly deps: BotDeps;
  /** Fingerprint of the sealing key (safe to log), to tell instances' keys apart. */
  readonly sealingKeyId: string;
  /** Secret-expiry and consent-drift reminders: commands, card buttons, sweep and its timer. */
  readonly reminders: ReminderModule;
  /** Listens on `port` (0 = any free port) and resolves the port actually bound. */
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The composition root: the only place that picks concrete implementations (SQLite store,
 * AES-GCM sealer, real Entra ID/Graph checker, Teams adapter) and wires them together.
 */
export function createRuntime(config: AppConfig, overrides: RuntimeOverrides = {}): Runtime {
  const now = overrides.now ?? (() => new Date());
  const logger = createLogger({ level: config.logLevel, sink: overrides.logSink, now });
  let key = config.secretEncryptionKey;
  if (!key) {
    const keyFile = loadOrCreateKeyFile(config.dataDir);
    if (keyFile.created) logger.info('sealing.key_file_created', { path: keyFile.path });
    key = keyFile.key;
  }
  const sealer = createSealer(key);
  const store = overrides.store ?? createConfiguredStore(config, now, logger);
  const checker = createConnectorChecker({ cloud: config.cloud, timeoutMs: config.checkTimeoutMs, now });
  const registrations = createRegistrationService({ store, sealer, checker, now });
  const signingKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'connector-consent-bot/consent-state', 32));
  const consentStates = createConsentStates({ store, signingKey, now });

  const adapter = new TeamsAdapter(botAuthSettings(config));
  const serviceUrlAllowed = createServiceUrlPolicy({
    allowedPrefixes: config.allowedServiceUrls,
    localMode: config.allowLoopbackServiceUrls,
  });
  const proactive = createProactive({ adapter, botAppId: config.botId, store, serviceUrlAllowed, logger });
  const renderResult = createResultCardRenderer({
    consentStates,
    cloud: config.cloud,
    publicUrl: config.publicUrl,
    now,
  });
  const followUp = createConsentFollowUp({
    store,
    registrations,
    renderResult,
    proactive,
    logger,
    now,
    delaysMs: overrides.followUpDelaysMs,
  });

  const deps: BotDeps = {
    store,
    registrations,
    consentStates,
    renderResult,
    followUp,
    proactive,
    logger,
    now,
    cloud: config.cloud,
    access: createAccessPolicy(config),
    serviceUrlAllowed,
    invokeBudgetMs: overrides.invokeBudgetMs ?? 8000,
    botAppId: config.botId,
  };
  const reminders = createReminderModule({ deps, adapter, config, sweepOverrides: overrides.reminderSweep });
  const app = createBotApp(adapter, deps, reminders.extensions);
  const server = createServer({
    processActivity: (req, res, logic) => adapter.process(req, res, logic),
    runTurn: (context) => app.run(context),
    consentCallback: createConsentCallback({ consentStates, followUp, logger }),
    health: async () => {
      // One cheap read: a store that cannot be reached makes this instance unhealthy.
      const storeOk = await store.getKv('health', 'probe').then(
        () => true,
        () => false,
      );
      return {
        ok: storeOk,
        store: storeOk ? 'ok' : 'unreachable',
        localMode: config.localMode,
        cloud: config.cloud.name,
      };
    },
    logger,
  });

  return {
    server,
    store,
    sealingKeyId: sealer.keyId,
    logger,
    deps,
    reminders,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          reminders.start();
          // A cheap read so an unreachable store shows in the log at start, not at the first user.
          store.getKv('health', 'start-probe').catch((error: unknown) => logger.error('store.unreachable', { error }));
          followUp.resume().then(
            (resumed) => resumed > 0 && logger.info('consent.follow_up_resumed', { resumed }),
            (error: unknown) => logger.error('consent.follow_up_resume_failed', { error }),
          );
          resolve((server.server.address() as AddressInfo).port);
        });
      });
    },
    async stop() {
      followUp.stop();
      await reminders.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

/** STORE=sqlite (default): one file in DATA_DIR; STORE=azure: shared Azure tables (managed identity or a key). */
function createConfiguredStore(config: AppConfig, now: () => Date, logger: Logger): Store {
  if (config.store !== 'azure') return createSqliteStore({ dataDir: config.dataDir, clock: { now } });
  const { azureStorageAccountUrl: accountUrl, azureStorageConnectionString: connectionString } = config;
  if (!accountUrl && !connectionString)
    throw new Error('STORE=azure needs AZURE_STORAGE_ACCOUNT_URL or AZURE_STORAGE_CONNECTION_STRING.');
  const store = createAzureTableStore({ ...(accountUrl ? { accountUrl } : { connectionString }), clock: { now } });
  logger.info('store.azure', { endpoint: store.endpoint, tables: store.tableNames.join(',') });
  return store;
}
