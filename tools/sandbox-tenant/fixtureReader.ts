/** Thrown when a fixture file does not have the expected shape; the message names the field. */
export class FixtureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixtureError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RELATIVE_DATE = /^([+-])(\d+)([dhm])$/;

/** Reads untyped JSON with field paths in every error ("tenants[0].applications[2].appId: ..."). */
export interface FieldReader {
  object(value: unknown, path: string): Record<string, unknown>;
  array(value: unknown, path: string): readonly unknown[];
  string(value: unknown, path: string): string;
  guid(value: unknown, path: string): string;
  stringArray(value: unknown, path: string): readonly string[];
  optionalBoolean(value: unknown, path: string): boolean | undefined;
  positiveInteger(value: unknown, path: string): number;
  fixtureDate(value: unknown, path: string): string;
}

/** Builds a reader whose errors start with the fixture's source (file name or "inline fixture"). */
export function createFieldReader(source: string): FieldReader {
  const fail = (path: string, expected: string, got: unknown): never => {
    throw new FixtureError(`${source}: ${path}: expected ${expected}, got ${describe(got)}`);
  };
  const reader: FieldReader = {
    object(value, path) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(path, 'an object', value);
      return value as Record<string, unknown>;
    },
    array(value, path) {
      if (!Array.isArray(value)) return fail(path, 'an array', value);
      return value;
    },
    string(value, path) {
      if (typeof value !== 'string' || value.trim() === '') return fail(path, 'a non-empty string', value);
      return value;
    },
    guid(value, path) {
      const text = reader.string(value, path);
      if (!GUID.test(text)) return fail(path, 'a GUID', value);
      return text.toLowerCase();
    },
    stringArray(value, path) {
      return reader.array(value, path).map((item, i) => reader.string(item, `${path}[${i}]`));
    },
    optionalBoolean(value, path) {
      if (value === undefined) return undefined;
      if (typeof value !== 'boolean') return fail(path, 'true or false', value);
      return value;
    },
    positiveInteger(value, path) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        return fail(path, 'a whole number of at least 1', value);
      }
      return value;
    },
    fixtureDate(value, path) {
      const text = reader.string(value, path);
      if (!RELATIVE_DATE.test(text) && Number.isNaN(Date.parse(text))) {
        return fail(path, 'an ISO date or a relative date like "+200d", "-3d", "+2h"', value);
      }
      return text;
    },
  };
  return reader;
}

/** True for a GUID in its usual 8-4-4-4-12 form. */
export function isGuid(text: string): boolean {
  return GUID.test(text);
}

/**
 * Resolves a fixture date: an ISO date as is, or a relative one ("+200d", "-3d", "+2h", "+30m")
 * against the sandbox clock, so fixtures do not rot as real time passes.
 */
export function resolveFixtureDate(text: string, now: Date): Date {
  const match = RELATIVE_DATE.exec(text);
  if (!match) return new Date(text);
  const unitMs = match[3] === 'd' ? 86_400_000 : match[3] === 'h' ? 3_600_000 : 60_000;
  const sign = match[1] === '-' ? -1 : 1;
  return new Date(now.getTime() + sign * Number(match[2]) * unitMs);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
