/** The lifetimes offered for a new client secret, in months (Entra ID recommends under 12). */
export const LIFETIME_MONTHS = [3, 6, 12, 24] as const;
export const DEFAULT_LIFETIME_MONTHS = 6;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A lifetime the cards offer, from untrusted card data; undefined for anything else. */
export function parseLifetimeMonths(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,2}$/.test(value.trim()) ? Number(value.trim()) : value;
  return typeof n === 'number' && (LIFETIME_MONTHS as readonly number[]).includes(n) ? n : undefined;
}

/** The offered lifetime nearest to a secret's lifetime in days (a rotation keeps the rhythm). */
export function nearestLifetimeMonths(days: number | undefined): number {
  if (days === undefined || !Number.isFinite(days) || days <= 0) return DEFAULT_LIFETIME_MONTHS;
  const months = days / 30.4;
  return LIFETIME_MONTHS.reduce((best, m) => (Math.abs(m - months) < Math.abs(best - months) ? m : best));
}

export interface SecretEnd {
  readonly endDateTime: string;
  /** Set when the organisation's app management policy shortened the chosen lifetime. */
  readonly cappedToDays?: number;
}

/**
 * When a new secret should end: `months` calendar months from now, or the tenant's policy cap
 * when that is shorter (a minute inside it, so the clock skew of a request cannot exceed it).
 */
export function secretEnd(now: Date, months: number, capDays?: number): SecretEnd {
  const end = new Date(now.getTime());
  end.setUTCMonth(end.getUTCMonth() + months);
  if (capDays !== undefined && end.getTime() - now.getTime() > capDays * DAY_MS) {
    return { endDateTime: new Date(now.getTime() + capDays * DAY_MS - 60_000).toISOString(), cappedToDays: capDays };
  }
  return { endDateTime: end.toISOString() };
}

/** "6 months", "1 month". */
export function monthsText(months: number): string {
  return `${months} month${months === 1 ? '' : 's'}`;
}
