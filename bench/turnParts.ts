import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { createAccessPolicy } from '../src/bot/accessPolicy';
import { cardActivity } from '../src/bot/chatReplies';
import { PERSONAL_COMMANDS } from '../src/bot/commandList';
import { saveConversation } from '../src/bot/saveConversation';
import { createStoredReferences } from '../src/bot/storedReferences';
import { SEEN_NAMESPACE, SEEN_TTL_MS } from '../src/bot/turnGate';
import { turnInfoOf } from '../src/bot/turnInfo';
import { systemClock } from '../src/time/clock';
import { helpCard } from '../src/cards/helpCard';
import { createLogger, createNullLogger } from '../src/log/logger';
import { createSqliteStore, SQLITE_FILE_NAME } from '../src/store/sqliteStore';
import { conversation, messageActivity } from '../test/helpers/teamsActivities';

/** The CPU cost of one part of a consent-bot turn, measured alone. */
export interface TurnPart {
  readonly name: string;
  /** CPU time (user + system) per call, in milliseconds. */
  readonly cpuMs: number;
  /** When a turn pays it. */
  readonly when: string;
}

/** CPU milliseconds per call of `fn`, after a short warm-up (CPU time, so other work on the machine barely moves it). */
async function cpuPerCall(iterations: number, fn: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.ceil(iterations / 10); i += 1) await fn(-1 - i);
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i += 1) await fn(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / iterations;
}

/**
 * Times each fixed part of a `help` turn of the consent bot on its own, with the real modules
 * and a SQLite store in a temporary directory: what separates a turn of ours from the echo
 * bot's. The "before" rows replay what a turn did until the turn gate (an IMMEDIATE
 * transaction for the claim, a store read of the conversation reference on every turn).
 */
export async function measureTurnParts(iterations: number): Promise<TurnPart[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ccb-turn-parts-'));
  const store = createSqliteStore({ dataDir: dir });
  const db = new Database(join(dir, SQLITE_FILE_NAME), { timeout: 5000 });
  try {
    const conv = conversation();
    const serviceUrl = 'https://smba.trafficmanager.net/emea/';
    const activity = messageActivity(conv, serviceUrl, 'help') as Partial<Activity>;
    const context = new TurnContext(new TestAdapter(), activity);
    const moved = new TurnContext(new TestAdapter(), { ...activity, serviceUrl: `${serviceUrl}moved/` });
    const info = turnInfoOf(context);
    const deps = { store, logger: createNullLogger(), clock: systemClock, serviceUrlAllowed: () => true };
    const access = createAccessPolicy({ allowedTenants: [conv.tenantId], allowAnyTenant: false, allowedUsers: [] });
    const known = createStoredReferences({ clock: deps.clock });
    const infoLogger = createLogger({ level: 'info', sink: () => undefined });
    const record = (): { value: boolean; expiresAt: string } => ({
      value: true,
      expiresAt: new Date(Date.now() + SEEN_TTL_MS).toISOString(),
    });
    const readLive = db.prepare('SELECT value, expires_ms FROM kv WHERE namespace = ? AND key = ?');
    const insert = db.prepare(`INSERT INTO kv (namespace, key, value, expires_ms) VALUES (?, ?, ?, ?)
      ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_ms = excluded.expires_ms`);
    const oldClaim = db.transaction((key: string, expires: number): boolean => {
      const row = readLive.get(SEEN_NAMESPACE, key) as { expires_ms: number | null } | undefined;
      if (row && (row.expires_ms === null || row.expires_ms > Date.now())) return false;
      insert.run(SEEN_NAMESPACE, key, 'true', expires);
      return true;
    });
    await saveConversation(context, deps, info, known);

    const parts: TurnPart[] = [];
    const add = async (name: string, when: string, fn: (i: number) => unknown): Promise<void> => {
      parts.push({ name, when, cpuMs: await cpuPerCall(iterations, fn) });
    };
    await add('turn info + access policy', 'every turn', () => access(turnInfoOf(context)));
    await add('claim activity id: 1 upsert', 'every message', (i) =>
      store.putKvIfAbsent(SEEN_NAMESPACE, `${conv.id}|new-${i}`, record()),
    );
    await add('claim id: IMMEDIATE SELECT+INSERT', 'before: every message', (i) =>
      oldClaim.immediate(`${conv.id}|old-${i}`, Date.now() + SEEN_TTL_MS),
    );
    await add('reference: remembered', 'every turn, unchanged', () => saveConversation(context, deps, info, known));
    await add('reference: read from store', 'before: every turn', () => saveConversation(context, deps, info));
    await add('reference: read + write', 'reference changed', (i) =>
      saveConversation(i % 2 === 0 ? moved : context, deps, info),
    );
    await add('log line (info)', 'LOG_LEVEL=info only', () =>
      infoLogger.info('http.activity', { type: 'message', name: undefined, status: 200, durationMs: 12 }),
    );
    await add('help card built + JSON', 'every help turn', () =>
      JSON.stringify(cardActivity(helpCard({ commands: [...PERSONAL_COMMANDS], offerSetup: true }))),
    );
    return parts;
  } finally {
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
