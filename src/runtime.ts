import { hkdfSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { createAccessPolicy } from './bot/accessPolicy';
import { createBotApp } from './bot/app';
import { botAuthSettings } from './bot/botAuthSettings';
import type { BotDeps } from './bot/botDeps';
import { personalChatLink } from './bot/channelMessages';
import { createConsentCallback } from './bot/consentCallback';
import { createConsentFollowUp } from './bot/consentFollowUp';
import { createProactive } from './bot/proactive';
import { createInterruptedNotices } from './bot/interruptedNotices';
import { combineExtensions } from './bot/botExtensions';
import { fixExtensions } from './bot/fix/fixExtensions';
import { overviewExtensions } from './bot/overviewExtensions';
import { createTeamsFixChat } from './bot/fix/teamsFixChat';
import { reminderExtensions } from './bot/reminders/reminderExtensions';
import { createTeamsNotifier } from './bot/reminders/teamsNotifier';
import { createResultCardRenderer } from './bot/resultCard';
import { createServiceUrlPolicy } from './bot/serviceUrlPolicy';
import type { AppConfig } from './config';
import { createConnectorChecker, loadProfile } from './consent';
import { createAuditTrail } from './repair/auditTrail';
import { createFixFlow } from './repair/fixFlow';
import type { FixHandlers, FixRequest } from './repair/fixRequest';
import { createGraphRepairSessionFactory } from './repair/graphRepairSession';
import type { RepairSessionFactory } from './repair/repairSession';
import { createAdminSignIn } from './signin/adminSignIn';
import { createFixRoutes, FIX_CALLBACK_PATH, type FixRoutes } from './signin/fixRoutes';
import { createFixStates } from './signin/fixStates';
import { createAdminSessions } from './signin/adminSessions';
import { createRevealHandlers, createRevealRoutes, REVEAL_PATH, type RevealRoutes } from './signin/revealRoutes';
import { createSecretReveals, REVEAL_TTL_MS } from './signin/secretReveals';
import { createAppLifecycle } from './repair/graphAppLifecycle';
import { createLifecycleHandlers, routeAdminTasks } from './repair/lifecycleHandlers';
import { createRotations } from './registrations/rotations';
import { createTeamsLifecycleChat } from './bot/lifecycle/teamsLifecycleChat';
import { lifecycleExtensions } from './bot/lifecycle/lifecycleExtensions';
import type { BotExtensions } from './bot/botExtensions';
import { createLogger, type Logger } from './log/logger';
import { createConsentStates } from './registrations/consentStates';
import { createInterruptedChecks } from './registrations/interruptedChecks';
import { createRegistrationService } from './registrations/registrationService';
import { createBaselines } from './reminders/consentBaseline';
import { createSubscriptions } from './reminders/subscriptions';
import { createReminderSweep, type ReminderSweep, type ReminderSweepDeps } from './reminders/sweep';
import { createDigests } from './reminders/digests';
import { createSweepLease } from './reminders/sweepLease';
import { createSweepTimer } from './reminders/sweepTimer';
import { createActivityProcessor } from './edge/activityProcessor';
import { EdgeTeamsAdapter } from './edge/edgeTeamsAdapter';
import { createServer } from './server';
import { createSealer, loadOrCreateKeyFile } from './store/sealing';
import { createAzureTableStore } from './store/azureTableStore';
import { createSqliteStore } from './store/sqliteStore';
import { requireFullStore, type Store } from './store/store';
import { systemClock, type Clock } from './time/clock';

/** Test and tool hooks; production passes none. */
export interface RuntimeOverrides {
  /** A fake clock for tests and tools; default the wall clock. */
  readonly clock?: Clock;
  readonly logSink?: (line: string) => void;
  readonly store?: Store;
  readonly followUpDelaysMs?: readonly number[];
  readonly invokeBudgetMs?: number;
  /** How long one turn's replies may retry a throttled Bot Connector (default 10 s; Teams waits ~15 s). */
  readonly replyBudgetMs?: number;
  /** A local stand-in for the Bot Framework's OpenID metadata (authentication tests). */
  readonly openIdMetadataUrl?: string;
  /** Reminder sweep knobs for tests (sleep, random, lease, fault hooks). */
  /**
   * Fix it for me's outside parts: the sign-in start link (signed, single-use state) and the
   * delegated Graph session. Used only when ADMIN_SIGNIN_CLIENT_ID is set; tests pass doubles.
   */
  readonly fix?: {
    readonly fixStartLink: (request: FixRequest) => Promise<string>;
    readonly openSession: RepairSessionFactory;
  };
  readonly reminderSweep?: Partial<
    Omit<ReminderSweepDeps, 'store' | 'rechecker' | 'notifier' | 'clock' | 'logger' | 'links'>
  >;
}

export interface Runtime {
  readonly server: restify.Server;
  readonly store: Store;
  readonly logger: Logger;
  readonly deps: BotDeps;
  /** Fingerprint of the sealing key (safe to log), to tell instances' keys apart. */
  readonly sealingKeyId: string;
  /** The secret-expiry and consent-drift sweep; its timer starts with listen() and stops with stop(). */
  readonly reminderSweep: ReminderSweep;
  /** What the admin sign-in callback hands the signed-in repair to; absent when Fix it for me is off. */
  readonly fixHandlers?: FixHandlers;
  /** Listens on `port` (0 = any free port) and resolves the port actually bound. */
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The composition root: the only place that picks concrete implementations (SQLite store,
 * AES-GCM sealer, real Entra ID/Graph checker, Teams adapter) and wires them together.
 */
export function createRuntime(config: AppConfig, overrides: RuntimeOverrides = {}): Runtime {
  const clock = overrides.clock ?? systemClock;
  const logger = createLogger({ level: config.logLevel, sink: overrides.logSink, clock });
  let key = config.secretEncryptionKey;
  if (!key) {
    const keyFile = loadOrCreateKeyFile(config.dataDir);
    if (keyFile.created) logger.info('sealing.key_file_created', { path: keyFile.path });
    key = keyFile.key;
  }
  const sealer = createSealer(key);
  const store = overrides.store ?? createConfiguredStore(config, clock, logger);
  const checker = createConnectorChecker({ cloud: config.cloud, timeoutMs: config.checkTimeoutMs, clock });
  // A first check saves the registration before it runs; a crash mid-check is told after a restart.
  const interrupted = createInterruptedChecks({
    store: requireFullStore(store),
    clock,
    graceMs: config.checkTimeoutMs + 10_000,
  });
  const registrations = createRegistrationService({ store, sealer, checker, clock, inProgress: interrupted });
  const signingKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'connector-consent-bot/consent-state', 32));
  const consentStates = createConsentStates({ store, signingKey, clock });

  const adapter = new EdgeTeamsAdapter(botAuthSettings(config), overrides.openIdMetadataUrl);
  const serviceUrlAllowed = createServiceUrlPolicy({
    allowedPrefixes: config.allowedServiceUrls,
    localMode: config.allowLoopbackServiceUrls,
  });
  const proactive = createProactive({ adapter, botAppId: config.botId, store, serviceUrlAllowed, logger, clock });
  // Fix it for me needs the admin sign-in app (and PUBLIC_URL for its callback); without them
  // the admin-consent link stays the path. Tests may pass their own sign-in link and session.
  let fixRoutes: FixRoutes | undefined;
  const productionFix = (): RuntimeOverrides['fix'] => {
    if (!config.publicUrl) {
      logger.warn('fix.disabled', {
        reason: 'ADMIN_SIGNIN_CLIENT_ID is set but PUBLIC_URL is not: no sign-in callback.',
      });
      return undefined;
    }
    return {
      fixStartLink: (request) => {
        if (!fixRoutes) throw new Error('Fix it for me is not ready yet.');
        return fixRoutes.startLink(request);
      },
      openSession: createGraphRepairSessionFactory({ graphEndpoint: config.cloud.graphEndpoint, clock }),
    };
  };
  const fixParts = config.adminSignInClientId ? (overrides.fix ?? productionFix()) : undefined;
  // Create it for me, Rotate now and the reveal page use the real sign-in routes (PUBLIC_URL and the sign-in app's secret).
  const lifecycleOn =
    fixParts !== undefined &&
    !overrides.fix &&
    Boolean(config.publicUrl && config.adminSignInClientId && config.adminSignInClientSecret);
  const renderResult = createResultCardRenderer({
    consentStates,
    cloud: config.cloud,
    publicUrl: config.publicUrl,
    clock,
    fixItForMe: fixParts !== undefined,
    rotateNow: lifecycleOn,
  });
  const followUp = createConsentFollowUp({
    store,
    registrations,
    renderResult,
    proactive,
    logger,
    clock,
    delaysMs: overrides.followUpDelaysMs,
  });

  const deps: BotDeps = {
    store,
    registrations,
    renderResult,
    followUp,
    proactive,
    logger,
    clock,
    cloud: config.cloud,
    access: createAccessPolicy(config),
    serviceUrlAllowed,
    invokeBudgetMs: overrides.invokeBudgetMs ?? 8000,
    botAppId: config.botId,
    offerCreate: lifecycleOn,
  };

  // Reminders: subscriptions and baselines in the store's key/value records, cards sent through
  // the Teams notifier, a sweep over what is due and the timer that runs it.
  const reminderStore = requireFullStore(store);
  // Rotate now's rotations in progress (read by the sweep's reminder cards and the rotation flow).
  const rotations = createRotations({ store, sealer });
  // Empty in local mode: the cards then leave out "Open chat with the bot" rather than link nowhere.
  const links = { cloud: config.cloud, personalChatUrl: personalChatLink(config.botId) ?? '', rotateNow: lifecycleOn };
  const notifier = createTeamsNotifier(proactive, logger);
  const digests = createDigests(reminderStore);
  const reminderSweep = createReminderSweep({
    store: reminderStore,
    rechecker: registrations,
    notifier,
    clock,
    logger,
    links,
    thresholdDays: config.reminderDays,
    recheckIntervalMs: config.recheckIntervalMs,
    leaseMs: config.reminderClaimTimeoutMs,
    // Several instances on one shared store: only the lease holder sweeps.
    lease: createSweepLease({ store: reminderStore, clock }),
    digests,
    ...(lifecycleOn
      ? {
          pendingRotation: async (registrationId: string) => {
            const r = await rotations.get(registrationId);
            return r?.stage === 'added'
              ? { startedBy: r.startedBy, ...(r.newSecret.hint ? { newHint: r.newSecret.hint } : {}) }
              : undefined;
          },
        }
      : {}),
    ...overrides.reminderSweep,
  });
  const sweepTimer = createSweepTimer({
    // Each round also tells of first checks cut short by an instance that died while this one
    // kept running (the markers are taken once, so only one instance tells).
    run: async () => {
      await tellInterrupted().catch((error: unknown) => logger.error('check.interrupted_failed', { error }));
      return reminderSweep.runOnce();
    },
    intervalMs: config.reminderSweepIntervalMs,
    logger,
  });
  const subscriptions = createSubscriptions(reminderStore);
  const reminders = reminderExtensions({
    bot: deps,
    store: reminderStore,
    subscriptions,
    digests,
    baselines: createBaselines(reminderStore),
    links,
    thresholdDays: config.reminderDays,
    sweepIntervalMs: config.reminderSweepIntervalMs,
  });
  // The audit trail is kept (and deleted with its registration) whether or not the fix is on.
  const audit = createAuditTrail({ store: reminderStore, logger });
  const fixChat = fixParts
    ? createTeamsFixChat({ proactive, renderResult, subscriptions, fixStartLink: fixParts.fixStartLink, logger })
    : undefined;
  const fixHandlers =
    fixParts && fixChat
      ? createFixFlow({
          registrations,
          openSession: fixParts.openSession,
          audit,
          chat: fixChat,
          startFollowUp: (registrationId, ownerId, repair) => followUp.start(registrationId, ownerId, repair),
          logger,
          clock,
        })
      : undefined;
  let lifecycle: BotExtensions = {};
  let revealRoutes: RevealRoutes | undefined;
  if (
    fixHandlers &&
    fixParts &&
    fixChat &&
    lifecycleOn &&
    config.publicUrl &&
    config.adminSignInClientId &&
    config.adminSignInClientSecret
  ) {
    const derive = (purpose: string): Buffer =>
      Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `connector-consent-bot/${purpose}`, 32));
    const publicUrl = config.publicUrl;
    const sessions = createAdminSessions({
      signingKey: derive('admin-session'),
      clock,
      path: REVEAL_PATH,
      secure: publicUrl.startsWith('https:'),
    });
    const reveals = createSecretReveals({ store, signingKey: derive('secret-reveal'), sealer, clock });
    const startLink = (request: FixRequest): Promise<string> => {
      if (!fixRoutes) throw new Error('The sign-in routes are not ready yet.');
      return fixRoutes.startLink(request);
    };
    const routes = createRevealRoutes({ reveals, sessions, signInLink: startLink, logger, publicUrl });
    revealRoutes = routes;
    const revealLink = (token: string): string => routes.link(token);
    const profile = loadProfile();
    const lifecycleHandlers = createLifecycleHandlers({
      openLifecycle: (token) => createAppLifecycle({ graphEndpoint: config.cloud.graphEndpoint, clock }, token),
      openSession: fixParts.openSession,
      registrations,
      check: (input) => checker.check(input, { freshToken: true }),
      rotations,
      reveal: {
        async offer(input) {
          const token = await reveals.offer(input);
          return {
            url: revealLink(token),
            confirm: { action: REVEAL_PATH, token, label: 'Show the secret value' },
            expiresAt: new Date(clock.now().getTime() + REVEAL_TTL_MS).toISOString(),
          };
        },
      },
      signInLink: startLink,
      audit,
      chat: createTeamsLifecycleChat({ fixChat, proactive, subscriptions, logger }),
      logger,
      clock,
      profile,
    });
    fixRoutes = createFixRoutes({
      states: createFixStates({ store, signingKey: derive('fix-state'), sealer, clock }),
      signIn: createAdminSignIn({
        clientId: config.adminSignInClientId,
        clientSecret: config.adminSignInClientSecret,
        authorityHost: config.cloud.authorityHost,
        graphEndpoint: config.cloud.graphEndpoint,
        redirectUri: `${publicUrl.replace(/\/+$/, '')}${FIX_CALLBACK_PATH}`,
      }),
      handlers: routeAdminTasks({
        repair: fixHandlers,
        lifecycle: lifecycleHandlers,
        reveal: createRevealHandlers({ reveals, logger }),
      }),
      logger,
      publicUrl,
      sessions,
    });

    lifecycle = lifecycleExtensions({
      bot: deps,
      signInLink: startLink,
      handlers: lifecycleHandlers,
      rotations,
      profile,
    });
  }
  const fix = fixExtensions({
    bot: deps,
    audit,
    ...(fixParts ? { fixStartLink: fixParts.fixStartLink } : {}),
    profileOf: (id) => loadProfile(id),
  });
  const app = createBotApp(adapter, deps, combineExtensions(reminders, fix, overviewExtensions(deps), lifecycle));
  const server = createServer({
    processActivity: createActivityProcessor({
      adapter,
      serviceUrlAllowed,
      logger,
      replyBudgetMs: overrides.replyBudgetMs ?? 10_000,
    }),
    runTurn: (context) => app.run(context),
    consentCallback: createConsentCallback({ consentStates, followUp, store, proactive, logger }),
    ...(fixRoutes ? { fixRoutes } : {}),
    ...(revealRoutes ? { revealRoutes } : {}),
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

  /** Tells the admins whose first check a crash cut short; again once younger markers age. */
  let interruptedTimer: NodeJS.Timeout | undefined;
  const tellInterrupted = createInterruptedNotices({ interrupted, store, proactive, logger });
  const resumeInterrupted = (): void => {
    tellInterrupted().catch((error: unknown) => logger.error('check.interrupted_failed', { error }));
    interruptedTimer = setTimeout(() => {
      tellInterrupted().catch((error: unknown) => logger.error('check.interrupted_failed', { error }));
    }, config.checkTimeoutMs + 10_000);
    interruptedTimer.unref();
  };

  return {
    server,
    store,
    sealingKeyId: sealer.keyId,
    logger,
    deps,
    reminderSweep,
    ...(fixHandlers ? { fixHandlers } : {}),
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          sweepTimer.start();
          // A cheap read so an unreachable store shows in the log at start, not at the first user.
          store.getKv('health', 'start-probe').catch((error: unknown) => logger.error('store.unreachable', { error }));
          resumeInterrupted();
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
      if (interruptedTimer) clearTimeout(interruptedTimer);
      await sweepTimer.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

/** STORE=sqlite (default): one file in DATA_DIR; STORE=azure: shared Azure tables (managed identity or a key). */
function createConfiguredStore(config: AppConfig, clock: Clock, logger: Logger): Store {
  if (config.store !== 'azure') return createSqliteStore({ dataDir: config.dataDir, clock });
  const { azureStorageAccountUrl: accountUrl, azureStorageConnectionString: connectionString } = config;
  if (!accountUrl && !connectionString)
    throw new Error('STORE=azure needs AZURE_STORAGE_ACCOUNT_URL or AZURE_STORAGE_CONNECTION_STRING.');
  const store = createAzureTableStore({ ...(accountUrl ? { accountUrl } : { connectionString }), clock });
  logger.info('store.azure', { endpoint: store.endpoint, tables: store.tableNames.join(',') });
  return store;
}
