import type { StoredRegistration } from '../../../src/store/store';
import { startAzurite, type Azurite } from '../../helpers/azurite';
import { registration } from '../../unit/store/storeContract';
import { azureStore, rawRows, rawTable, uniquePrefix } from './azureTestKit';
import { startCountingProxy } from './countingProxy';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite.stop();
});

const FAR = '2100-01-01T00:00:00.000Z';
const ids = (list: StoredRegistration[]): string[] => list.map((r) => r.id);

/** The index rows as stored: due rows and owner rows, by row key. */
async function indexRows(prefix: string): Promise<{ due: string[]; owner: string[] }> {
  const keys = (await rawRows(rawTable(azurite, prefix, 'registrations'))).map((r) => String(r.rowKey));
  return { due: keys.filter((k) => k.startsWith('due|')), owner: keys.filter((k) => k.startsWith('owner|')) };
}

describe('the due index', () => {
  it('follows every update and delete: one row per due registration, none left behind', async () => {
    const prefix = uniquePrefix();
    const store = azureStore(azurite, prefix);
    await store.saveRegistration(registration({ id: 'a', nextDueAt: '2025-05-02T00:00:00Z' }));
    await store.saveRegistration(registration({ id: 'b', nextDueAt: '2025-05-01T00:00:00.000Z' }));
    expect(ids(await store.listDueRegistrations(FAR, 10))).toEqual(['b', 'a']);

    await store.saveRegistration(registration({ id: 'a', nextDueAt: '2025-04-01T00:00:00.000Z' })); // earlier
    expect(ids(await store.listDueRegistrations(FAR, 10))).toEqual(['a', 'b']);
    expect(ids(await store.listDueRegistrations('2025-04-15T00:00:00.000Z', 10))).toEqual(['a']);

    await store.saveRegistration(registration({ id: 'b' })); // no longer due
    expect(ids(await store.listDueRegistrations(FAR, 10))).toEqual(['a']);
    await store.saveRegistration(registration({ id: 'b', nextDueAt: '2025-04-01T00:00:00.000Z' })); // due again, tied with a
    expect(ids(await store.listDueRegistrations(FAR, 10))).toEqual(['a', 'b']);
    expect((await indexRows(prefix)).due).toHaveLength(2);

    await store.saveRegistration(registration({ id: 'a', ownerId: 'owner-b', nextDueAt: '2025-04-01T00:00:00.000Z' })); // new owner
    expect(ids(await store.listRegistrations('owner-a'))).toEqual(['b']);
    expect(ids(await store.listRegistrations('owner-b'))).toEqual(['a']);
    expect((await indexRows(prefix)).owner).toHaveLength(2);

    expect(await store.deleteRegistration('a', 'owner-b')).toBe(true);
    expect(ids(await store.listDueRegistrations(FAR, 10))).toEqual(['b']);
    expect(await indexRows(prefix)).toEqual({ due: [expect.stringContaining('|b')], owner: ['owner|owner-a|b'] });
    expect(await store.deleteRegistration('b', 'owner-a')).toBe(true);
    expect(await indexRows(prefix)).toEqual({ due: [], owner: [] });
  });

  it('stays consistent when two instances save the same registration at once', async () => {
    const prefix = uniquePrefix();
    const [x, y] = [azureStore(azurite, prefix), azureStore(azurite, prefix)];
    await x.saveRegistration(registration({ nextDueAt: '2025-01-01T00:00:00.000Z' }));
    const times = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, 1, 1 + i)).toISOString());
    await Promise.all(
      times.map((t, i) => (i % 2 ? x : y).saveRegistration(registration({ nextDueAt: t, label: `v${i}` }))),
    );
    const final = await x.getRegistration('reg-1');
    expect(final?.nextDueAt).toBeDefined();
    expect(await y.listDueRegistrations(FAR, 10)).toEqual([final]);
    expect((await indexRows(prefix)).due).toHaveLength(1);
  });

  it('breaks ties in due time by id exactly as the other stores do, whatever the key encoding', async () => {
    const store = azureStore(azurite, uniquePrefix());
    const at = '2025-05-01T00:00:00.000Z';
    // Encoded, ' x' sorts after 'Ax' ('~0020x' > 'Ax'); as an id it sorts before.
    for (const id of ['Ax', ' x', 'b', '~']) await store.saveRegistration(registration({ id, nextDueAt: at }));
    await store.saveRegistration(registration({ id: 'early', nextDueAt: '2025-04-30T00:00:00.000Z' }));
    expect(ids(await store.listDueRegistrations(at, 2))).toEqual(['early', ' x']);
    expect(ids(await store.listDueRegistrations(at, 3))).toEqual(['early', ' x', 'Ax']);
    expect(ids(await store.listDueRegistrations(at, 10))).toEqual(['early', ' x', 'Ax', 'b', '~']);
    expect(await store.listDueRegistrations(at, 0)).toEqual([]);
  });

  it('returns the earliest due registrations when fewer than are due are asked for, whatever the save order', async () => {
    const store = azureStore(azurite, uniquePrefix());
    const order = [
      17, 3, 29, 11, 0, 23, 5, 14, 26, 8, 20, 2, 28, 12, 7, 19, 1, 25, 10, 16, 4, 22, 13, 27, 6, 9, 24, 15, 21, 18,
    ];
    for (const i of order)
      await store.saveRegistration(
        registration({ id: `z${29 - i}`, nextDueAt: new Date(Date.UTC(2025, 0, 1, i)).toISOString() }),
      );
    expect(ids(await store.listDueRegistrations(FAR, 5))).toEqual(['z29', 'z28', 'z27', 'z26', 'z25']);
    expect(ids(await store.listDueRegistrations('2025-01-01T02:30:00.000Z', 5))).toEqual(['z29', 'z28', 'z27']);
  });

  it('reads the index range and only the due registrations, not the whole table', async () => {
    const prefix = uniquePrefix();
    const seed = azureStore(azurite, prefix);
    const all = Array.from({ length: 120 }, (_, i) =>
      registration({
        id: `r${String(i).padStart(3, '0')}`,
        ownerId: `owner-${i % 7}`,
        nextDueAt: new Date(Date.UTC(2025, 5, 1 + (i % 90))).toISOString(),
      }),
    );
    for (let i = 0; i < all.length; i += 20)
      await Promise.all(all.slice(i, i + 20).map((r) => seed.saveRegistration(r)));

    const proxy = await startCountingProxy(azurite.port);
    try {
      const store = azureStore(azurite, prefix, {
        connectionString: azurite.connectionString.replace(azurite.tableEndpoint, proxy.endpoint),
      });
      await store.getRegistration('r000'); // creates (finds) the table first
      proxy.clear();
      const due = await store.listDueRegistrations('2025-06-02T00:00:00.000Z', 50);
      expect(ids(due)).toEqual(['r000', 'r090', 'r001', 'r091']);
      const requests = proxy.requests();
      const queries = requests.filter((r) => r.path.includes('$filter'));
      expect(queries).toHaveLength(1);
      expect(queries[0]?.path).toContain("RowKey ge 'due|'");
      expect(queries[0]?.entities).toBe(4);
      expect(requests.reduce((n, r) => n + r.entities, 0)).toBe(8); // 4 index rows + 4 registrations
      proxy.clear();
      const owned = await store.listRegistrations('owner-3');
      expect(owned).toHaveLength(all.filter((r) => r.ownerId === 'owner-3').length);
      expect(proxy.requests().reduce((n, r) => n + r.entities, 0)).toBe(owned.length * 2);
    } finally {
      await proxy.stop();
    }
  });
});
