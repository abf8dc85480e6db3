import type { PasswordCredential, ReadResult } from './consentFacts';
import { DAY_MS, daysLeft, daysLeftInWords } from '../time/daysLeft';
import type { SecretInfo, SecretWarning } from './report';

/**
 * Which of the registration's secrets is in use and when it expires. Entra ID keeps only the
 * first three characters of a secret's value (the "hint"), so that is how the secret in use is
 * matched. All date maths is in UTC milliseconds so the answer never depends on the machine's
 * time zone.
 */

/** Microsoft recommends secrets shorter than 12 months. */
const LIFETIME_WARNING_MONTHS = 12;
const EXPIRES_SOON_DAYS = 30;

/**
 * Parses an ISO date-time as Graph writes it; a value without a zone is UTC (Graph's own
 * convention), never the local zone, unlike Date.parse.
 */
export function parseUtc(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const withZone = hasZone || !/T\d{2}:\d{2}/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(withZone) ? `${withZone}T00:00:00Z` : withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The one days-left figure (src/time/daysLeft), re-exported where the report's callers look for it. */
export { daysLeft };

/** Adds calendar months in UTC, clamping to the month's last day (29 Feb + 12 months = 28 Feb). */
export function addUtcMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDay);
  return Date.UTC(
    year,
    month,
    day,
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
}

/** YYYY-MM-DD in UTC, the date format reports use. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Expiry warnings for one secret at `now`. */
export function secretWarnings(startMs: number | undefined, endMs: number, nowMs: number): SecretWarning[] {
  const warnings: SecretWarning[] = [];
  const left = daysLeft(endMs, nowMs);
  if (endMs <= nowMs) {
    warnings.push({
      code: 'expired',
      text: `The secret expired on ${utcDate(endMs)} (UTC). Create a new secret and give it to the connector.`,
    });
  } else if (endMs - nowMs <= EXPIRES_SOON_DAYS * DAY_MS) {
    warnings.push({
      code: 'expires-soon',
      text: `The secret ${daysLeftInWords(left)}, on ${utcDate(endMs)} (UTC). Create a new secret before then.`,
    });
  }
  if (startMs !== undefined && endMs > addUtcMonths(startMs, LIFETIME_WARNING_MONTHS)) {
    warnings.push({
      code: 'lifetime-over-12-months',
      text: 'The secret is valid for more than 12 months. Microsoft recommends shorter-lived secrets (or a certificate) so a leaked secret stops working sooner.',
    });
  }
  return warnings;
}

function pick(matches: readonly PasswordCredential[], nowMs: number): PasswordCredential | undefined {
  const live = matches.filter((c) => (parseUtc(c.endDateTime) ?? Infinity) > nowMs);
  const pool = live.length > 0 ? live : matches;
  return [...pool].sort((a, b) => (parseUtc(a.endDateTime) ?? Infinity) - (parseUtc(b.endDateTime) ?? Infinity))[0];
}

/**
 * Describes the secret in use. `valid` is whether the token request with it succeeded.
 * When several secrets share the hint, the live one expiring first is shown (the cautious
 * choice for reminders) and a warning says so.
 */
export function deriveSecretInfo(args: {
  secret: string;
  valid: boolean;
  passwordCredentials: ReadResult<readonly PasswordCredential[]>;
  now: Date;
}): SecretInfo {
  const nowMs = args.now.getTime();
  const hint = args.secret.slice(0, 3);
  if (!args.passwordCredentials.ok) {
    return unidentified(
      args.valid,
      hint,
      `The secret's expiry date could not be read. ${args.passwordCredentials.reason}`,
    );
  }
  const matches = args.passwordCredentials.value.filter((c) => c.hint === hint);
  const credential = pick(matches, nowMs);
  if (!credential) {
    return unidentified(
      args.valid,
      hint,
      "None of the registration's client secrets matches the one in use, so its expiry date is unknown. Check Certificates & secrets.",
    );
  }
  const startMs = parseUtc(credential.startDateTime);
  const endMs = parseUtc(credential.endDateTime);
  const warnings = endMs === undefined ? [] : secretWarnings(startMs, endMs, nowMs);
  if (matches.length > 1) {
    warnings.push({
      code: 'not-identified',
      text: `${matches.length} secrets start with the same three characters; showing the one that expires first.`,
    });
  }
  return {
    valid: args.valid,
    identified: true,
    keyId: credential.keyId,
    displayName: credential.displayName,
    hint,
    startDateTime: startMs === undefined ? credential.startDateTime : new Date(startMs).toISOString(),
    endDateTime: endMs === undefined ? credential.endDateTime : new Date(endMs).toISOString(),
    daysLeft: endMs === undefined ? undefined : daysLeft(endMs, nowMs),
    lifetimeDays: startMs === undefined || endMs === undefined ? undefined : Math.floor((endMs - startMs) / DAY_MS),
    warnings,
  };
}

/** The secret in use could not be matched to a credential: its expiry is unknown, and `why` says so. */
function unidentified(valid: boolean, hint: string, why: string): SecretInfo {
  return { valid, identified: false, hint, warnings: [{ code: 'not-identified', text: why }] };
}
