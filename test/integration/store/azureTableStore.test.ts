import { createFakeClock } from '../../../src/time/clock';
import { startAzurite, type Azurite } from '../../helpers/azurite';
import { registration, runStoreContract, SAMPLE_REPORT } from '../../unit/store/storeContract';
import { azureStore, uniquePrefix } from './azureTestKit';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite.stop();
});

runStoreContract('azureTableStore', (clock) => azureStore(azurite, uniquePrefix(), { clock }));

describe('azureTableStore shared by two bot instances', () => {
  it('hands out a single-use value exactly once across both instances', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [azureStore(azurite, prefix), azureStore(azurite, prefix)];
    for (let round = 0; round < 5; round += 1) {
      await a.putKv('consent-state', `state-${round}`, {
        value: { nonce: round },
        expiresAt: '2999-01-01T00:00:00.000Z',
      });
      const takes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? a : b).takeKv<{ nonce: number }>('consent-state', `state-${round}`),
        ),
      );
      expect(takes.filter((t) => t !== undefined)).toEqual([{ nonce: round }]);
      expect(await b.getKv('consent-state', `state-${round}`)).toBeUndefined();
    }
  });

  it('lets one instance claim a reminder-ledger key, and exactly one renew it once expired', async () => {
    const prefix = uniquePrefix();
    const clock = createFakeClock('2025-05-01T10:00:00.000Z');
    const [a, b] = [azureStore(azurite, prefix, { clock }), azureStore(azurite, prefix, { clock })];
    const key = 'reg-1|secret-1|7|19:abc@thread.tacv2';
    const claim = (i: number, expiresAt: string) =>
      (i % 2 === 0 ? a : b).putKvIfAbsent('ledger', key, { value: `claimant-${i}`, expiresAt });
    const first = await Promise.all(Array.from({ length: 16 }, (_, i) => claim(i, '2025-05-01T10:05:00.000Z')));
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await b.getKv('ledger', key)).toBe(`claimant-${first.indexOf(true)}`);
    clock.advance(5 * 60_000);
    const renewals = await Promise.all(
      Array.from({ length: 16 }, (_, i) => claim(100 + i, '2025-05-01T10:10:00.000Z')),
    );
    expect(renewals.filter(Boolean)).toHaveLength(1);
    expect(await a.getKv('ledger', key)).toBe(`claimant-${100 + renewals.indexOf(true)}`);
  });

  it('sees registrations saved by the other instance, and a delete by either', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [azureStore(azurite, prefix), azureStore(azurite, prefix)];
    await a.saveRegistration(registration({ id: 'r1', nextDueAt: '2025-05-01T00:00:00.000Z' }));
    await b.saveRegistration(registration({ id: 'r2', label: 'Another', nextDueAt: '2025-04-01T00:00:00.000Z' }));
    expect((await b.listRegistrations('owner-a')).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect((await a.listDueRegistrations('2025-06-01T00:00:00.000Z', 10)).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(await b.deleteRegistration('r1', 'owner-a')).toBe(true);
    expect(await a.deleteRegistration('r1', 'owner-a')).toBe(false);
    expect(await a.getRegistration('r1')).toBeUndefined();
  });

  it('deletes a registration once when both instances try at the same time', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [azureStore(azurite, prefix), azureStore(azurite, prefix)];
    await a.saveRegistration(registration({ nextDueAt: '2025-05-01T00:00:00.000Z' }));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).deleteRegistration('reg-1', 'owner-a')),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.listDueRegistrations('2030-01-01T00:00:00.000Z', 10)).toEqual([]);
    expect(await a.listRegistrations('owner-a')).toEqual([]);
  });
});

describe('azureTableStore persistence', () => {
  it('keeps everything across store re-creation (a restart)', async () => {
    const prefix = uniquePrefix();
    const first = azureStore(azurite, prefix);
    const saved = registration({
      lastResult: SAMPLE_REPORT,
      nextDueAt: '2025-06-01T00:00:00.000Z',
      statusCard: { conversationKey: 'a:1', activityId: 'x' },
    });
    await first.saveRegistration(saved);
    await first.saveConversation({
      key: 'a:1',
      scope: 'personal',
      userId: 'u1',
      reference: { conversation: { id: 'a:1' } },
      updatedAt: '2025-05-01T00:00:00.000Z',
    });
    await first.putKv('setup', 'u1', { value: { step: 'secret' } });
    await first.close();
    await expect(first.getRegistration('reg-1')).rejects.toThrow(/store is closed/);

    const second = azureStore(azurite, prefix);
    expect(await second.getRegistration('reg-1')).toEqual(saved);
    expect(await second.listRegistrations('owner-a')).toEqual([saved]);
    expect(await second.listDueRegistrations('2025-06-01T00:00:00.000Z', 5)).toEqual([saved]);
    expect((await second.getConversation('a:1'))?.userId).toBe('u1');
    expect(await second.getKv('setup', 'u1')).toEqual({ step: 'secret' });
    await second.close();
  });
});
