import restify from 'restify';
import type { TurnContext } from 'botbuilder';
import type { Logger } from './log/logger';
import type { CallbackPage } from './bot/consentCallback';
import { CONSENT_CALLBACK_PATH } from './bot/routes';
import { checkActivityEnvelope } from './edge/activityEnvelope';
import { FIX_CALLBACK_PATH, FIX_START_PATH, type FixRouteAnswer, type FixRoutes } from './signin/fixRoutes';

/** What the HTTP layer needs; index.ts/runtime.ts wires the concrete parts. */
export interface ServerDeps {
  /** Runs one Bot Framework request (authenticate, serviceUrl policy, adapter + app.run). */
  readonly processActivity: (
    req: restify.Request,
    res: restify.Response,
    logic: (context: TurnContext) => Promise<void>,
  ) => Promise<void>;
  readonly runTurn: (context: TurnContext) => Promise<unknown>;
  readonly consentCallback: (query: Record<string, unknown>) => Promise<CallbackPage>;
  /** Fix it for me's sign-in start and callback; absent when no admin sign-in app is configured. */
  readonly fixRoutes?: Pick<FixRoutes, 'start' | 'callback'>;
  /** Facts for /healthz; `ok: false` answers 503 so a load balancer stops routing here. */
  readonly health: () => Promise<{ ok: boolean } & Record<string, unknown>>;
  readonly logger: Logger;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(p: CallbackPage): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(p.title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font-family:Segoe UI,system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#242424}h1{font-size:1.4rem}</style>
</head><body><h1>${escapeHtml(p.title)}</h1><p>${escapeHtml(p.message)}</p><p><small>Connector Consent Bot</small></p></body></html>`;
}

/** The restify routes: /api/messages, the consent callback, /healthz. No listen() here. */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'connector-consent-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const envelope = checkActivityEnvelope(req.body);
    if (!envelope.ok) {
      res.send(400, { error: envelope.error });
      return;
    }
    const started = Date.now();
    const activity = envelope.activity as { type: string; name?: unknown };
    try {
      await deps.processActivity(req, res, async (context) => {
        await deps.runTurn(context);
      });
    } catch (error) {
      deps.logger.error('http.messages_failed', { error });
      if (!res.headersSent) res.send(500, { error: 'The bot could not process this activity.' });
    } finally {
      deps.logger.info('http.activity', {
        type: activity.type.slice(0, 40),
        name: typeof activity.name === 'string' ? activity.name.slice(0, 60) : undefined,
        status: res.statusCode,
        durationMs: Date.now() - started,
      });
    }
  });

  const sendPage = (res: restify.Response, result: CallbackPage): void => {
    const body = page(result);
    res.writeHead(result.status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      // The address carries a single-use state (or code): no other site learns it.
      'Referrer-Policy': 'no-referrer',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  };

  server.get(CONSENT_CALLBACK_PATH, async (req, res) => {
    sendPage(res, await deps.consentCallback((req.query ?? {}) as Record<string, unknown>));
  });

  const fixRoute = (path: string, pick: (routes: Pick<FixRoutes, 'start' | 'callback'>) => FixRoutes['start']) =>
    server.get(path, async (req, res) => {
      if (!deps.fixRoutes) {
        sendPage(res, {
          status: 404,
          title: 'Fix it for me is not set up here',
          message: 'This bot has no admin sign-in app configured. Use Grant admin consent on the status card instead.',
        });
        return;
      }
      let answer: FixRouteAnswer;
      try {
        answer = await pick(deps.fixRoutes)((req.query ?? {}) as Record<string, unknown>);
      } catch (error) {
        deps.logger.error('fix.route_failed', { errorName: error instanceof Error ? error.name : typeof error });
        answer = {
          kind: 'page',
          page: {
            status: 500,
            title: 'Something went wrong',
            message: 'Nothing more can be done from this page. Go back to Teams and select Retest on the status card.',
          },
        };
      }
      if (answer.kind === 'redirect') {
        res.writeHead(302, {
          Location: answer.location,
          'Cache-Control': 'no-store',
          'Referrer-Policy': 'no-referrer',
        });
        res.end();
      } else sendPage(res, answer.page);
    });
  fixRoute(FIX_START_PATH, (routes) => (query) => routes.start(query));
  fixRoute(FIX_CALLBACK_PATH, (routes) => (query) => routes.callback(query));

  server.get('/healthz', async (_req, res) => {
    const { ok, ...facts } = await deps.health();
    res.send(ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', ...facts });
  });

  return server;
}
