import { startSandboxTenant } from '../../tools/sandbox-tenant/sandboxTenant';
import { startBotHarness, type BotHarness, type HarnessOptions } from './botHarness';
import { demoAndScenarios } from './sandboxFixtures';

/**
 * The usual world of a bot test file: a sandbox tenant with the demo and scenario apps and one
 * real bot aimed at it, started before the file's tests and stopped after them. Returns a getter
 * (the bot exists only once `beforeAll` ran).
 */
export function botWithSandbox(options: Omit<HarnessOptions, 'sandbox'> = {}): () => BotHarness {
  let bot: BotHarness | undefined;
  beforeAll(async () => {
    const sandbox = await startSandboxTenant({ fixture: demoAndScenarios() });
    try {
      bot = await startBotHarness({ ...options, sandbox });
    } catch (error) {
      await sandbox.stop();
      throw error;
    }
  });
  afterAll(async () => {
    if (!bot) return;
    await bot.stop();
    await bot.sandbox.stop();
  });
  return () => {
    if (!bot) throw new Error('the bot is not started: call botWithSandbox() at the top of a test file');
    return bot;
  };
}
