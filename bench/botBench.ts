import { cpus } from 'node:os';
import type { BenchSection } from './benchSection';
import { IDLE_SETTLE_MS, measureBotBench, type BotBenchPlan, type BotMeasurements } from './botBenchRuns';
import { median, summarizeLatencies, throughputPerSecond } from './latencyStats';
import { measureTurnParts } from './turnParts';

/**
 * Issue 3's performance section: throughput and p50/p99 latency of a `help` turn through
 * POST /api/messages under concurrent load, against a bare teams-ai echo bot on the same
 * stack in the same run. Target: at least 80% of the echo bot's throughput. RSS at idle and
 * start-up time are reported.
 */

export interface BotBenchOptions extends Partial<BotBenchPlan> {
  /** A smoke run: one short round per bot. Explicit plan fields still win. */
  readonly quick?: boolean;
  /** Calls per part in the turn breakdown; default 3000 (300 quick). */
  readonly partIterations?: number;
}

/** Throughput of the real bot as a share of the echo bot's, required by issue 3. */
export const THROUGHPUT_TARGET = 0.8;

const FULL: BotBenchPlan = {
  concurrency: 20,
  requestsPerRound: 500,
  rounds: 8,
  warmupRequests: 200,
  roundTimeLimitMs: 60_000,
  starts: 3,
};
const QUICK: BotBenchPlan = {
  concurrency: 20,
  requestsPerRound: 200,
  rounds: 2,
  warmupRequests: 40,
  roundTimeLimitMs: 20_000,
  starts: 1,
};

const mb = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;
const IDLE_NOTE = `idle = ${IDLE_SETTLE_MS / 1000} s after the first healthy /healthz and before any turn; after load = at the end of the last round`;
const r1 = (n: number): number => Math.round(n * 10) / 10;
const ratio = (real: number, echo: number): number => (echo > 0 ? Math.round((real / echo) * 100) / 100 : Number.NaN);

interface Totals {
  ok: number;
  failed: number;
  throughput: number;
  p50: number;
  p99: number;
  roundRange: string;
  timedOut: boolean;
  firstFailure?: string;
}

function totals(m: BotMeasurements): Totals {
  const ok = m.rounds.reduce((n, r) => n + r.ok, 0);
  const durationMs = m.rounds.reduce((n, r) => n + r.durationMs, 0);
  const perRound = m.rounds.map((r) => throughputPerSecond(r.ok, r.durationMs));
  const latency = summarizeLatencies(m.rounds.flatMap((r) => r.latenciesMs));
  return {
    ok,
    failed: m.rounds.reduce((n, r) => n + r.failed, 0),
    throughput: throughputPerSecond(ok, durationMs),
    p50: latency.p50,
    p99: latency.p99,
    roundRange: `${Math.round(Math.min(...perRound))}-${Math.round(Math.max(...perRound))}`,
    timedOut: m.rounds.some((r) => r.timedOut),
    firstFailure: m.rounds.find((r) => r.firstFailure)?.firstFailure,
  };
}

