/**
 * The reminder schedule for one secret as seen by one subscription: pure, clock-free (the
 * caller passes `now`), and computed on UTC instants only, so daylight-saving changes, leap
 * years and the reader's time zone never move a reminder. Time zones matter only when a date
 * is shown to a person (cards do that).
 */

import { DAY_MS, daysLeft as daysLeftOf } from '../time/daysLeft';

export { DAY_MS };

/** One moment of a secret's reminder series. */
export type ReminderStep =
  | { readonly kind: 'threshold'; readonly days: number }
  | { readonly kind: 'expired' }
  /** "Snooze 1 day" ended: the current reminder is shown again, once. */
  | { readonly kind: 'snooze'; readonly until: string };

export interface ScheduleInput {
  /** REMINDER_DAYS, e.g. [30, 14, 7, 3, 1, 0]; order and duplicates do not matter. */
  readonly thresholdDays: readonly number[];
  readonly expiresAt: Date;
  readonly now: Date;
  /** Step ids (stepId) already sent, or claimed, for this secret and subscription. */
  readonly sentStepIds: readonly string[];
  /**
   * End of a "Snooze 1 day". The caller clears it once a send after its end succeeded, so a
   * threshold reached during the snooze and the snooze's own re-send never both go out.
   */
  readonly snoozedUntil?: Date;
  /** Stopped, or marked as rotated: nothing more for this secret. */
  readonly muted?: boolean;
}

export interface ScheduleDecision {
  /** The one reminder to send now, if any: never more than one, however long the sweep was down. */
  readonly due?: ReminderStep;
  /** src/time/daysLeft's figure: whole days left, rounded down, negative once expired. */
  readonly daysLeft: number;
  /** When this series may next need a send (for the sweep's index); undefined = never again. */
  readonly nextAt?: Date;
}

/** Stable ledger id of a step: `d7`, `expired`, `snooze:<ISO end of snooze>`. */
export function stepId(step: ReminderStep): string {
  if (step.kind === 'threshold') return `d${step.days}`;
  if (step.kind === 'expired') return 'expired';
  return `snooze:${step.until}`;
}

interface TimedStep {
  readonly step: ReminderStep;
  /** Higher is more urgent: a threshold of d days ranks -d, expired ranks 1. */
  readonly rank: number;
  /** First instant at which the step is reached. */
  readonly dueMs: number;
}

/** Urgency of a sent step id; undefined for snoozes and unknown ids. */
function rankOfId(id: string): number | undefined {
  if (id === 'expired') return 1;
  const match = /^d(\d+)$/.exec(id);
  return match ? -Number(match[1]) : undefined;
}

function timedSteps(thresholdDays: readonly number[], endMs: number): TimedStep[] {
  const days = [...new Set(thresholdDays.filter((d) => Number.isInteger(d) && d >= 0))];
  // Threshold d is reached when fewer than d+1 whole days are left (daysLeft <= d).
  const steps: TimedStep[] = days.map((d) => ({
    step: { kind: 'threshold', days: d },
    rank: -d,
    dueMs: endMs - (d + 1) * DAY_MS + 1,
  }));
  steps.push({ step: { kind: 'expired' }, rank: 1, dueMs: endMs });
  return steps;
}

/**
 * What to send now for one secret and one subscription. Rules: each step fires at most once
 * per secret; only the most urgent reached step is sent (after downtime, no flood of stale
 * ones); a step less urgent than one already sent never fires (a clock stepping back does
 * not repeat reminders); a snooze holds everything until it ends, then re-sends once.
 */
export function reminderDecision(input: ScheduleInput): ScheduleDecision {
  const nowMs = input.now.getTime();
  const endMs = input.expiresAt.getTime();
  const daysLeft = daysLeftOf(input.expiresAt, input.now);
  if (input.muted || !Number.isFinite(endMs) || !Number.isFinite(nowMs)) return { daysLeft };

  const steps = timedSteps(input.thresholdDays, endMs);
  const sentRanks = input.sentStepIds.map(rankOfId).filter((r): r is number => r !== undefined);
  const sentRank = sentRanks.length > 0 ? Math.max(...sentRanks) : -Infinity;
  const reached = steps.filter((s) => nowMs >= s.dueMs).sort((a, b) => b.rank - a.rank)[0];
  const floorRank = Math.max(reached?.rank ?? -Infinity, sentRank);
  const upcoming = steps.filter((s) => s.rank > floorRank).sort((a, b) => a.dueMs - b.dueMs)[0];
  const nextStepAt = upcoming ? new Date(upcoming.dueMs) : undefined;

  const snoozeMs = input.snoozedUntil?.getTime();
  if (snoozeMs !== undefined && Number.isFinite(snoozeMs) && nowMs < snoozeMs) {
    return { daysLeft, nextAt: new Date(snoozeMs) };
  }
  if (reached && reached.rank > sentRank) return { due: reached.step, daysLeft, nextAt: nextStepAt };
  if (snoozeMs !== undefined && Number.isFinite(snoozeMs) && sentRank > -Infinity) {
    const snooze: ReminderStep = { kind: 'snooze', until: new Date(snoozeMs).toISOString() };
    if (!input.sentStepIds.includes(stepId(snooze))) return { due: snooze, daysLeft, nextAt: nextStepAt };
  }
  return { daysLeft, nextAt: nextStepAt };
}
