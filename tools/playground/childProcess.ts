import { spawn, type ChildProcess } from 'child_process';

/**
 * A child process started in its own process group, so stopping it also stops anything it
 * spawned (tools like the Agents Playground may start helpers). Output is kept (last 64 kB)
 * for failure messages.
 */
export interface ChildHandle {
  readonly name: string;
  readonly pid: number;
  /** Recent stdout + stderr, for diagnostics. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output, or rejects on exit/timeout. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once the child is gone. */
  stop(graceMs?: number): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers: SIGKILL to the group. */
  killNow(): void;
}

export interface SpawnOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Also copy the child's output to this stream (e.g. process.stdout for a runner). */
  readonly echo?: NodeJS.WritableStream;
}

const MAX_OUTPUT = 64 * 1024;

/** Starts `command` with `args` (no shell) in a new process group. */
export function spawnGroup(
  name: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ChildHandle {
  const child: ChildProcess = spawn(command, [...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const pid = child.pid;
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT);
    options.echo?.write(chunk);
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitCode = code;
      for (const listener of listeners) listener();
      resolve(code);
    });
    child.once('error', () => {
      exitCode = null;
      resolve(null);
    });
  });

  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  };

  return {
    name,
    pid,
    output: () => output,
    exited,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = output.match(pattern);
          if (match) return finish(() => resolve(match));
          if (exitCode !== undefined) {
            finish(() =>
              reject(
                new Error(
                  `${name} exited (code ${String(exitCode)}) before printing ${pattern}:\n${output.slice(-4000)}`,
                ),
              ),
            );
          }
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${output.slice(-4000)}`)),
            ),
          timeoutMs,
        );
        const finish = (settle: () => void): void => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(graceMs = 5000) {
      if (exitCode !== undefined) return;
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      signalGroup('SIGKILL');
    },
    killNow() {
      signalGroup('SIGKILL');
    },
  };
}
