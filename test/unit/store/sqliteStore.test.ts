import Database from 'better-sqlite3';
import { randomBytes } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { openRegistrationSecret, sealRegistrationSecret } from '../../../src/store/registrationSecrets';
import { SealError } from '../../../src/store/sealError';
import { createSealer } from '../../../src/store/sealing';
import { createSqliteStore, SQLITE_FILE_NAME, type SqliteStore } from '../../../src/store/sqliteStore';
import { StoreDataError } from '../../../src/store/storeDataError';
import { createFakeClock } from '../../../src/time/clock';
import { registration, runStoreContract, SAMPLE_REPORT } from './storeContract';

const SECRET = 'kQz8Q~a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

runStoreContract('sqliteStore', (clock) => createSqliteStore({ dataDir: tempDir(), clock }));

describe('sqliteStore on disk', () => {
  let dataDir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dataDir = join(tempDir(), 'data');
    store = createSqliteStore({ dataDir });
  });
  afterEach(async () => {
    await store.close();
  });

  it('creates DATA_DIR/store.sqlite in WAL mode', () => {
    expect(store.filename).toBe(join(dataDir, SQLITE_FILE_NAME));
    expect(existsSync(store.filename)).toBe(true);
    const raw = new Database(store.filename, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('loses nothing across close and reopen', async () => {
    await store.saveRegistration(registration({ lastResult: SAMPLE_REPORT, nextDueAt: '2025-06-01T00:00:00.000Z' }));
    await store.saveConversation({
      key: 'a:1',
      scope: 'personal',
      userId: 'u1',
      reference: { serviceUrl: 'https://smba.trafficmanager.net/emea/' },
      updatedAt: '2025-05-01T00:00:00.000Z',
    });
    await store.putKv('setup', 'u1', { value: { step: 'secret' } });
    await store.close();

    store = createSqliteStore({ dataDir });
    expect(await store.getRegistration('reg-1')).toEqual(
      registration({ lastResult: SAMPLE_REPORT, nextDueAt: '2025-06-01T00:00:00.000Z' }),
    );
    expect((await store.getConversation('a:1'))?.reference).toEqual({
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
    });
    expect(await store.getKv('setup', 'u1')).toEqual({ step: 'secret' });
    expect(await store.listDueRegistrations('2025-07-01T00:00:00.000Z', 5)).toHaveLength(1);
  });

  it('never writes the plaintext secret to the database file or its WAL', async () => {
    const sealer = createSealer(randomBytes(32));
    const sealedSecret = sealRegistrationSecret(sealer, 'reg-1', SECRET);
    await store.saveRegistration(registration({ sealedSecret }));

    const onDisk = (): string =>
      ['', '-wal', '-shm']
        .map((suffix) => `${store.filename}${suffix}`)
        .filter((file) => existsSync(file))
        .map((file) => readFileSync(file).toString('latin1'))
        .join('\n');
    const beforeClose = onDisk();
    expect(beforeClose).toContain(sealedSecret); // proves we read the bytes the store wrote
    expect(beforeClose).not.toContain(SECRET);
    expect(beforeClose).not.toContain(SECRET.slice(6));
    expect(beforeClose).not.toContain(Buffer.from(SECRET, 'utf16le').toString('latin1'));

    await store.close();
    const afterClose = onDisk();
    expect(afterClose).toContain(sealedSecret);
    expect(afterClose).not.toContain(SECRET);

    store = createSqliteStore({ dataDir });
    const again = await store.getRegistration('reg-1');
    expect(again && openRegistrationSecret(sealer, again)).toBe(SECRET);
  });

  it('a wrong key gives a clear SealError and leaves the stored data untouched', async () => {
    const rightKey = randomBytes(32);
    const sealedSecret = sealRegistrationSecret(createSealer(rightKey), 'reg-1', SECRET);
    await store.saveRegistration(registration({ sealedSecret }));
    await store.close();

    store = createSqliteStore({ dataDir });
    const wrong = createSealer(randomBytes(32));
    const loaded = await store.getRegistration('reg-1');
    if (!loaded) throw new Error('registration missing');
    let error: unknown;
    try {
      openRegistrationSecret(wrong, loaded);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SealError);
    const sealError = error as SealError;
    expect(sealError.code).toBe('wrong-key');
    expect(sealError.message).toMatch(
      /cannot be opened with this SECRET_ENCRYPTION_KEY \(key id [0-9a-f]{8}, sealed with [0-9a-f]{8}\)/,
    );
    expect(sealError.message).not.toContain(SECRET);

    expect((await store.getRegistration('reg-1'))?.sealedSecret).toBe(sealedSecret);
    expect(openRegistrationSecret(createSealer(rightKey), loaded)).toBe(SECRET);
  });

  describe('damaged records', () => {
    const damage = (sql: string, ...params: unknown[]): void => {
      const raw = new Database(store.filename);
      try {
        raw.prepare(sql).run(...params);
      } finally {
        raw.close();
      }
    };

    it('a corrupt lastResult column gives a StoreDataError naming the record, not its content', async () => {
      await store.saveRegistration(registration({ lastResult: SAMPLE_REPORT }));
      damage('UPDATE registrations SET last_result = \'{"kind":"report", broken\' WHERE id = ?', 'reg-1');
      const error = await store.getRegistration('reg-1').then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(StoreDataError);
      const message = (error as Error).message;
      expect(message).toContain('registrations');
      expect(message).toContain('last_result');
      expect(message).toContain('"reg-1"');
      expect(message).toContain('not valid JSON');
      expect(message).not.toContain('broken');
      await expect(store.listRegistrations('owner-a')).rejects.toThrow(StoreDataError);
      // The record is left as is: an owner can still delete it.
      expect(await store.deleteRegistration('reg-1', 'owner-a')).toBe(true);
    });

    it('JSON of the wrong shape is refused too', async () => {
      await store.saveRegistration(
        registration({ lastResult: SAMPLE_REPORT, statusCard: { conversationKey: 'a', activityId: 'b' } }),
      );
      damage("UPDATE registrations SET last_result = '[1,2]' WHERE id = ?", 'reg-1');
      await expect(store.getRegistration('reg-1')).rejects.toThrow(/not a check result/);
      damage("UPDATE registrations SET last_result = NULL, status_card = '{}' WHERE id = ?", 'reg-1');
      await expect(store.getRegistration('reg-1')).rejects.toThrow(/status_card .*not a status card reference/);
    });

    it('corrupt conversation references and kv values are reported without kv keys', async () => {
      await store.saveConversation({
        key: 'c1',
        scope: 'channel',
        reference: {},
        updatedAt: '2025-01-01T00:00:00.000Z',
      });
      damage("UPDATE conversations SET reference = 'nope' WHERE key = 'c1'");
      await expect(store.getConversation('c1')).rejects.toThrow(
        /conversations record "c1" has an unreadable reference/,
      );
      await store.putKv('consent-state', 'single-use-token-123', { value: 'x' });
      damage("UPDATE kv SET value = '{' WHERE namespace = 'consent-state'");
      const error = await store.takeKv('consent-state', 'single-use-token-123').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreDataError);
      expect((error as Error).message).toContain('consent-state');
      expect((error as Error).message).not.toContain('single-use-token-123');
    });
  });

  it('two connections on one file still hand a single-use value out once', async () => {
    const second = createSqliteStore({ filename: store.filename });
    try {
      await store.putKv('state', 'k', { value: 'v' });
      const results = await Promise.all([
        store.takeKv('state', 'k'),
        second.takeKv('state', 'k'),
        second.takeKv('state', 'k'),
      ]);
      expect(results.filter((r) => r === 'v')).toHaveLength(1);
      const claims = await Promise.all([
        store.putKvIfAbsent('ledger', 'x', { value: 1 }),
        second.putKvIfAbsent('ledger', 'x', { value: 2 }),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('purges expired kv records from disk when writing', async () => {
    const clock = createFakeClock('2025-01-01T00:00:00.000Z');
    const timed = createSqliteStore({ filename: join(tempDir(), 'timed.sqlite'), clock });
    try {
      await timed.putKv('state', 'old', { value: 1, expiresAt: '2025-01-01T00:01:00.000Z' });
      clock.advance(120_000);
      await timed.putKv('state', 'new', { value: 2 });
      const raw = new Database(timed.filename, { readonly: true });
      try {
        expect(raw.prepare('SELECT key FROM kv').all()).toEqual([{ key: 'new' }]);
      } finally {
        raw.close();
      }
    } finally {
      await timed.close();
    }
  });

  it('applies migrations once, and refuses a database from a newer version', async () => {
    await store.close();
    store = createSqliteStore({ dataDir });
    const raw = new Database(store.filename);
    try {
      expect(raw.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
      raw.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (99, ?)').run(new Date().toISOString());
    } finally {
      raw.close();
    }
    expect(() => createSqliteStore({ dataDir })).toThrow(
      /schema version 99, newer than this version of the bot understands \(1\)/,
    );
  });

  it('needs a dataDir or a filename', () => {
    expect(() => createSqliteStore({})).toThrow(/dataDir or a filename/);
  });
});
