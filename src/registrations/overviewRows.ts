import type { StoredRegistration } from '../store/store';
import { daysLeft } from '../time/daysLeft';

/** Where one registration stands, in the words of its last check. */
export type OverviewState = 'Ready' | 'Action needed' | 'Check incomplete' | 'Check failed' | 'Not checked';

/** One line of the `overview` card. */
export interface OverviewRow {
  readonly id: string;
  readonly label: string;
  readonly state: OverviewState;
  /** The secret the bot checks with: its end, and whole days left (negative once expired). */
  readonly secretEndsAt?: string;
  readonly daysLeft?: number;
  /** The secret's end has passed (also within the last day, when daysLeft is still 0). */
  readonly expired: boolean;
  readonly lastCheckedAt?: string;
  /** 0 = most urgent. Expired or failing first, then soon expiring, then needing action. */
  readonly urgency: number;
}

function stateOf(reg: StoredRegistration): OverviewState {
  const result = reg.lastResult;
  if (!result) return 'Not checked';
  return result.kind === 'failure' ? 'Check failed' : result.verdict;
}

function urgencyOf(state: OverviewState, days: number | undefined, expired: boolean): number {
  if (expired) return 0;
  if (state === 'Check failed') return 1;
  if (days !== undefined && days <= 7) return 2;
  if (state === 'Action needed' || state === 'Check incomplete') return 3;
  if (days !== undefined && days <= 30) return 4;
  if (state === 'Not checked') return 5;
  return 6;
}

/**
 * Every registration of a user as one overview line, most urgent first: an expired secret or a
 * failing check, then secrets ending within a week, then consent to fix, then the rest by days
 * left (unknown expiry last), then by name.
 */
export function overviewRows(registrations: readonly StoredRegistration[], now: Date): OverviewRow[] {
  const rows = registrations.map((reg): OverviewRow => {
    const state = stateOf(reg);
    const end = reg.lastResult?.kind === 'report' ? reg.lastResult.secret.endDateTime : undefined;
    const endMs = end === undefined ? Number.NaN : Date.parse(end);
    const days = Number.isNaN(endMs) ? undefined : daysLeft(endMs, now);
    const expired = !Number.isNaN(endMs) && endMs <= now.getTime();
    return {
      id: reg.id,
      label: reg.label,
      state,
      ...(end !== undefined && days !== undefined ? { secretEndsAt: end, daysLeft: days } : {}),
      expired,
      ...(reg.lastCheckedAt ? { lastCheckedAt: reg.lastCheckedAt } : {}),
      urgency: urgencyOf(state, days, expired),
    };
  });
  return rows.sort(
    (a, b) =>
      a.urgency - b.urgency ||
      (a.daysLeft ?? Number.POSITIVE_INFINITY) - (b.daysLeft ?? Number.POSITIVE_INFINITY) ||
      a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }) ||
      (a.id < b.id ? -1 : 1),
  );
}
