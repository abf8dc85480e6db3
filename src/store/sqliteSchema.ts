import type { Database } from 'better-sqlite3';

/**
 * The embedded store's schema as an ordered list of migrations. A database remembers which
 * ones it has (schema_migrations), so an upgrade applies only the new ones, each in its own
 * transaction; a database written by a newer version is refused instead of misread.
 * Append new migrations; never edit one that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE registrations (
     id TEXT PRIMARY KEY,
     owner_id TEXT NOT NULL,
     owner_tenant_id TEXT NOT NULL,
     label TEXT NOT NULL,
     tenant_input TEXT NOT NULL,
     tenant_id TEXT NOT NULL,
     client_id TEXT NOT NULL,
     sealed_secret TEXT NOT NULL,
     secret_hint TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     last_result TEXT,
     last_checked_at TEXT,
     status_card TEXT,
     next_due_at TEXT,
     next_due_ms INTEGER
   );
   CREATE INDEX registrations_owner_label ON registrations (owner_id, label COLLATE NOCASE, id);
   CREATE INDEX registrations_next_due ON registrations (next_due_ms) WHERE next_due_ms IS NOT NULL;
   CREATE TABLE conversations (
     key TEXT PRIMARY KEY,
     scope TEXT NOT NULL,
     tenant_id TEXT,
     user_id TEXT,
     reference TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE kv (
     namespace TEXT NOT NULL,
     key TEXT NOT NULL,
     value TEXT NOT NULL,
     expires_ms INTEGER,
     PRIMARY KEY (namespace, key)
   );
   CREATE INDEX kv_expiry ON kv (expires_ms) WHERE expires_ms IS NOT NULL;`,
];

/** Brings the database up to the latest schema; returns the version it is at afterwards. */
export function migrate(db: Database, filename: string): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const currentVersion = db.prepare('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations');
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  const readVersion = (): number => (currentVersion.get() as { version: number }).version;
  const latest = MIGRATIONS.length;
  if (readVersion() > latest) {
    throw new Error(
      `The database ${filename} has schema version ${readVersion()}, newer than this version of the bot understands (${latest}). ` +
        'Run the newer version, or restore a backup made before the upgrade.',
    );
  }
  // Each step re-reads the version inside its write lock, so two processes opening a fresh
  // database at once apply every migration exactly once.
  for (let version = 1; version <= latest; version += 1) {
    db.transaction(() => {
      if (readVersion() >= version) return;
      db.exec(MIGRATIONS[version - 1] ?? '');
      record.run(version, new Date().toISOString());
    }).immediate();
  }
  return readVersion();
}
