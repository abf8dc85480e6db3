/**
 * Small rules both built-in stores share, so the memory store used in other layers' tests
 * behaves exactly like the SQLite one (times, expiry, ordering).
 */

/** Milliseconds since the epoch for an ISO time; throws a TypeError naming the field. */
export function toEpochMs(iso: string, field: string): number {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(ms)) throw new TypeError(`${field} must be an ISO date-time`);
  return ms;
}

/** A key/value record is live while it has no expiry or its expiry is still ahead. */
export function isLive(expiresMs: number | null | undefined, nowMs: number): boolean {
  return expiresMs === null || expiresMs === undefined || expiresMs > nowMs;
}

/** Label order as SQLite's NOCASE collation sees it (ASCII case folded), then id. */
export function compareByLabel(a: { label: string; id: string }, b: { label: string; id: string }): number {
  const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const la = fold(a.label);
  const lb = fold(b.label);
  if (la !== lb) return la < lb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Rejects calls on a closed store with a message that says so. */
export function assertOpen(closed: boolean, kind: string): void {
  if (closed) throw new Error(`The ${kind} store is closed.`);
}
