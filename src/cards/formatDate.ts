/**
 * Dates shown to people: in their time zone when Teams tells us one, else UTC, and always
 * saying which zone, because a channel's readers may sit in several.
 */

const DAY_MS = 86_400_000;

/** The zone actually used: the given IANA name when Intl knows it, else 'UTC'. */
export function resolveTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

/**
 * e.g. "26 Nov 2025, 14:31 (UTC)" or "26 Nov 2025, 15:31 (Europe/Berlin)"; "unknown date"
 * when the input does not parse, so a bad Graph value never throws out of a card builder.
 */
export function formatDateTime(value: string | Date, timeZone?: string): string {
  const date = toDate(value);
  if (!date) return 'unknown date';
  const zone = resolveTimeZone(timeZone);
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return `${text} (${zone})`;
}

/** e.g. "26 Nov 2025 (UTC)": the calendar date in the zone, naming the zone. */
export function formatDate(value: string | Date, timeZone?: string): string {
  const date = toDate(value);
  if (!date) return 'unknown date';
  const zone = resolveTimeZone(timeZone);
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(date);
  return `${text} (${zone})`;
}

/**
 * Calendar days from `from` to `to` as seen on a wall calendar in the zone (0 = same day,
 * 1 = tomorrow, -1 = yesterday), which is what "expires today" means to a reader.
 */
export function calendarDaysBetween(from: Date, to: Date, timeZone?: string): number {
  const zone = resolveTimeZone(timeZone);
  return Math.round((dayNumber(to, zone) - dayNumber(from, zone)) / DAY_MS);
}

/** "expires in 3 days", "expires in 1 day", "expires today", "expired 1 day ago", ... */
export function daysLeftInWords(daysLeft: number, alreadyExpired = daysLeft < 0): string {
  if (daysLeft > 1) return `expires in ${daysLeft} days`;
  if (daysLeft === 1) return 'expires in 1 day';
  if (daysLeft === 0) return alreadyExpired ? 'expired today' : 'expires today';
  const ago = -daysLeft;
  return ago === 1 ? 'expired 1 day ago' : `expired ${ago} days ago`;
}

/** Expiry wording for an end time seen from `now` in the reader's zone. */
export function expiryInWords(end: string | Date, now: Date, timeZone?: string): string {
  const endDate = toDate(end);
  if (!endDate) return 'expiry unknown';
  return daysLeftInWords(calendarDaysBetween(now, endDate, timeZone), endDate.getTime() <= now.getTime());
}

function toDate(value: string | Date): Date | undefined {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Midnight UTC of the date the zone's wall calendar shows at `date`. */
function dayNumber(date: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'));
}
