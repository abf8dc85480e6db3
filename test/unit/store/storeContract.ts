import type { ConsentReport } from '../../../src/consent/report';
import type { FullStore, StoredConversation, StoredRegistration } from '../../../src/store/store';
import { createFakeClock, type Clock, type FakeClock } from '../../../src/time/clock';

/** Builds a store for one test; the clock decides kv expiry. */
export type StoreFactory = (clock: Clock) => FullStore | Promise<FullStore>;

export const SAMPLE_REPORT: ConsentReport = {
  kind: 'report',
  checkedAt: '2025-05-01T09:00:00.000Z',
  cloud: 'public',
  tenantInput: 'contoso.onmicrosoft.com',
  tenantId: '11111111-1111-4111-8111-111111111111',
  clientId: '22222222-2222-4222-8222-222222222222',
  profileId: 'office365-connector',
  app: { displayName: 'Contoso <Connector>', servicePrincipal: 'present', redirectUris: [] },
  permissions: [
    {
      permission: {
        name: 'User.Read',
        kind: 'Delegated',
        id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
        adminConsentRequired: false,
      },
      status: 'Granted',
      source: 'graph',
    },
  ],
  extraPermissions: [],
  secret: {
    valid: true,
    identified: true,
    hint: 'kQz',
    endDateTime: '2026-01-01T00:00:00Z',
    daysLeft: 245,
    warnings: [],
  },
  verdict: 'Action needed',
  nextSteps: [
    {
      code: 'grant-admin-consent',
      text: 'Grant admin consent — ünïcödé ✓',
      link: 'https://login.microsoftonline.com/x',
    },
  ],
  links: {
    adminConsent: 'https://a',
    portalApiPermissions: 'https://b',
    portalCredentials: 'https://c',
    portalOverview: 'https://d',
  },
  notes: [],
};

export function registration(overrides: Partial<StoredRegistration> = {}): StoredRegistration {
  return {
    id: 'reg-1',
    ownerId: 'owner-a',
    ownerTenantId: '33333333-3333-4333-8333-333333333333',
    label: 'Contoso connector',
    tenantInput: 'contoso.onmicrosoft.com',
    tenantId: '11111111-1111-4111-8111-111111111111',
    clientId: '22222222-2222-4222-8222-222222222222',
    sealedSecret: 'v1.abcdef01.iv.tag.body',
    secretHint: 'kQz',
    createdAt: '2025-05-01T08:00:00.000Z',
    updatedAt: '2025-05-01T08:00:00.000Z',
    ...overrides,
  };
}

const conversation = (overrides: Partial<StoredConversation> = {}): StoredConversation => ({
  key: '19:abc@thread.tacv2',
  scope: 'channel',
  tenantId: '33333333-3333-4333-8333-333333333333',
  reference: {
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversation: { id: '19:abc@thread.tacv2' },
    bot: { id: '28:x' },
  },
  updatedAt: '2025-05-01T08:00:00.000Z',
  ...overrides,
});

