import type { Logger } from '../log/logger';

export interface SweepTimer {
  start(): void;
  /** Stops the timer and waits for a sweep in progress, so the store can be closed after. */
  stop(): Promise<void>;
}

export interface SweepTimerOptions {
  readonly run: () => Promise<unknown>;
  /** REMINDER_SWEEP_INTERVAL. */
  readonly intervalMs: number;
  /** First run after start; default min(interval, 30 s), so a restart catches up soon. */
  readonly firstDelayMs?: number;
  readonly logger: Logger;
}

/**
 * Runs the sweep every interval. The next run is scheduled when the previous one ends, so
 * runs never overlap however slow one is; timers are unref'd so they never keep a process alive.
 */
export function createSweepTimer(options: SweepTimerOptions): SweepTimer {
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | undefined;
  let stopped = true;

  const schedule = (delayMs: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      current = options
        .run()
        .catch((error: unknown) => options.logger.error('reminder.sweep_failed', { error }))
        .finally(() => {
          current = undefined;
          schedule(options.intervalMs);
        });
    }, delayMs);
    timer.unref();
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(options.firstDelayMs ?? Math.min(options.intervalMs, 30_000));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current;
    },
  };
}
