import { randomBytes } from 'node:crypto';
import type { ConsentReport } from '../../../src/consent/report';
import { AzureStoreError } from '../../../src/store/azureStoreError';
import { openRegistrationSecret, sealRegistrationSecret } from '../../../src/store/registrationSecrets';
import { createSealer } from '../../../src/store/sealing';
import { StoreDataError } from '../../../src/store/storeDataError';
import { startAzurite, type Azurite } from '../../helpers/azurite';
import { registration, SAMPLE_REPORT } from '../../unit/store/storeContract';
import { azureStore, rawRows, rawTable, uniquePrefix } from './azureTestKit';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite.stop();
});

/** A report whose notes add up to about `chars` characters, with astral characters (surrogate pairs) throughout. */
function bigReport(chars: number): ConsentReport {
  const note = `Extra permission 😀 "quoted" \\ ünïcödé ${'x'.repeat(970)}`;
  return { ...SAMPLE_REPORT, notes: Array.from({ length: Math.ceil(chars / note.length) }, (_, i) => `${i}: ${note}`) };
}

describe('large values', () => {
  it('splits a lastResult larger than one property across several, and reads it back intact', async () => {
    const prefix = uniquePrefix();
    const store = azureStore(azurite, prefix);
    const saved = registration({ lastResult: bigReport(300_000) });
    expect(JSON.stringify(saved.lastResult).length).toBeGreaterThan(300_000);
    await store.saveRegistration(saved);
    expect(await store.getRegistration('reg-1')).toEqual(saved);
    const [main] = (await rawRows(rawTable(azurite, prefix, 'registrations'))).filter((r) =>
      String(r.rowKey).startsWith('reg|'),
    );
    expect(main?.lastResult).toBeUndefined();
    expect(main?.lastResult_parts).toBeGreaterThanOrEqual(10);
    // Saving a small result afterwards leaves no stale parts behind.
    await store.saveRegistration(registration({ lastResult: SAMPLE_REPORT }));
    const [after] = (await rawRows(rawTable(azurite, prefix, 'registrations'))).filter((r) =>
      String(r.rowKey).startsWith('reg|'),
    );
    expect(Object.keys(after ?? {}).filter((k) => k.startsWith('lastResult_'))).toEqual([]);
    expect((await store.getRegistration('reg-1'))?.lastResult).toEqual(SAMPLE_REPORT);
  });

  it('refuses a record over the 1 MiB entity limit with a clear error, keeping the previous version', async () => {
    const store = azureStore(azurite, uniquePrefix());
    await store.saveRegistration(registration({ lastResult: SAMPLE_REPORT }));
    const attempt = store.saveRegistration(registration({ lastResult: bigReport(700_000) }));
    await expect(attempt).rejects.toThrow(AzureStoreError);
    await expect(attempt).rejects.toMatchObject({ code: 'too-large' });
    await expect(attempt).rejects.toThrow(
      /registration "reg-1" is too large for Azure Table storage.*Nothing was written/,
    );
    expect((await store.getRegistration('reg-1'))?.lastResult).toEqual(SAMPLE_REPORT);
  });

  it('round-trips large key/value values and conversation references', async () => {
    const store = azureStore(azurite, uniquePrefix());
    const value = { items: Array.from({ length: 4000 }, (_, i) => ({ i, text: `item ${i} 😀` })) };
    await store.putKv('big', 'k', { value });
    expect(await store.getKv('big', 'k')).toEqual(value);
    expect(await store.listKv('big')).toEqual([{ key: 'k', value }]);
    const reference = { conversation: { id: 'a:1' }, padding: 'p'.repeat(100_000) };
    await store.saveConversation({ key: 'a:1', scope: 'personal', reference, updatedAt: '2025-05-01T00:00:00.000Z' });
    expect((await store.getConversation('a:1'))?.reference).toEqual(reference);
  });
});

const HOSTILE_KEYS = [
  '19:abc@thread.tacv2;messageid=123',
  'a:1Xyz/..',
  'a/b\\c#d?e',
  'tab\there\nnewline\u0000nul\u007fdel\u0085',
  'quote\'in "it"',
  '%2F%00 and %',
  '~0041',
  'A',
  'a|b||c',
  'emoji 😀 and a lone \ud800 surrogate',
  '',
  '   ',
];