/** The behaviour every Store implementation must have. */
export function runStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name}: Store contract`, () => {
    let clock: FakeClock;
    let store: FullStore;
    beforeEach(async () => {
      clock = createFakeClock('2025-05-01T10:00:00.000Z');
      store = await factory(clock);
    });
    afterEach(async () => {
      await store.close();
    });

    describe('registrations', () => {
      it('round-trips every field, and leaves absent optional fields absent', async () => {
        const full = registration({
          lastResult: SAMPLE_REPORT,
          lastCheckedAt: '2025-05-01T09:00:00.000Z',
          statusCard: { conversationKey: 'a:1', activityId: 'act-1' },
          nextDueAt: '2025-06-01T00:00:00Z',
        });
        await store.saveRegistration(full);
        expect(await store.getRegistration('reg-1')).toEqual(full);
        await store.saveRegistration(registration({ id: 'reg-2' }));
        const bare = await store.getRegistration('reg-2');
        expect(bare).toEqual(registration({ id: 'reg-2' }));
        expect(Object.keys(bare ?? {})).not.toContain('lastResult');
        expect(Object.keys(bare ?? {})).not.toContain('nextDueAt');
      });

      it('answers undefined for an unknown id', async () => {
        expect(await store.getRegistration('nope')).toBeUndefined();
      });

      it('saving an existing id replaces it (and can clear optional fields)', async () => {
        await store.saveRegistration(
          registration({ lastResult: SAMPLE_REPORT, nextDueAt: '2025-06-01T00:00:00.000Z' }),
        );
        await store.saveRegistration(registration({ label: 'Renamed', updatedAt: '2025-05-02T00:00:00.000Z' }));
        const saved = await store.getRegistration('reg-1');
        expect(saved?.label).toBe('Renamed');
        expect(saved?.lastResult).toBeUndefined();
        expect(await store.listDueRegistrations('2030-01-01T00:00:00Z', 10)).toEqual([]);
      });

      it('hands out copies: changing a returned or saved object changes nothing stored', async () => {
        const mutable = { ...registration(), lastResult: JSON.parse(JSON.stringify(SAMPLE_REPORT)) as ConsentReport };
        await store.saveRegistration(mutable);
        (mutable as { label: string }).label = 'changed after save';
        const read = await store.getRegistration('reg-1');
        (read as { label: string }).label = 'changed after read';
        expect((await store.getRegistration('reg-1'))?.label).toBe('Contoso connector');
      });

      it("lists one owner's registrations ordered by label, case-insensitively", async () => {
        await store.saveRegistration(registration({ id: 'r1', label: 'beta' }));
        await store.saveRegistration(registration({ id: 'r2', label: 'Alpha' }));
        await store.saveRegistration(registration({ id: 'r3', label: 'gamma' }));
        await store.saveRegistration(registration({ id: 'r0', label: 'alpha' }));
        await store.saveRegistration(registration({ id: 'other', ownerId: 'owner-b', label: 'aaa' }));
        const listed = await store.listRegistrations('owner-a');
        expect(listed.map((r) => r.id)).toEqual(['r0', 'r2', 'r1', 'r3']);
        expect(await store.listRegistrations('owner-c')).toEqual([]);
      });

      it('save after delete: an update-if-present of a forgotten registration writes nothing', async () => {
        const read = registration();
        await store.saveRegistration(read);
        expect(await store.deleteRegistration('reg-1', 'owner-a')).toBe(true);
        expect(await store.updateRegistrationIfPresent({ ...read, label: 'after the check' })).toBe(false);
        expect(await store.getRegistration('reg-1')).toBeUndefined();
        expect(await store.listRegistrations('owner-a')).toEqual([]);
        expect(await store.listDueRegistrations('2999-01-01T00:00:00.000Z', 10)).toEqual([]);
      });

      it('update-if-present replaces a registration that still exists', async () => {
        await store.saveRegistration(registration());
        expect(
          await store.updateRegistrationIfPresent(
            registration({ label: 'renamed', nextDueAt: '2025-05-02T00:00:00.000Z' }),
          ),
        ).toBe(true);
        expect((await store.getRegistration('reg-1'))?.label).toBe('renamed');
        expect((await store.listDueRegistrations('2025-05-03T00:00:00.000Z', 10)).map((r) => r.id)).toEqual(['reg-1']);
      });

      it('two writers of different fields: a slow check and the sweep both keep what they wrote', async () => {
        await store.saveRegistration(registration({ nextDueAt: '2025-05-02T00:00:00.000Z' }));
        const readByCheck = (await store.getRegistration('reg-1')) ?? registration();
        // Meanwhile the sweep moves the registration's next look, and a new status card is posted.
        const readBySweep = (await store.getRegistration('reg-1')) ?? registration();
        expect(
          await store.updateRegistrationIfPresent({ ...readBySweep, nextDueAt: '2025-05-09T00:00:00.000Z' }, [
            'nextDueAt',
          ]),
        ).toBe(true);
        // The check ends and writes its own fields from its old copy.
        const checked = {
          ...readByCheck,
          label: 'Contoso app',
          lastCheckedAt: '2025-05-01T10:00:20.000Z',
          statusCard: { conversationKey: 'a:chat', activityId: 'card-2' },
        };
        expect(
          await store.updateRegistrationIfPresent(checked, ['label', 'lastCheckedAt', 'statusCard', 'updatedAt']),
        ).toBe(true);
        const now = await store.getRegistration('reg-1');
        expect(now).toMatchObject({
          label: 'Contoso app',
          lastCheckedAt: '2025-05-01T10:00:20.000Z',
          statusCard: { conversationKey: 'a:chat', activityId: 'card-2' },
          nextDueAt: '2025-05-09T00:00:00.000Z', // not undone by the check's stale copy
        });
        // The due index follows the merged record, not the stale copy.
        expect((await store.listDueRegistrations('2025-05-03T00:00:00.000Z', 10)).map((r) => r.id)).toEqual([]);
        expect((await store.listDueRegistrations('2025-05-10T00:00:00.000Z', 10)).map((r) => r.id)).toEqual(['reg-1']);
        // A partial update of a forgotten registration writes nothing either.
        await store.deleteRegistration('reg-1', 'owner-a');
        expect(await store.updateRegistrationIfPresent(checked, ['label'])).toBe(false);
        expect(await store.getRegistration('reg-1')).toBeUndefined();
      });

      it('a partial update removes a field the update leaves out, and touches nothing else', async () => {
        await store.saveRegistration(registration({ nextDueAt: '2025-05-02T00:00:00.000Z', label: 'kept' }));
        const { nextDueAt: _gone, ...without } = registration({ label: 'not written' });
        expect(await store.updateRegistrationIfPresent(without, ['nextDueAt'])).toBe(true);
        const now = await store.getRegistration('reg-1');
        expect(now?.nextDueAt).toBeUndefined();
        expect(now?.label).toBe('kept');
        expect(await store.listDueRegistrations('2999-01-01T00:00:00.000Z', 10)).toEqual([]);
      });

      it('deletes only for the owner', async () => {
        await store.saveRegistration(registration());
        expect(await store.deleteRegistration('reg-1', 'owner-b')).toBe(false);
        expect(await store.getRegistration('reg-1')).toBeDefined();
        expect(await store.deleteRegistration('reg-1', 'owner-a')).toBe(true);
        expect(await store.getRegistration('reg-1')).toBeUndefined();
        expect(await store.deleteRegistration('reg-1', 'owner-a')).toBe(false);
      });

      it('lists due registrations earliest first, bounded, skipping future and undated ones', async () => {
        await store.saveRegistration(registration({ id: 'late', nextDueAt: '2025-05-01T09:30:00.000Z' }));
        await store.saveRegistration(registration({ id: 'early', nextDueAt: '2025-04-01T00:00:00.000Z' }));
        await store.saveRegistration(registration({ id: 'future', nextDueAt: '2025-05-01T10:00:00.001Z' }));
        await store.saveRegistration(registration({ id: 'never' }));
        await store.saveRegistration(registration({ id: 'exact', nextDueAt: '2025-05-01T10:00:00.000Z' }));
        const due = await store.listDueRegistrations('2025-05-01T10:00:00.000Z', 10);
        expect(due.map((r) => r.id)).toEqual(['early', 'late', 'exact']);
        expect((await store.listDueRegistrations('2025-05-01T10:00:00.000Z', 2)).map((r) => r.id)).toEqual([
          'early',
          'late',
        ]);
        expect(await store.listDueRegistrations('2000-01-01T00:00:00.000Z', 10)).toEqual([]);
      });

      it('rejects an unparseable nextDueAt', async () => {
        await expect(store.saveRegistration(registration({ nextDueAt: 'tomorrow' }))).rejects.toThrow(
          /nextDueAt must be an ISO date-time/,
        );
      });
    });

    describe('conversations', () => {
      it('round-trips, replaces and deletes', async () => {
        await store.saveConversation(conversation());
        expect(await store.getConversation('19:abc@thread.tacv2')).toEqual(conversation());
        const personal = conversation({ key: 'a:1', scope: 'personal', userId: 'u1', tenantId: undefined });
        await store.saveConversation(personal);
        expect(await store.getConversation('a:1')).toEqual({
          key: 'a:1',
          scope: 'personal',
          userId: 'u1',
          reference: personal.reference,
          updatedAt: personal.updatedAt,
        });
        await store.saveConversation(conversation({ updatedAt: '2025-05-02T00:00:00.000Z' }));
        expect((await store.getConversation('19:abc@thread.tacv2'))?.updatedAt).toBe('2025-05-02T00:00:00.000Z');
        await store.deleteConversation('19:abc@thread.tacv2');
        expect(await store.getConversation('19:abc@thread.tacv2')).toBeUndefined();
        await expect(store.deleteConversation('missing')).resolves.toBeUndefined();
      });
    });

    describe('key/value', () => {
      it('round-trips JSON values and keeps namespaces apart', async () => {
        await store.putKv('setup', 'u1', { value: { step: 'tenant', tries: 2, list: [1, 'x'] } });
        await store.putKv('other', 'u1', { value: 'different' });
        expect(await store.getKv('setup', 'u1')).toEqual({ step: 'tenant', tries: 2, list: [1, 'x'] });
        expect(await store.getKv('other', 'u1')).toBe('different');
        expect(await store.getKv('setup', 'u2')).toBeUndefined();
        await store.deleteKv('setup', 'u1');
        expect(await store.getKv('setup', 'u1')).toBeUndefined();
        expect(await store.getKv('other', 'u1')).toBe('different');
      });

      it('reads a record as absent once it expires', async () => {
        await store.putKv('state', 's1', { value: 1, expiresAt: '2025-05-01T10:10:00.000Z' });
        clock.advance(9 * 60_000);
        expect(await store.getKv('state', 's1')).toBe(1);
        clock.advance(60_000);
        expect(await store.getKv('state', 's1')).toBeUndefined();
        expect(await store.takeKv('state', 's1')).toBeUndefined();
        clock.set('2025-05-01T10:00:00.000Z');
        expect(await store.getKv('state', 's1')).toBeUndefined();
      });

      it('overwrites a record, including its expiry', async () => {
        await store.putKv('state', 's1', { value: 'a', expiresAt: '2025-05-01T10:00:01.000Z' });
        await store.putKv('state', 's1', { value: 'b' });
        clock.advance(86_400_000);
        expect(await store.getKv('state', 's1')).toBe('b');
      });

      it('takeKv returns a value once', async () => {
        await store.putKv('state', 's1', { value: { nonce: 'n' }, expiresAt: '2025-05-01T11:00:00.000Z' });
        expect(await store.takeKv('state', 's1')).toEqual({ nonce: 'n' });
        expect(await store.takeKv('state', 's1')).toBeUndefined();
        expect(await store.getKv('state', 's1')).toBeUndefined();
      });

      it('takeKv is single-use under concurrent calls', async () => {
        await store.putKv('state', 'race', { value: 'winner' });
        const results = await Promise.all(Array.from({ length: 50 }, () => store.takeKv<string>('state', 'race')));
        expect(results.filter((r) => r === 'winner')).toHaveLength(1);
        expect(results.filter((r) => r === undefined)).toHaveLength(49);
      });

      it('putKvIfAbsent lets exactly one concurrent caller claim, and an expired claim be renewed', async () => {
        const claims = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.putKvIfAbsent('ledger', 'reg|secret|7|chan', { value: i, expiresAt: '2025-05-01T10:05:00.000Z' }),
          ),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await store.getKv('ledger', 'reg|secret|7|chan')).toBe(claims.indexOf(true));
        clock.advance(5 * 60_000);
        expect(await store.putKvIfAbsent('ledger', 'reg|secret|7|chan', { value: 'again' })).toBe(true);
        expect(await store.putKvIfAbsent('ledger', 'reg|secret|7|chan', { value: 'third' })).toBe(false);
        expect(await store.getKv('ledger', 'reg|secret|7|chan')).toBe('again');
      });

      it('putKvIfAbsentOrEqual lets the holder renew its lease and nobody else take it until it expires', async () => {
        const lease = (owner: string, expiresAt: string) => ({ value: { owner }, expiresAt });
        const claims = await Promise.all(
          ['a', 'b', 'c', 'd'].map((owner) =>
            store.putKvIfAbsentOrEqual('lease', 'sweep', lease(owner, '2025-05-01T10:01:00.000Z')),
          ),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
        const holder = ['a', 'b', 'c', 'd'][claims.indexOf(true)] ?? '';
        const other = holder === 'a' ? 'b' : 'a';
        clock.advance(40_000);
        expect(await store.putKvIfAbsentOrEqual('lease', 'sweep', lease(other, '2025-05-01T10:01:40.000Z'))).toBe(
          false,
        );
        expect(await store.putKvIfAbsentOrEqual('lease', 'sweep', lease(holder, '2025-05-01T10:01:40.000Z'))).toBe(
          true,
        );
        clock.advance(40_000); // past the first expiry, within the renewed one
        expect(await store.putKvIfAbsentOrEqual('lease', 'sweep', lease(other, '2025-05-01T10:02:20.000Z'))).toBe(
          false,
        );
        expect(await store.getKv('lease', 'sweep')).toEqual({ owner: holder });
        clock.advance(30_000); // the holder stopped renewing: the lease runs out
        expect(await store.putKvIfAbsentOrEqual('lease', 'sweep', lease(other, '2025-05-01T10:03:00.000Z'))).toBe(true);
        expect(await store.putKvIfAbsentOrEqual('lease', 'sweep', lease(holder, '2025-05-01T10:03:00.000Z'))).toBe(
          false,
        );
        expect(await store.getKv('lease', 'sweep')).toEqual({ owner: other });
      });

      it('listKv lists live records of a namespace by prefix, in key order', async () => {
        await store.putKv('subs', 'reg-1|c2', { value: 2 });
        await store.putKv('subs', 'reg-1|c1', { value: 1, expiresAt: '2025-05-02T00:00:00.000Z' });
        await store.putKv('subs', 'reg-2|c1', { value: 3 });
        await store.putKv('subs', 'reg-1|gone', { value: 0, expiresAt: '2025-05-01T10:00:00.500Z' });
        await store.putKv('other', 'reg-1|c1', { value: 4 });
        clock.advance(1000);
        expect(await store.listKv('subs', 'reg-1|')).toEqual([
          { key: 'reg-1|c1', value: 1, expiresAt: '2025-05-02T00:00:00.000Z' },
          { key: 'reg-1|c2', value: 2 },
        ]);
        expect((await store.listKv('subs')).map((e) => e.key)).toEqual(['reg-1|c1', 'reg-1|c2', 'reg-2|c1']);
        expect(await store.listKv('subs', 'reg-1%')).toEqual([]);
        expect(await store.listKv('nothing')).toEqual([]);
      });

      it('rejects an unparseable expiresAt', async () => {
        await expect(store.putKv('state', 'x', { value: 1, expiresAt: 'soon' })).rejects.toThrow(
          /expiresAt must be an ISO date-time/,
        );
      });
    });

    it('refuses work once closed', async () => {
      await store.close();
      await expect(store.getRegistration('reg-1')).rejects.toThrow(/store is closed/);
      await expect(store.putKv('a', 'b', { value: 1 })).rejects.toThrow(/store is closed/);
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}
