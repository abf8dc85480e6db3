/**
 * A Retry-After header value in milliseconds from `now`: delta-seconds ("3", "1.5") or an
 * HTTP date (a date in the past means 0). Undefined when absent or unreadable, so each caller
 * picks its own default. Graph reads and Bot Connector sends both honour it through here.
 */
export function parseRetryAfterMs(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
