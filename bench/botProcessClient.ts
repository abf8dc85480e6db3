import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isChildMessage, type BotKind, type ParentMessage } from './botProcessProtocol';

/** What a bot process reports about itself: memory, and CPU time used since it started. */
export interface ChildStats {
  readonly rss: number;
  readonly heapUsed: number;
  readonly cpuMicros: number;
}

/** A bot serving in its own child process, as the bot benchmark sees it. */
export interface BotProcess {
  readonly kind: BotKind;
  readonly port: number;
  readonly url: string;
  /** Spawn until the first 200 on GET /healthz (process start, module loading, wiring, listen). */
  readonly startupMs: number;
  /** The child's own process.memoryUsage() and CPU time used so far, right now. */
  memory(): Promise<ChildStats>;
  stop(): Promise<void>;
}

const TAIL_CHARS = 2000;

/**
 * Spawns `node lib/bench/botProcess.js --kind <kind>` with `env`, waits for its port over IPC
 * and its first healthy /healthz. The child's stdout/stderr are kept (last 2 kB) only to
 * explain a failed start; nothing reaches the bench's own output.
 */
export async function startBotProcess(kind: BotKind, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<BotProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(__dirname, 'botProcess.js'), '--kind', kind], {
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const fail = (reason: string): Error =>
    new Error(`the ${kind} bot process ${reason}${tail.trim() ? `; its output ended with:\n${tail.trim()}` : ''}`);

  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(fail(`did not listen within ${timeoutMs} ms`)), timeoutMs);
      const settle = (outcome: { port: number } | Error): void => {
        clearTimeout(timer);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome.port);
      };
      child.on('message', (message: unknown) => {
        if (!isChildMessage(message)) return;
        if (message.type === 'listening') settle({ port: message.port });
        else if (message.type === 'failed') settle(fail(`failed to start: ${message.message}`));
      });
      child.once('error', (error) => settle(fail(`could not be spawned: ${error.message}`)));
      child.once('exit', (code) => settle(fail(`exited with ${code} before listening`)));
    });
    const url = `http://127.0.0.1:${port}`;
    await waitHealthy(url, started + timeoutMs);
    const startupMs = performance.now() - started;
    child.removeAllListeners('exit');
    return {
      kind,
      port,
      url,
      startupMs,
      memory: () => askMemory(child, kind),
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

async function waitHealthy(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      /* not answering yet */
    }
    if (performance.now() > deadline) throw new Error(`${url}/healthz never answered 200`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function askMemory(child: ChildProcess, kind: BotKind): Promise<ChildStats> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`the ${kind} bot process did not report its memory`));
    }, 5000);
    const onMessage = (message: unknown): void => {
      if (!isChildMessage(message) || message.type !== 'memory') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve({ rss: message.rss, heapUsed: message.heapUsed, cpuMicros: message.cpuMicros });
    };
    child.on('message', onMessage);
    send(child, { type: 'memory' });
  });
}

function send(child: ChildProcess, message: ParentMessage): void {
  if (child.connected) child.send(message);
}

/** Asks the child to stop, then SIGKILLs it (by its own pid) if it has not exited in 5 s. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    send(child, { type: 'stop' });
    if (!child.connected) child.kill('SIGTERM');
  });
}
