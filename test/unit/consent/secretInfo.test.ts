import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';
import {
  addUtcMonths,
  daysLeft,
  deriveSecretInfo,
  parseUtc,
  secretWarnings,
  utcDate,
} from '../../../src/consent/secretInfo';

const SECRET = 'abc8Q~0123456789abcdefghijklmnopqrstuvwx';
const DAY = 86_400_000;

/**
 * Jest cannot change the process time zone, so the zone tests run secretInfo.ts (type-only
 * imports, transpiled on the fly) in child Node processes started with different TZ values.
 */
function inZone(tz: string, expression: string): unknown {
  const transpile = (file: string): string =>
    ts.transpileModule(readFileSync(join(__dirname, '../../../src', file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
  // secretInfo.ts imports only src/time/daysLeft.ts at run time; it is handed over the same way.
  const load = (js: string): string =>
    `(() => { const module = { exports: {} }; const exports = module.exports; ${js}\nreturn module.exports; })()`;
  const script = `const daysLeftModule = ${load(transpile('time/daysLeft.ts'))}; const require = (id) => id === '../time/daysLeft' ? daysLeftModule : undefined; const m = ${load(transpile('consent/secretInfo.ts'))}; process.stdout.write(JSON.stringify(${expression}));`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' }),
  );
}

describe('parseUtc', () => {
  test.each(['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kolkata', 'UTC'])(
    'a date-time without zone is UTC in TZ=%s',
    (tz) => {
      const [dateTime, dateOnly, left, date, local] = inZone(
        tz,
        "[m.parseUtc('2024-02-29T23:30:00'), m.parseUtc('2024-02-29'), m.daysLeft(m.parseUtc('2024-03-01T00:00:00'), Date.UTC(2024, 1, 28)), m.utcDate(Date.UTC(2024, 1, 29, 23, 59)), new Date('2024-02-29T23:30:00').getTime()]",
      ) as number[];
      expect(dateTime).toBe(Date.UTC(2024, 1, 29, 23, 30));
      expect(dateOnly).toBe(Date.UTC(2024, 1, 29));
      expect(left).toBe(2);
      expect(date).toBe('2024-02-29');
      // The child really ran in that zone: plain Date parsing is local there.
      if (tz !== 'UTC') expect(local).not.toBe(Date.UTC(2024, 1, 29, 23, 30));
    },
  );

  test('explicit offsets are honoured', () => {
    expect(parseUtc('2025-01-01T05:30:00+05:30')).toBe(Date.UTC(2025, 0, 1));
    expect(parseUtc('2024-12-31T19:00:00-0500')).toBe(Date.UTC(2025, 0, 1));
    expect(parseUtc('2025-01-01T00:00:00.1234567Z')).toBe(Date.UTC(2025, 0, 1, 0, 0, 0, 123));
  });

  test('garbage and absence are undefined', () => {
    expect(parseUtc('soon')).toBeUndefined();
    expect(parseUtc(undefined)).toBeUndefined();
  });
});

describe('daysLeft', () => {
  const end = Date.UTC(2024, 2, 1, 12, 0);
  test.each([
    [Date.UTC(2024, 1, 29, 12, 0), 1],
    [Date.UTC(2024, 1, 29, 12, 1), 0],
    [Date.UTC(2024, 1, 28, 12, 0), 2],
    [end - 1, 0],
    [end, 0],
    [end + 1, 0],
    [end + DAY, -1],
    [end + DAY + 1, -1],
    [end + 2 * DAY, -2],
  ])('now=%s -> %s (whole days either side of expiry; negative after it)', (now, expected) => {
    expect(daysLeft(end, now)).toBe(expected);
  });
});

describe('addUtcMonths around leap days', () => {
  test.each([
    [Date.UTC(2024, 1, 29), 12, Date.UTC(2025, 1, 28)],
    [Date.UTC(2023, 2, 1), 12, Date.UTC(2024, 2, 1)],
    [Date.UTC(2024, 0, 31), 1, Date.UTC(2024, 1, 29)],
    [Date.UTC(2023, 0, 31), 1, Date.UTC(2023, 1, 28)],
    [Date.UTC(2024, 1, 29), 48, Date.UTC(2028, 1, 29)],
    [Date.UTC(2024, 11, 15, 23, 59), 1, Date.UTC(2025, 0, 15, 23, 59)],
  ])('%s + %s months', (start, months, expected) => {
    expect(addUtcMonths(start, months)).toBe(expected);
  });
});

describe('secretWarnings', () => {
  const now = Date.UTC(2024, 5, 1);
  test('expired, expiring within 30 days, and fine', () => {
    expect(secretWarnings(undefined, now - 1, now).map((w) => w.code)).toEqual(['expired']);
    expect(secretWarnings(undefined, now, now).map((w) => w.code)).toEqual(['expired']);
    expect(secretWarnings(undefined, now + 30 * DAY, now).map((w) => w.code)).toEqual(['expires-soon']);
    expect(secretWarnings(undefined, now + 30 * DAY + 1, now)).toEqual([]);
    expect(secretWarnings(undefined, now + 3 * 3600_000, now)[0]?.text).toMatch(/expires in less than a day/);
  });

  test('lifetime over 12 calendar months, leap-day start', () => {
    const start = Date.UTC(2024, 1, 29);
    expect(secretWarnings(start, Date.UTC(2025, 1, 28), Date.UTC(2024, 2, 1))).toEqual([]);
    expect(secretWarnings(start, Date.UTC(2025, 2, 1), Date.UTC(2024, 2, 1)).map((w) => w.code)).toEqual([
      'lifetime-over-12-months',
    ]);
  });

  test("the portal's 365-day choice never warns, even across a leap day", () => {
    for (const start of [Date.UTC(2023, 2, 1), Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 29), Date.UTC(2027, 5, 30)]) {
      expect(secretWarnings(start, start + 365 * DAY, start)).toEqual([]);
    }
  });

  test('24 months warns', () => {
    const start = Date.UTC(2024, 0, 1);
    expect(secretWarnings(start, start + 730 * DAY, start).map((w) => w.code)).toEqual(['lifetime-over-12-months']);
  });
});

describe('deriveSecretInfo', () => {
  const now = new Date(Date.UTC(2024, 1, 28, 22, 0));
  const credential = (hint: string | undefined, start: string, end: string, keyId = 'k1') => ({
    keyId,
    displayName: `secret ${keyId}`,
    hint,
    startDateTime: start,
    endDateTime: end,
  });

  test('matches by hint and reports days left and lifetime', () => {
    const info = deriveSecretInfo({
      secret: SECRET,
      valid: true,
      now,
      passwordCredentials: {
        ok: true,
        value: [
          credential('xyz', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'other'),
          credential('abc', '2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z'),
        ],
      },
    });
    expect(info).toMatchObject({
      valid: true,
      identified: true,
      keyId: 'k1',
      hint: 'abc',
      endDateTime: '2024-03-01T00:00:00.000Z',
      daysLeft: 1,
      lifetimeDays: 29,
    });
    expect(info.warnings.map((w) => w.code)).toEqual(['expires-soon']);
    expect(JSON.stringify(info)).not.toContain(SECRET);
  });

  test('several secrets with the same hint: the live one expiring first, with a warning', () => {
    const info = deriveSecretInfo({
      secret: SECRET,
      valid: true,
      now,
      passwordCredentials: {
        ok: true,
        value: [
          credential('abc', '2023-01-01T00:00:00Z', '2023-06-01T00:00:00Z', 'expired'),
          credential('abc', '2024-01-01T00:00:00Z', '2024-12-01T00:00:00Z', 'later'),
          credential('abc', '2024-01-01T00:00:00Z', '2024-09-01T00:00:00Z', 'sooner'),
        ],
      },
    });
    expect(info.keyId).toBe('sooner');
    expect(info.warnings.map((w) => w.code)).toContain('not-identified');
  });

  test('no matching hint, or unreadable credentials: not identified, with a reason', () => {
    const none = deriveSecretInfo({
      secret: SECRET,
      valid: true,
      now,
      passwordCredentials: { ok: true, value: [credential(undefined, '2024-01-01', '2025-01-01')] },
    });
    expect(none).toMatchObject({ identified: false, valid: true });
    expect(none.warnings[0]?.code).toBe('not-identified');
    const unreadable = deriveSecretInfo({
      secret: SECRET,
      valid: true,
      now,
      passwordCredentials: { ok: false, status: 403, reason: 'Graph said 403.' },
    });
    expect(unreadable.identified).toBe(false);
    expect(unreadable.warnings[0]?.text).toMatch(/Graph said 403/);
  });

  test('utcDate is the UTC calendar date', () => {
    expect(utcDate(Date.UTC(2024, 1, 29, 23, 59))).toBe('2024-02-29');
  });
});
