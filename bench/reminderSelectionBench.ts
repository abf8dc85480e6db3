import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CheckResult } from '../src/consent/report';
import { resolveCloud } from '../src/consent/cloud';
import { createNullLogger } from '../src/log/logger';
import { createSubscriptions } from '../src/reminders/subscriptions';
import { createReminderSweep } from '../src/reminders/sweep';
import { registrationFromRow, type RegistrationRow } from '../src/store/sqliteRows';
import { createSqliteStore, SQLITE_FILE_NAME } from '../src/store/sqliteStore';
import { createFakeClock } from '../src/time/clock';

const DAY = 86_400_000;

export interface SelectionBenchResult {
  readonly registrations: number;
  readonly due: number;
  readonly indexedMs: number;
  readonly indexedSelected: number;
  readonly naiveMs: number;
  readonly naiveSelected: number;
  readonly sweepMs: number;
  readonly sweepSent: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function dueReport(i: number, now: Date): CheckResult {
  return {
    kind: 'report',
    checkedAt: now.toISOString(),
    cloud: 'public',
    tenantInput: 't',
    tenantId: 't',
    clientId: `client-${i}`,
    profileId: 'office365-connector',
    app: { displayName: `App ${i}`, servicePrincipal: 'present' },
    permissions: [],
    extraPermissions: [],
    secret: {
      valid: true,
      identified: true,
      keyId: `key-${i}`,
      hint: 'abc',
      endDateTime: new Date(now.getTime() + 5 * DAY).toISOString(),
      warnings: [],
    },
    verdict: 'Ready',
    nextSteps: [],
    links: {
      adminConsent: 'https://x',
      portalApiPermissions: 'https://x',
      portalCredentials: 'https://x',
      portalOverview: 'https://x',
    },
    notes: [],
  };
}

/**
 * 100,000 registrations in the embedded SQLite store, 1% of them due: how long the sweep takes
 * to find its work through the next-due index, against a naive sweep that reads every
 * registration and filters; then one full sweep of the due ones (no network: a null notifier).
 */
export async function measureReminderSelection(total = 100_000, dueShare = 0.01): Promise<SelectionBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ccb-bench-rem-'));
  const clock = createFakeClock('2025-06-01T00:00:00.000Z');
  const now = clock.now();
  const store = createSqliteStore({ dataDir: dir, clock });
  try {
    const every = Math.round(1 / dueShare);
    const seed = new Database(path.join(dir, SQLITE_FILE_NAME));
    const insert =
      seed.prepare(`INSERT INTO registrations (id, owner_id, owner_tenant_id, label, tenant_input, tenant_id, client_id, sealed_secret,
      secret_hint, created_at, updated_at, last_result, last_checked_at, next_due_at, next_due_ms) VALUES (?, ?, 't', ?, 't', 't', ?, 'sealed', 'abc', ?, ?, ?, ?, ?, ?)`);
    const failureJson = JSON.stringify({
      kind: 'failure',
      code: 'throttled',
      checkedAt: now.toISOString(),
      title: 'Throttled',
      explanation: 'Graph asked to slow down.',
      fix: 'Retest later.',
      retryable: true,
    });
    seed.transaction(() => {
      for (let i = 0; i < total; i += 1) {
        const due = i % every === 0;
        const nextDue = new Date(now.getTime() + (due ? -60_000 : DAY + (i % 1000) * 60_000));
        insert.run(
          `reg-${String(i).padStart(6, '0')}`,
          `owner-${i % 5000}`,
          `App ${i}`,
          `client-${i}`,
          now.toISOString(),
          now.toISOString(),
          due ? JSON.stringify(dueReport(i, now)) : failureJson,
          now.toISOString(),
          nextDue.toISOString(),
          nextDue.getTime(),
        );
      }
    })();
    const subscriptions = createSubscriptions(store);
    for (let i = 0; i < total; i += every) {
      await subscriptions.subscribe(
        {
          registrationId: `reg-${String(i).padStart(6, '0')}`,
          conversationKey: `19:chan-${i}@thread.tacv2`,
          scope: 'channel',
          subscriberId: `owner-${i % 5000}`,
        },
        now,
      );
    }

    const indexed: number[] = [];
    const naive: number[] = [];
    let indexedSelected = 0;
    let naiveSelected = 0;
    for (let run = 0; run < 5; run += 1) {
      const a = await timed(() => store.listDueRegistrations(now.toISOString(), total));
      indexed.push(a.ms);
      indexedSelected = a.value.length;
      const b = await timed(async () =>
        (seed.prepare('SELECT * FROM registrations').all() as RegistrationRow[])
          .map(registrationFromRow)
          .filter((r) => r.nextDueAt !== undefined && Date.parse(r.nextDueAt) <= now.getTime()),
      );
      naive.push(b.ms);
      naiveSelected = b.value.length;
    }
    seed.close();

    const sweep = createReminderSweep({
      store,
      clock,
      logger: createNullLogger(),
      rechecker: { recheckAny: async (id) => ({ registration: await store.getRegistration(id) }) },
      notifier: { send: async () => ({ ok: true, activityId: '1:x' }), notifyPersonal: async () => true },
      links: { cloud: resolveCloud('public'), personalChatUrl: 'https://teams.microsoft.com' },
      thresholdDays: [30, 14, 7, 3, 1, 0],
      recheckIntervalMs: DAY,
      sleep: async (ms) => void clock.advance(ms),
    });
    const full = await timed(() => sweep.runOnce());
    return {
      registrations: total,
      due: indexedSelected,
      indexedMs: median(indexed),
      indexedSelected,
      naiveMs: median(naive),
      naiveSelected,
      sweepMs: full.ms,
      sweepSent: full.value.sent,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
