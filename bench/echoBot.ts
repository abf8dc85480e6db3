import type { AddressInfo } from 'node:net';
import { ActivityTypes } from 'botbuilder';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import restify from 'restify';

/** The baseline of the bot benchmark: the same stack as the real bot with nothing on top. */
export interface EchoBot {
  readonly server: restify.Server;
  /** Listens on `port` (0 = any free port) and resolves the port actually bound. */
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A bare teams-ai echo bot: Application + TeamsAdapter in local mode (no Bot Framework
 * authentication) + restify with the same body parsing as src/server.ts. It answers every
 * message with one text reply through the Bot Connector, so the bot benchmark can show what
 * our handlers, store and cards cost on top of the framework.
 */
export function createEchoBot(): EchoBot {
  const adapter = new TeamsAdapter({
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppType: 'MultiTenant',
    MicrosoftAppTenantId: '',
  });
  const app = new Application<TurnState>({ adapter, startTypingTimer: false, removeRecipientMention: true });
  app.activity(ActivityTypes.Message, async (context) => {
    await context.sendActivity(`You said: ${(context.activity.text ?? '').trim()}`);
  });

  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await app.run(context);
    });
  });
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.server.address() as AddressInfo).port));
      }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
