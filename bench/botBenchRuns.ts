import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_KEYS } from '../src/config';
import { conversation, messageActivity } from '../test/helpers/teamsActivities';
import { startConnectorDouble } from '../tools/connector-double/connectorDouble';
import { startBotProcess, type BotProcess } from './botProcessClient';
import type { BotKind } from './botProcessProtocol';
import { runLoad, type LoadResult } from './loadGenerator';

/** How hard and how long the bot benchmark pushes each bot. */
export interface BotBenchPlan {
  readonly concurrency: number;
  readonly requestsPerRound: number;
  /** Measured rounds per bot; the order alternates (echo, real, real, echo, ...). */
  readonly rounds: number;
  readonly warmupRequests: number;
  readonly roundTimeLimitMs: number;
  /** Each bot is started this many times; the last start serves the load. */
  readonly starts: number;
}

/** Everything measured for one bot. */
export interface BotMeasurements {
  readonly rounds: LoadResult[];
  readonly startupMs: number[];
  /** RSS (bytes) at idle just after start, before any turn. */
  readonly idleRss: number;
  readonly loadedRss: number;
  /** Successful Bot Connector sends the bot made during the measured rounds. */
  readonly connectorSends: number;
  /** CPU time (user + system, microseconds) the bot process used during the measured rounds. */
  readonly cpuMicros: number;
}

export type BotBenchRaw = Record<BotKind, BotMeasurements>;

/** How long a bot sits after its first healthy /healthz before its idle RSS is read. */
export const IDLE_SETTLE_MS = 1000;

/** The real bot's environment: local mode, a temp DATA_DIR, quiet logs, no real Microsoft endpoint. */
function realBotEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of CONFIG_KEYS) delete env[k.key];
  return {
    ...env,
    BOT_ID: '',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PORT: '0',
    AUTHORITY_HOST: 'https://localhost:9',
    GRAPH_ENDPOINT: 'https://localhost:9',
  };
}

/**
 * Starts both bots in their own processes (several times, for start-up), reads their idle
 * RSS, warms them up, then drives `help` turns at each in alternating rounds so drift in the
 * machine's load (2 shared cores) hits both alike. Replies go to one Bot Connector double.
 */
export async function measureBotBench(plan: BotBenchPlan): Promise<BotBenchRaw> {
  const connector = await startConnectorDouble();
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-bench-'));
  const envFor = (kind: BotKind): NodeJS.ProcessEnv => (kind === 'real' ? realBotEnv(dataDir) : { ...process.env });
  const conversations = Array.from({ length: plan.concurrency }, () => conversation());
  const body = (client: number): unknown =>
    messageActivity(conversations[client] ?? conversations[0] ?? conversation(), connector.serviceUrl, 'help');
  const kinds: BotKind[] = ['echo', 'real'];
  const bots: Partial<Record<BotKind, BotProcess>> = {};
  const startupMs: Record<BotKind, number[]> = { echo: [], real: [] };
  try {
    for (let i = 0; i < plan.starts; i += 1) {
      for (const kind of kinds) {
        const bot = await startBotProcess(kind, envFor(kind));
        startupMs[kind].push(bot.startupMs);
        if (i < plan.starts - 1) await bot.stop();
        else bots[kind] = bot;
      }
    }
    const running = (kind: BotKind): BotProcess => {
      const bot = bots[kind];
      if (!bot) throw new Error(`the ${kind} bot is not running`);
      return bot;
    };
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    const idleRss: Record<BotKind, number> = {
      echo: (await running('echo').memory()).rss,
      real: (await running('real').memory()).rss,
    };

    const round = async (kind: BotKind, requests: number): Promise<{ result: LoadResult; sends: number }> => {
      connector.clear();
      const result = await runLoad({
        url: `${running(kind).url}/api/messages`,
        concurrency: plan.concurrency,
        requests,
        timeLimitMs: plan.roundTimeLimitMs,
        body,
      });
      const sends = connector.calls().filter((c) => c.status < 300 && (c.kind === 'reply' || c.kind === 'send')).length;
      connector.clear();
      return { result, sends };
    };
    for (const kind of kinds) {
      const warm = await round(kind, plan.warmupRequests);
      if (warm.result.ok === 0)
        throw new Error(`the ${kind} bot answered no warm-up turn (${warm.result.firstFailure ?? 'no answer'})`);
    }
    const cpuBefore: Record<BotKind, number> = {
      echo: (await running('echo').memory()).cpuMicros,
      real: (await running('real').memory()).cpuMicros,
    };
    const rounds: Record<BotKind, LoadResult[]> = { echo: [], real: [] };
    const sends: Record<BotKind, number> = { echo: 0, real: 0 };
    for (let r = 0; r < plan.rounds; r += 1) {
      const order: BotKind[] = r % 2 === 0 ? ['echo', 'real'] : ['real', 'echo'];
      for (const kind of order) {
        const { result, sends: n } = await round(kind, plan.requestsPerRound);
        rounds[kind].push(result);
        sends[kind] += n;
      }
    }
    const after = { echo: await running('echo').memory(), real: await running('real').memory() };
    const of = (kind: BotKind): BotMeasurements => ({
      rounds: rounds[kind],
      startupMs: startupMs[kind],
      idleRss: idleRss[kind],
      loadedRss: after[kind].rss,
      connectorSends: sends[kind],
      cpuMicros: after[kind].cpuMicros - cpuBefore[kind],
    });
    return { echo: of('echo'), real: of('real') };
  } finally {
    for (const kind of kinds) await bots[kind]?.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