/** Runs both bots in child processes and reports the comparison as one bench section. */
export async function runBotBench(options: BotBenchOptions = {}): Promise<BenchSection> {
  const { quick, partIterations, ...overrides } = options;
  const plan: BotBenchPlan = { ...(quick ? QUICK : FULL), ...overrides };
  const raw = await measureBotBench(plan);
  const parts = await measureTurnParts(partIterations ?? (quick ? 300 : 3000));
  const cpuPerTurn = (m: BotMeasurements, ok: number): number =>
    ok > 0 ? Math.round((m.cpuMicros / 1000 / ok) * 1000) / 1000 : Number.NaN;
  const echo = totals(raw.echo);
  const real = totals(raw.real);
  const share = ratio(real.throughput, echo.throughput);
  const row = (
    metric: string,
    e: number | string,
    c: number | string,
    target = 'reported',
    result = '-',
  ): Record<string, string | number> => ({
    metric,
    'echo bot': e,
    'consent bot': c,
    'consent / echo': typeof e === 'number' && typeof c === 'number' ? ratio(c, e) : '',
    target,
    result,
  });
  const paired = median(
    raw.real.rounds.map((r, i) => {
      const e = raw.echo.rounds[i];
      return e
        ? throughputPerSecond(r.ok, r.durationMs) / Math.max(throughputPerSecond(e.ok, e.durationMs), Number.EPSILON)
        : Number.NaN;
    }),
  );
  const startup = { echo: median(raw.echo.startupMs), real: median(raw.real.startupMs) };
  const notes = [
    `Load: ${plan.concurrency} concurrent keep-alive clients (closed loop) on 127.0.0.1, ${plan.requestsPerRound} \`help\` messages per round, ${plan.rounds} measured rounds per bot after ${plan.warmupRequests} warm-up turns, rounds alternating echo/consent so machine noise hits both.`,
    'Each turn is a personal-chat message with a fresh activity id; POST /api/messages answers once the turn has finished, i.e. after the reply reached the Bot Connector double (latency includes that send).',
    'Consent bot turn: access policy, activity id claim (one SQLite upsert), conversation reference kept (read from SQLite only when this process has not seen it stored recently), help card reply. Echo bot: one text reply from a bare teams-ai Application on TeamsAdapter + restify.',
    "CPU per turn = the bot process's own user + system CPU time over the measured rounds / turns answered: unlike turns/s, barely moved by other work on the machine.",
    `part rows: CPU microseconds per call of each fixed part of a consent-bot turn measured alone in the bench process (${partIterations ?? (quick ? 300 : 3000)} calls each, real modules, SQLite in a temp dir); "before" rows replay what every turn did until the turn gate. The rest of a turn (HTTP, Bot Framework, the reply's send) is the same work the echo bot does.`,
    'Both bots run in their own child processes (local mode, LOG_LEVEL=warn); the load generator and the Bot Connector double share the bench process.',
    `Start-up = spawn until the first 200 on GET /healthz, median of ${plan.starts}. RSS is the bot process's own process.memoryUsage().rss, ${IDLE_NOTE}.`,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}; other work on the machine shows up as spread between rounds.`,
  ];
  if (echo.failed + real.failed > 0)
    notes.push(
      `Failed turns: echo ${echo.failed}, consent ${real.failed} (first: ${real.firstFailure ?? echo.firstFailure ?? 'unknown'}).`,
    );
  if (echo.timedOut || real.timedOut)
    notes.push(`A round hit its ${plan.roundTimeLimitMs / 1000} s limit before sending all its requests.`);
  return {
    title: `Bot turn throughput: consent bot vs bare teams-ai echo bot (${plan.concurrency} concurrent clients)`,
    rows: [
      row(
        'throughput (turns/s)',
        r1(echo.throughput),
        r1(real.throughput),
        `>= ${THROUGHPUT_TARGET.toFixed(2)} x echo`,
        share >= THROUGHPUT_TARGET ? 'PASS' : 'MISS',
      ),
      {
        ...row('  per round, min-max', echo.roundRange, real.roundRange),
        'consent / echo': Math.round(paired * 100) / 100,
        target: 'median of paired rounds',
      },
      row('CPU per turn (ms)', cpuPerTurn(raw.echo, echo.ok), cpuPerTurn(raw.real, real.ok)),
      ...parts.map((part) => ({
        ...row(`  part (us CPU): ${part.name}`, '-', Math.round(part.cpuMs * 10_000) / 10),
        target: part.when,
      })),
      row('p50 latency (ms)', r1(echo.p50), r1(real.p50)),
      row('p99 latency (ms)', r1(echo.p99), r1(real.p99)),
      row('turns ok / failed', `${echo.ok} / ${echo.failed}`, `${real.ok} / ${real.failed}`),
      row('connector sends per turn', ratio(raw.echo.connectorSends, echo.ok), ratio(raw.real.connectorSends, real.ok)),
      row('start-up (ms)', Math.round(startup.echo), Math.round(startup.real)),
      row('RSS idle after start (MB)', mb(raw.echo.idleRss), mb(raw.real.idleRss)),
      row('RSS after load (MB)', mb(raw.echo.loadedRss), mb(raw.real.loadedRss)),
    ],
    notes,
  };
}
