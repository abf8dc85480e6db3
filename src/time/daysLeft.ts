/**
 * The one "days left" figure for a client secret, shared by the status card, the reminder card,
 * the reminder schedule, the CLI table and its JSON, so no two of them ever disagree.
 *
 * Rule: the number of whole 24-hour periods between now and the expiry instant, on UTC
 * instants: positive before expiry (rounded down), negative after it ("expired 3 days ago" is
 * -3), and 0 within 24 hours either side; whether the secret has expired is always said beside
 * it (a warning, the words). It never depends on a time zone (the viewer's, the server's, or
 * none known), so every reader sees the same number at the same moment, and the schedule's
 * "7 days" reminder says "expires in 7 days". Zones only change how the expiry date is shown
 * next to it. The figure steps at the time of day the secret expires, not at midnight: with 20
 * hours left it reads "expires in less than a day", never "today" or "tomorrow".
 */

/** Milliseconds in the 24-hour day the rule counts. */
export const DAY_MS = 86_400_000;

/** Whole days from `now` until `end`: 3 = three full days left, -3 = expired three full days ago. */
export function daysLeft(end: Date | number, now: Date | number): number {
  const gapMs = (typeof end === 'number' ? end : end.getTime()) - (typeof now === 'number' ? now : now.getTime());
  const whole = Math.floor(Math.abs(gapMs) / DAY_MS);
  return gapMs < 0 && whole > 0 ? -whole : whole;
}

/**
 * "expires in 3 days", "expires in 1 day", "expires in less than a day", "expired less than a
 * day ago", "expired 1 day ago", "expired 3 days ago". `alreadyExpired` tells the two sides of
 * 0 apart.
 */
export function daysLeftInWords(days: number, alreadyExpired = days < 0): string {
  if (days < 0) return days === -1 ? 'expired 1 day ago' : `expired ${-days} days ago`;
  if (days === 0) return alreadyExpired ? 'expired less than a day ago' : 'expires in less than a day';
  return days === 1 ? 'expires in 1 day' : `expires in ${days} days`;
}

/** The words for an end time (ISO text or Date) seen from `now`; "expiry unknown" when unreadable. */
export function expiryInWords(end: string | Date, now: Date): string {
  const endMs = typeof end === 'string' ? Date.parse(end) : end.getTime();
  if (Number.isNaN(endMs)) return 'expiry unknown';
  return daysLeftInWords(daysLeft(endMs, now), endMs <= now.getTime());
}
