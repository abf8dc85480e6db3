import { maskSecrets, redact } from './redact';
import { isRecord } from '../shared/isRecord';
import { systemClock, type Clock } from '../time/clock';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };
const RESERVED = new Set(['time', 'level', 'msg']);

/** True for the four level names (used by config validation). */
export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * Structured logging, one JSON object per line. Every message and field passes through
 * redact() first, so a secret handed to the logger by mistake never reaches the sink.
 */
export interface Logger {
  readonly level: LogLevel;
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` to every line (e.g. a request or registration id). */
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Receives each finished line without a newline; default writes to stdout. */
  readonly sink?: (line: string) => void;
  /** Fields on every line. */
  readonly base?: Record<string, unknown>;
  /** Timestamps come from here; default the wall clock. */
  readonly clock?: Clock;
}

/** Creates a Logger; lines below `level` (default info) are dropped before any work is done. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const sink = options.sink ?? ((line: string): void => void process.stdout.write(`${line}\n`));
  const clock = options.clock ?? systemClock;
  return build(level, sink, clock, options.base ?? {});
}

/** A logger that drops everything: for tests of other layers that take a Logger. */
export function createNullLogger(): Logger {
  const noop = (): void => undefined;
  const logger: Logger = { level: 'error', debug: noop, info: noop, warn: noop, error: noop, child: () => logger };
  return logger;
}

function build(level: LogLevel, sink: (line: string) => void, clock: Clock, base: Record<string, unknown>): Logger {
  const write = (eventLevel: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (RANK[eventLevel] < RANK[level]) return;
    try {
      sink(format(eventLevel, msg, { ...base, ...fields }, level === 'debug', clock));
    } catch {
      // Logging must never take the bot down; a broken sink loses the line, nothing else.
    }
  };
  return {
    level,
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (fields) => build(level, sink, clock, { ...base, ...fields }),
  };
}

function format(
  level: LogLevel,
  msg: string,
  fields: Record<string, unknown>,
  includeStack: boolean,
  clock: Clock,
): string {
  const line: Record<string, unknown> = { time: clock.now().toISOString(), level, msg: maskSecrets(String(msg)) };
  const clean = redact(fields, { includeStack });
  if (isRecord(clean)) {
    for (const [key, value] of Object.entries(clean)) {
      line[RESERVED.has(key) ? `field.${key}` : key] = value;
    }
  }
  return JSON.stringify(line);
}