describe('hostile keys', () => {
  it('stores and finds registrations, conversations and key/value records under any key', async () => {
    const store = azureStore(azurite, uniquePrefix());
    for (const [i, key] of HOSTILE_KEYS.entries()) {
      const saved = registration({
        id: key,
        ownerId: key,
        label: `label ${i}`,
        nextDueAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
      });
      await store.saveRegistration(saved);
      expect(await store.getRegistration(key)).toEqual(saved);
      expect(await store.listRegistrations(key)).toEqual([saved]);
      await store.saveConversation({ key, scope: 'channel', reference: { i }, updatedAt: '2025-05-01T00:00:00.000Z' });
      expect((await store.getConversation(key))?.reference).toEqual({ i });
      await store.putKv(key, key, { value: i });
      expect(await store.getKv(key, key)).toBe(i);
    }
    const due = await store.listDueRegistrations('2030-01-01T00:00:00.000Z', 100);
    expect(due.map((r) => r.id)).toEqual(HOSTILE_KEYS);
    expect(await store.getKv('A', '~0041')).toBeUndefined();
    expect(await store.getKv('~0041', '~0041')).toBe(HOSTILE_KEYS.indexOf('~0041'));
    for (const key of HOSTILE_KEYS) {
      expect(await store.deleteRegistration(key, key)).toBe(true);
      expect(await store.takeKv(key, key)).toBe(HOSTILE_KEYS.indexOf(key));
      await store.deleteConversation(key);
      expect(await store.getConversation(key)).toBeUndefined();
    }
    expect(await store.listDueRegistrations('2030-01-01T00:00:00.000Z', 100)).toEqual([]);
  });

  it('lists key/value records by a hostile prefix without matching look-alikes', async () => {
    const store = azureStore(azurite, uniquePrefix());
    const keys = ['a/b', 'a/b/c', 'a/', 'a~002f', 'a', 'a/😀', 'a0', 'b/'];
    for (const key of keys) await store.putKv('ns/1', key, { value: key });
    expect((await store.listKv('ns/1', 'a/')).map((e) => e.key)).toEqual(['a/', 'a/b', 'a/b/c', 'a/😀']);
    expect((await store.listKv('ns/1', 'a')).map((e) => e.key)).toEqual([
      'a',
      'a/',
      'a/b',
      'a/b/c',
      'a/😀',
      'a0',
      'a~002f',
    ]);
    expect((await store.listKv('ns/1')).map((e) => e.key)).toEqual([...keys].sort());
    expect(await store.listKv('ns', 'a')).toEqual([]);
  });

  it('refuses a key too long for Azure with a clear error that does not quote it', async () => {
    const store = azureStore(azurite, uniquePrefix());
    const token = `tok-${'/'.repeat(200)}`;
    const attempt = store.putKv('consent-state', token, { value: 1 });
    await expect(attempt).rejects.toMatchObject({ name: 'AzureStoreError', code: 'key-too-long' });
    await expect(attempt).rejects.toThrow(
      /key\/value key is too long for Azure Table storage: 1004 characters once encoded, at most 512/,
    );
    await expect(attempt).rejects.not.toThrow(/tok-/);
    await expect(store.getKv('consent-state', token)).rejects.toMatchObject({ code: 'key-too-long' });
    await expect(store.takeKv('consent-state', token)).rejects.toMatchObject({ code: 'key-too-long' });
    await expect(store.getRegistration(token)).rejects.toMatchObject({ code: 'key-too-long' });
    await expect(store.getConversation(token)).rejects.toThrow(/conversation id is too long/);
  });
});

describe('what is stored', () => {
  it('holds the client secret only sealed: no stored property contains the plaintext', async () => {
    const prefix = uniquePrefix();
    const store = azureStore(azurite, prefix);
    const sealer = createSealer(randomBytes(32));
    const secret = 'kQz8Q~a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7';
    await store.saveRegistration(
      registration({ sealedSecret: sealRegistrationSecret(sealer, 'reg-1', secret), secretHint: 'kQz' }),
    );
    const rows = await rawRows(rawTable(azurite, prefix, 'registrations'));
    expect(rows.length).toBe(2); // the registration and its owner index row (no due time)
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(JSON.stringify(rows)).not.toContain(secret.slice(4, 20));
    const stored = rows.find((r) => r.rowKey === 'reg|reg-1');
    expect(stored?.sealedSecret).toMatch(/^v1\.[0-9a-f]{8}\./);
    const read = await store.getRegistration('reg-1');
    expect(read && openRegistrationSecret(sealer, read)).toBe(secret);
  });

  it('reports a damaged record as a StoreDataError naming the field, and leaves it in place', async () => {
    const prefix = uniquePrefix();
    const store = azureStore(azurite, prefix);
    await store.saveRegistration(registration({ lastResult: SAMPLE_REPORT }));
    await store.putKv('setup', 'u1', { value: { step: 1 } });
    await rawTable(azurite, prefix, 'registrations').updateEntity(
      { partitionKey: 'registrations', rowKey: 'reg|reg-1', lastResult: '{not json' },
      'Merge',
    );
    await rawTable(azurite, prefix, 'kv').updateEntity({ partitionKey: 'setup', rowKey: 'u1', value: '' }, 'Merge');
    await expect(store.getRegistration('reg-1')).rejects.toThrow(StoreDataError);
    await expect(store.getRegistration('reg-1')).rejects.toThrow(
      /registrations record "reg-1" has an unreadable lastResult column \(not valid JSON\)/,
    );
    await expect(store.getKv('setup', 'u1')).rejects.toThrow(
      /kv record in namespace "setup" has an unreadable value column/,
    );
    expect((await rawRows(rawTable(azurite, prefix, 'registrations'))).some((r) => r.rowKey === 'reg|reg-1')).toBe(
      true,
    );
  });
});
