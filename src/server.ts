import restify from 'restify';
import type { TurnContext } from 'botbuilder';
import type { Logger } from './log/logger';
import type { CallbackPage } from './bot/consentCallback';
import { CONSENT_CALLBACK_PATH } from './bot/routes';
import { checkActivityEnvelope } from './edge/activityEnvelope';
import { randomBytes } from 'node:crypto';
import type { FixPage } from './repair/fixRequest';
import { FIX_CALLBACK_PATH, FIX_START_PATH, type FixRouteAnswer, type FixRoutes } from './signin/fixRoutes';
import { REVEAL_PATH, type RevealRoutes } from './signin/revealRoutes';

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
  /** The one-time page of a new client secret; absent when no admin sign-in app is configured. */
  readonly revealRoutes?: Pick<RevealRoutes, 'show' | 'open'>;
  /** Facts for /healthz; `ok: false` answers 503 so a load balancer stops routing here. */
  readonly health: () => Promise<{ ok: boolean } & Record<string, unknown>>;
  readonly logger: Logger;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The secret block of a reveal page: the value, a copy button and where it goes. */
function secretHtml(p: FixPage, nonce: string): string {
  if (!p.secret) return '';
  const s = p.secret;
  return `<label for="secret">Client secret value</label>
<div class="row"><input id="secret" readonly spellcheck="false" autocomplete="off" value="${escapeHtml(s.value)}"><button id="copy" type="button">Copy</button></div>
<p id="copied" role="status"></p>
<dl><dt>Directory (tenant) ID</dt><dd>${escapeHtml(s.tenantId)}</dd><dt>Application (client) ID</dt><dd>${escapeHtml(s.clientId)}</dd>${s.expiresOn ? `<dt>Secret expires</dt><dd>${escapeHtml(s.expiresOn.slice(0, 10))}</dd>` : ''}</dl>
<p>Paste the three values into your product's <b>Office 365 connector</b> settings (Client ID, Tenant ID, Client secret) and save. Then go back to Teams.</p>
<script nonce="${nonce}">document.getElementById('copy').addEventListener('click',function(){var i=document.getElementById('secret');i.select();navigator.clipboard.writeText(i.value).then(function(){document.getElementById('copied').textContent='Copied.';},function(){document.getElementById('copied').textContent='Select the value and copy it with Ctrl+C.';});});</script>`;
}

function confirmHtml(p: FixPage): string {
  if (!p.confirm) return '';
  return `<form method="post" action="${escapeHtml(p.confirm.action)}"><input type="hidden" name="id" value="${escapeHtml(p.confirm.token)}"><button type="submit">${escapeHtml(p.confirm.label)}</button></form>`;
}

function page(p: CallbackPage | FixPage, nonce = ''): string {
  const extra = 'secret' in p || 'confirm' in p ? `${confirmHtml(p)}${secretHtml(p, nonce)}` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(p.title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font-family:Segoe UI,system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#242424}h1{font-size:1.4rem}.row{display:flex;gap:.5rem}input{flex:1;font:1rem ui-monospace,Consolas,monospace;padding:.4rem}button{font:inherit;padding:.4rem 1rem;background:#5b5fc7;color:#fff;border:0;border-radius:4px;cursor:pointer}dt{font-weight:600;margin-top:.5rem}dd{margin:0;font-family:ui-monospace,Consolas,monospace}</style>
</head><body><h1>${escapeHtml(p.title)}</h1><p>${escapeHtml(p.message)}</p>${extra}<p><small>Connector Consent Bot</small></p></body></html>`;
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

  const sendPage = (res: restify.Response, result: CallbackPage | FixPage, setCookie?: string): void => {
    const nonce = randomBytes(16).toString('base64');
    const body = page(result, nonce);
    res.writeHead(result.status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      // The address carries a single-use state (or code): no other site learns it.
      'Referrer-Policy': 'no-referrer',
      // Only this page's own script and style; forms post only here; no framing.
      'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
      'X-Content-Type-Options': 'nosniff',
      ...(setCookie ? { 'Set-Cookie': setCookie } : {}),
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  };

  const sendAnswer = (res: restify.Response, answer: FixRouteAnswer, redirectStatus = 302): void => {
    if (answer.kind === 'redirect') {
      res.writeHead(redirectStatus, {
        Location: answer.location,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      });
      res.end();
    } else sendPage(res, answer.page, answer.setCookie);
  };

  const failedPage: FixRouteAnswer = {
    kind: 'page',
    page: {
      status: 500,
      title: 'Something went wrong',
      message: 'Nothing more can be done from this page. Go back to Teams and select Retest on the status card.',
    },
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
        answer = failedPage;
      }
      sendAnswer(res, answer);
    });
  fixRoute(FIX_START_PATH, (routes) => (query) => routes.start(query));
  fixRoute(FIX_CALLBACK_PATH, (routes) => (query) => routes.callback(query));

  const revealRoute =
    (run: (routes: Pick<RevealRoutes, 'show' | 'open'>, req: restify.Request) => Promise<FixRouteAnswer>) =>
    async (req: restify.Request, res: restify.Response) => {
      if (!deps.revealRoutes) {
        sendPage(res, {
          status: 404,
          title: 'Not set up here',
          message: 'This bot has no admin sign-in app configured.',
        });
        return;
      }
      let answer: FixRouteAnswer;
      try {
        answer = await run(deps.revealRoutes, req);
      } catch (error) {
        deps.logger.error('reveal.route_failed', { errorName: error instanceof Error ? error.name : typeof error });
        answer = failedPage;
      }
      // 303: the browser follows the POST's redirect to the sign-in with a GET.
      sendAnswer(res, answer, 303);
    };
  server.get(
    REVEAL_PATH,
    revealRoute((routes, req) => routes.show((req.query ?? {}) as Record<string, unknown>)),
  );
  server.post(
    REVEAL_PATH,
    revealRoute((routes, req) => routes.open(req.body, req.headers.cookie)),
  );

  server.get('/healthz', async (_req, res) => {
    const { ok, ...facts } = await deps.health();
    res.send(ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', ...facts });
  });

  return server;
}
