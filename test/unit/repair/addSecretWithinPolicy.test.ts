import { addSecretWithinPolicy } from '../../../src/repair/addSecretWithinPolicy';
import { AppLifecycleError, type AppLifecycle, type GraphApp } from '../../../src/repair/graphAppLifecycle';
import { createFakeClock } from '../../../src/time/clock';

const APP: GraphApp = { objectId: 'obj', appId: 'app', displayName: 'App', secrets: [] };
const DAY = 86_400_000;

/** Graph refusing any secret longer than `maxDays`, with the policy itself readable or not. */
function lifecycle(maxDays: number, policyReadable: boolean) {
  const asked: string[] = [];
  const clock = createFakeClock('2026-12-03T10:00:00.000Z');
  const life: AppLifecycle = {
    maxSecretLifetimeDays: () => Promise.resolve(policyReadable ? maxDays : undefined),
    findByName: () => Promise.resolve([]),
    getApp: () => Promise.resolve(APP),
    createApp: () => Promise.resolve(APP),
    removeSecret: () => Promise.resolve(),
    addSecret: (_app, _name, end) => {
      asked.push(end);
      if (Date.parse(end) - clock.now().getTime() > maxDays * DAY) {
        return Promise.reject(new AppLifecycleError('too long', 400, true));
      }
      return Promise.resolve({
        keyId: 'k',
        hint: 'Abc',
        endDateTime: end,
        secretText: 'Abc1Q~secret-value-0123456789',
      });
    },
  };
  return { life, asked, clock };
}

describe('adding a secret within the tenant policy', () => {
  it('uses the policy when it can be read: one request, shortened, said so', async () => {
    const { life, asked, clock } = lifecycle(90, true);
    const result = await addSecretWithinPolicy(life, APP, { displayName: 'x', months: 12, clock });
    expect(asked).toHaveLength(1);
    expect(result.lifetimeNote).toContain('at most 90 days');
  });

  it('without the policy, steps down through the offered lifetimes until Graph accepts one', async () => {
    const { life, asked, clock } = lifecycle(100, false);
    const result = await addSecretWithinPolicy(life, APP, { displayName: 'x', months: 24, clock });
    expect(asked).toHaveLength(4); // 24, 12, 6 refused; 3 accepted
    expect(result.lifetimeNote).toBe(
      "Your organisation's app management policy did not allow 24 months, so this secret lives 3 months.",
    );
  });

  it('says nothing when the chosen lifetime is allowed, and gives up with the plain refusal when none is', async () => {
    const ok = lifecycle(400, false);
    expect(
      (await addSecretWithinPolicy(ok.life, APP, { displayName: 'x', months: 6, clock: ok.clock })).lifetimeNote,
    ).toBeUndefined();
    const none = lifecycle(30, false);
    await expect(
      addSecretWithinPolicy(none.life, APP, { displayName: 'x', months: 6, clock: none.clock }),
    ).rejects.toThrow('too long');
    expect(none.asked).toHaveLength(2);
  });
});
