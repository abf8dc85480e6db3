/**
 * Durations as people write them in configuration: `90s`, `15m`, `1h`, `1d`, `500ms`, or a
 * combination such as `1h30m`. Kept tiny and strict so a typo fails at start-up with a message
 * that says what is accepted, instead of silently becoming "every millisecond".
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const WHOLE = /^(?:\d+(?:ms|s|m|h|d))+$/;
const PART = /(\d+)(ms|s|m|h|d)/g;

/** Thrown by parseDuration; the text is safe to show (durations are never secret). */
export class DurationError extends Error {
  override readonly name = 'DurationError';
}

/**
 * Parses a duration into milliseconds. Throws DurationError naming the accepted forms when the
 * text is empty, has no unit, a negative or fractional number, or an unknown unit.
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim().toLowerCase();
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  if (trimmed === '') {
    throw new DurationError('A duration is required, e.g. 90s, 15m, 1h or 1d.');
  }
  if (/^\d+$/.test(trimmed)) {
    throw new DurationError(
      `The duration ${shown} has no unit; write e.g. ${trimmed}s, ${trimmed}m, ${trimmed}h or ${trimmed}d.`,
    );
  }
  if (!WHOLE.test(trimmed)) {
    throw new DurationError(
      `The duration ${shown} is not understood; use whole numbers with a unit: ms, s, m, h or d (e.g. 90s, 15m, 1h, 1d, 1h30m).`,
    );
  }
  let total = 0;
  for (const match of trimmed.matchAll(PART)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
  }
  if (!Number.isSafeInteger(total)) {
    throw new DurationError(`The duration ${shown} is too large.`);
  }
  return total;
}

/** Writes milliseconds back in the largest whole units (`90000` -> `1m30s`), for logs and docs. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return `${ms}ms`;
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const size = UNIT_MS[unit] ?? 1;
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}
