import { loadConfig, summarizeConfig } from './config';
import { ConfigError } from './configError';
import { createRuntime } from './runtime';

/** Starts the bot from the environment; stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const runtime = createRuntime(config);
  const port = await runtime.listen(config.port);
  runtime.logger.info('bot.started', { ...summarizeConfig(config), port, sealingKeyId: runtime.sealingKeyId });
  if (config.localMode) {
    runtime.logger.warn('bot.local_mode', {
      note: 'BOT_ID is empty: Bot Framework authentication is OFF and loopback service URLs are allowed. For local tools only, never in production.',
    });
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info('bot.stopping', { signal });
    runtime.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Connector Consent Bot could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
