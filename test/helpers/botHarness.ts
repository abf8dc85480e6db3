import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createRuntime, type Runtime, type RuntimeOverrides } from '../../src/runtime';
import {
  startConnectorDouble,
  type ConnectorCall,
  type ConnectorDouble,
} from '../../tools/connector-double/connectorDouble';
import { startSandboxTenant, type SandboxTenant } from '../../tools/sandbox-tenant/sandboxTenant';
import { actionExecuteActivity, installActivity, messageActivity, type TestConversation } from './teamsActivities';

export interface CardLike {
  readonly type?: string;
  readonly body?: unknown[];
  readonly actions?: unknown[];
  readonly [key: string]: unknown;
}

/** What one turn produced: the HTTP answer and what the bot sent to the connector meanwhile. */
export interface TurnOutcome {
  readonly status: number;
  readonly body: unknown;
  readonly sent: readonly ConnectorCall[];
}

export interface BotHarness {
  readonly sandbox: SandboxTenant;
  readonly connector: ConnectorDouble;
  readonly runtime: Runtime;
  readonly dataDir: string;
  readonly url: string;
  send(conv: TestConversation, text: string): Promise<TurnOutcome>;
  click(conv: TestConversation, verb: string, data: Record<string, unknown>, replyToId?: string): Promise<TurnOutcome>;
  install(conv: TestConversation): Promise<TurnOutcome>;
  post(activity: Record<string, unknown>): Promise<TurnOutcome>;
  /** Starts a new runtime on the same DATA_DIR (restart test), with `overrides` on top of the first's. */
  restart(overrides?: RuntimeOverrides): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  readonly env?: Record<string, string>;
  readonly overrides?: RuntimeOverrides;
  readonly sandbox?: SandboxTenant;
}

/**
 * The real bot (teams-ai Application, TeamsAdapter, restify) on port 0 in local mode, its
 * replies captured by a Bot Connector double, checking credentials against the sandbox tenant.
 */
export async function startBotHarness(options: HarnessOptions = {}): Promise<BotHarness> {
  const sandbox = options.sandbox ?? (await startSandboxTenant());
  const connector = await startConnectorDouble();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ccb-bot-'));
  const env = {
    BOT_ID: '',
    DATA_DIR: dataDir,
    AUTHORITY_HOST: sandbox.authorityHost,
    GRAPH_ENDPOINT: sandbox.graphEndpoint,
    LOG_LEVEL: 'error',
    ...options.env,
  };
  const make = (more: RuntimeOverrides = {}): Runtime =>
    createRuntime(loadConfig(env), {
      logSink: () => undefined,
      followUpDelaysMs: [30, 60, 120],
      ...options.overrides,
      ...more,
    });
  let runtime = make();
  let port = await runtime.listen(0, '127.0.0.1');

  const post = async (activity: Record<string, unknown>): Promise<TurnOutcome> => {
    const before = connector.calls().length;
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body, sent: connector.calls().slice(before) };
  };

  const harness: BotHarness = {
    sandbox,
    connector,
    get runtime() {
      return runtime;
    },
    dataDir,
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    post,
    send: (conv, text) => post(messageActivity(conv, connector.serviceUrl, text)),
    click: (conv, verb, data, replyToId) =>
      post(actionExecuteActivity(conv, connector.serviceUrl, verb, { verb, ...data }, replyToId)),
    install: (conv) => post(installActivity(conv, connector.serviceUrl)),
    async restart(overrides) {
      await runtime.stop();
      runtime = make(overrides);
      port = await runtime.listen(0, '127.0.0.1');
    },
    async stop() {
      try {
        await runtime.stop();
      } finally {
        await connector.stop();
        if (!options.sandbox) await sandbox.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
  return harness;
}

/** Adaptive Cards carried by the activities of a turn, in order. */
export function cardsIn(calls: readonly ConnectorCall[]): CardLike[] {
  const cards: CardLike[] = [];
  for (const call of calls) {
    const attachments = (call.activity?.attachments ?? []) as Array<{ contentType?: string; content?: CardLike }>;
    for (const a of attachments)
      if (a.contentType === 'application/vnd.microsoft.card.adaptive' && a.content) cards.push(a.content);
  }
  return cards;
}

/** Plain texts of the message activities of a turn. */
export function textsIn(calls: readonly ConnectorCall[]): string[] {
  return calls
    .filter((c) => c.activity?.type === 'message' && typeof c.activity.text === 'string')
    .map((c) => String(c.activity?.text));
}

/** The card an Action.Execute answered with (invoke response body). */
export function invokeCard(outcome: TurnOutcome): CardLike | undefined {
  const body = outcome.body as { type?: string; value?: unknown } | undefined;
  return body?.type === 'application/vnd.microsoft.card.adaptive' ? (body.value as CardLike) : undefined;
}

/** Every text in a card (TextBlocks, FactSet facts, action titles...), for content assertions. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (
          typeof v === 'string' &&
          ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage', 'url'].includes(k)
        )
          parts.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return parts.join('\n');
}
