import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from '../log/logger';
import { budgetedConnectorFactory } from './budgetedConnectorFactory';
import { dropRepliesPastBudget } from './dropRepliesPastBudget';

/** What the processor needs from the adapter (EdgeTeamsAdapter in the runtime). */
export interface TurnAdapter {
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult>;
  runAuthenticated(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined>;
}

export interface ActivityProcessorDeps {
  readonly adapter: TurnAdapter;
  readonly serviceUrlAllowed: (serviceUrl: string | undefined) => boolean;
  readonly logger: Logger;
  /** How long replies of one turn may keep retrying, from the request's arrival. */
  readonly replyBudgetMs: number;
  readonly now?: () => number;
}

export type ProcessActivity = (
  req: restify.Request,
  res: restify.Response,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<void>;

/** What botbuilder's own request handler does to the timestamps before a turn. */
function withDates(body: Record<string, unknown>): Activity {
  for (const key of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const value = body[key];
    if (typeof value === 'string') {
      body[`raw${key[0]?.toUpperCase()}${key.slice(1)}`] = value;
      body[key] = new Date(value);
    }
  }
  return body as unknown as Activity;
}

/**
 * Runs one /api/messages request after the envelope check: authenticate (any failure is a
 * 401 with a generic body), refuse a serviceUrl the policy does not allow (403, before the
 * turn: replies would carry the bot's token there), then run the turn with a reply budget
 * and answer with the invoke response. Replaces TeamsAdapter.process, which answered token
 * errors with 500 and the library's message, and let the connector client wait out any
 * Retry-After while Teams' request was held.
 */
export function createActivityProcessor(deps: ActivityProcessorDeps): ProcessActivity {
  const now = deps.now ?? Date.now;
  return async (req, res, logic) => {
    const started = now();
    const activity = withDates(req.body as Record<string, unknown>);
    const header = req.headers.authorization;
    let auth: AuthenticateRequestResult;
    try {
      auth = await deps.adapter.authenticate(activity, typeof header === 'string' ? header : '');
    } catch (error) {
      deps.logger.warn('http.auth_refused', { reason: error instanceof Error ? error.name : 'unknown' });
      res.send(401, { error: 'Unauthorized.' });
      return;
    }
    if (!deps.serviceUrlAllowed(activity.serviceUrl)) {
      deps.logger.warn('http.service_url_refused', { serviceUrl: activity.serviceUrl.slice(0, 200) });
      res.send(403, { error: "The activity's serviceUrl is not an allowed Bot Connector host." });
      return;
    }
    if (!auth.connectorFactory) throw new Error('Authentication gave no connector factory.');
    const turn = { deadline: started + deps.replyBudgetMs, now };
    const budgeted = { ...auth, connectorFactory: budgetedConnectorFactory(auth.connectorFactory, turn) };
    const invoke = await deps.adapter.runAuthenticated(budgeted, activity, async (context) => {
      dropRepliesPastBudget(context, deps.logger);
      await logic(context);
    });
    // An invoke no route handles: botbuilder answers 501, but it is the caller's request that is
    // wrong. Card actions always have a route, so a 501 there is a failed handler and stays 501.
    if (activity.type === 'invoke' && activity.name !== 'adaptiveCard/action' && invoke?.status === 501) {
      res.send(400, { error: 'This bot does not handle that invoke.' });
      return;
    }
    const status = invoke?.status ?? 200;
    if (invoke?.body !== undefined) res.send(status, invoke.body);
    else res.send(status);
  };
}
