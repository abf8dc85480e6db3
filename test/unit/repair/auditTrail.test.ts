import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../../src/log/logger';
import { createAuditTrail } from '../../../src/repair/auditTrail';
import type { RepairAuditEntry } from '../../../src/repair/repairOutcome';
import { createMemoryStore } from '../../../src/store/memoryStore';
import { createSqliteStore } from '../../../src/store/sqliteStore';
import type { FullStore } from '../../../src/store/store';
import { createFakeClock } from '../../../src/time/clock';

function entry(registrationId: string, minute: number, completed = true): RepairAuditEntry {
  return {
    at: new Date(Date.UTC(2026, 11, 2, 10, minute)).toISOString(),
    registrationId,
    tenantId: '11111111-1111-1111-1111-111111111111',
    clientId: '22222222-2222-2222-2222-222222222222',
    by: { objectId: `oid-${minute}`, userPrincipalName: `admin${minute}@contoso.example` },
    completed,
    changes: [
      {
        step: 'grant-application',
        summary: 'Granted admin consent: User.Read.All (Application)',
        result: completed ? 'applied' : 'failed',
      },
    ],
  };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.each<[string, () => FullStore]>([
  ['memory store', () => createMemoryStore({ clock: createFakeClock() })],
  [
    'SQLite store',
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'ccb-audit-'));
      dirs.push(dir);
      return createSqliteStore({ dataDir: dir, clock: createFakeClock() });
    },
  ],
])('auditTrail on the %s', (_name, makeStore) => {
  let store: FullStore;
  let lines: string[];
  beforeEach(() => {
    store = makeStore();
    lines = [];
  });
  afterEach(() => store.close());
  const trail = (keep?: number) =>
    createAuditTrail({ store, logger: createLogger({ sink: (l) => lines.push(l) }), ...(keep ? { keep } : {}) });

  it('lists a registration’s entries newest first, and only its own', async () => {
    const audit = trail();
    await audit.record(entry('reg-a', 1));
    await audit.record(entry('reg-a', 30, false));
    await audit.record(entry('reg-a', 5));
    await audit.record(entry('reg-b', 10));
    const listed = await audit.list('reg-a');
    expect(listed.map((e) => e.by.objectId)).toEqual(['oid-30', 'oid-5', 'oid-1']);
    expect(listed[0]?.completed).toBe(false);
    expect((await audit.list('reg-b')).map((e) => e.by.objectId)).toEqual(['oid-10']);
  });

  it('keeps only the newest entries beyond the bound', async () => {
    const audit = trail(3);
    for (let minute = 0; minute < 6; minute++) await audit.record(entry('reg-a', minute));
    expect((await audit.list('reg-a')).map((e) => e.by.objectId)).toEqual(['oid-5', 'oid-4', 'oid-3']);
  });

  it('forgets every entry of a registration and leaves the others', async () => {
    const audit = trail();
    await audit.record(entry('reg-a', 1));
    await audit.record(entry('reg-a', 2));
    await audit.record(entry('reg-b', 3));
    await audit.forget('reg-a');
    expect(await audit.list('reg-a')).toEqual([]);
    expect(await audit.list('reg-b')).toHaveLength(1);
  });

  it('writes one structured audit event per entry: who, tenant, app, each change, result', async () => {
    const audit = trail();
    await audit.record(entry('reg-a', 7));
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'repair.audit');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      registrationId: 'reg-a',
      tenantId: '11111111-1111-1111-1111-111111111111',
      clientId: '22222222-2222-2222-2222-222222222222',
      byObjectId: 'oid-7',
      byUpn: 'admin7@contoso.example',
      completed: true,
      changes: [{ step: 'grant-application', result: 'applied' }],
    });
  });
});
