/**
 * Dates shown to people: in their time zone when Teams tells us one, else UTC, and always
 * saying which zone, because a channel's readers may sit in several.
 */

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
  return formatInZone(value, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** e.g. "26 Nov 2025 (UTC)": the calendar date in the zone, naming the zone. */
export function formatDate(value: string | Date, timeZone?: string): string {
  return formatInZone(value, timeZone, {});
}

/** The day, month and year (plus `extra` fields) in the zone, naming the zone. */
function formatInZone(value: string | Date, timeZone: string | undefined, extra: Intl.DateTimeFormatOptions): string {
  const date = toDate(value);
  if (!date) return 'unknown date';
  const zone = resolveTimeZone(timeZone);
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...extra,
  }).format(date);
  return `${text} (${zone})`;
}

function toDate(value: string | Date): Date | undefined {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? undefined : date;
}
