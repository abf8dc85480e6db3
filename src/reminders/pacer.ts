import type { Clock } from '../time/clock';

/**
 * Paces proactive sends under Teams' limits. Each lane (a conversation, a tenant) holds token
 * buckets whose tokens come back exactly one window after they were spent, i.e. a sliding
 * window: "at most 7 in any 1 s" holds for every 1-second interval, which a classic refilling
 * bucket cannot promise (it allows a full burst plus the refill within one window).
 */

export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Teams' limits per bot per conversation: 7 in 1 s, 8 in 2 s, 60 in 30 s, 1800 in 1 h
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit).
 */
export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/** Per app per tenant: about 50 requests per second; kept a little under. */
export const TEAMS_TENANT_WINDOWS: readonly RateWindow[] = [{ limit: 45, windowMs: 1_000 }];

export interface Lane {
  readonly key: string;
  readonly windows: readonly RateWindow[];
}

export interface Pacer {
  /**
   * Waits until a send is allowed in every lane, then spends one token in each. Call the
   * returned function when the send has finished: the token then counts from that moment,
   * because the request reached Teams somewhere between start and finish and only the later
   * time keeps the limit safe however long the request took.
   */
  acquire(lanes: readonly Lane[]): Promise<() => void>;
}

export interface PacerOptions {
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  /**
   * Added to every window: network latency can bunch sends up on arrival, so spacing them by
   * exactly the window would let Teams count one too many.
   */
  readonly marginMs?: number;
}

export function createPacer(options: PacerOptions): Pacer {
  const margin = options.marginMs ?? 100;
  /** Spent tokens per lane; `at` undefined while the send is still in flight (it counts as "now"). */
  const spent = new Map<string, Array<{ at?: number }>>();

  /** How long until one more send fits in this lane (0 = now). */
  function waitFor(lane: Lane, now: number): number {
    const longest = Math.max(...lane.windows.map((w) => w.windowMs + margin));
    const tokens = (spent.get(lane.key) ?? []).filter((t) => t.at === undefined || t.at > now - longest);
    if (tokens.length === 0) spent.delete(lane.key);
    else spent.set(lane.key, tokens);
    const times = tokens.map((t) => t.at ?? now).sort((a, b) => a - b);
    let wait = 0;
    for (const w of lane.windows) {
      const span = w.windowMs + margin;
      const inWindow = times.filter((t) => t > now - span);
      if (inWindow.length >= w.limit) {
        const oldestToExpire = inWindow[inWindow.length - w.limit] ?? now;
        wait = Math.max(wait, oldestToExpire + span - now);
      }
    }
    return wait;
  }

  return {
    async acquire(lanes) {
      for (;;) {
        const now = options.clock.now().getTime();
        const wait = Math.max(0, ...lanes.map((lane) => waitFor(lane, now)));
        if (wait <= 0) {
          // No await between the check and the spend: concurrent callers cannot both pass.
          const token: { at?: number } = {};
          for (const lane of lanes) spent.set(lane.key, [...(spent.get(lane.key) ?? []), token]);
          return () => {
            token.at ??= options.clock.now().getTime();
          };
        }
        await options.sleep(wait);
      }
    },
  };
}
