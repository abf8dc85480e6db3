import { randomBytes } from 'node:crypto';
import type { ConnectorChecker } from '../../../src/consent/connectorChecker';
import type { CheckFailure, CheckResult, ConnectorInput } from '../../../src/consent/report';
import { createConsentStates } from '../../../src/registrations/consentStates';
import { createRegistrationService } from '../../../src/registrations/registrationService';
import { createMemoryStore } from '../../../src/store/memoryStore';
import { createSealer } from '../../../src/store/sealing';
import { createFakeClock, systemClock } from '../../../src/time/clock';
import { countingStore, REGISTRATION_CALLS } from '../../helpers/countingStore';

const SECRET = 'abc8Q~0123456789012345678901234567890123';
const failure = (code: CheckFailure['code']): CheckFailure => ({
  kind: 'failure',
  code,
  checkedAt: '2026-01-01T00:00:00Z',
  title: code,
  explanation: '',
  fix: '',
  retryable: false,
});

/** A checker double that records the inputs it saw and answers what the test says. */
function checkerAnswering(
  answer: (input: ConnectorInput) => CheckResult,
): ConnectorChecker & { seen: ConnectorInput[] } {
  const seen: ConnectorInput[] = [];
  return { seen, check: async (input) => (seen.push(input), answer(input)) };
}

const report = (input: ConnectorInput, name = 'Contoso connector'): CheckResult => ({
  kind: 'report',
  checkedAt: '2026-01-01T00:00:00Z',
  cloud: 'public',
  tenantInput: input.tenant,
  tenantId: input.tenant,
  clientId: input.clientId,
  profileId: 'office365-connector',
  app: { displayName: name, servicePrincipal: 'present' },
  permissions: [],
  extraPermissions: [],
  secret: { valid: true, identified: false, warnings: [] },
  verdict: 'Ready',
  nextSteps: [],
  links: {
    adminConsent: 'https://x',
    portalApiPermissions: 'https://x',
    portalCredentials: 'https://x',
    portalOverview: 'https://x',
  },
  notes: [],
});

const owner = { ownerId: 'user-1', ownerTenantId: 'tenant-1' };
const input = {
  tenant: '11111111-1111-4111-8111-111111111111',
  clientId: '22222222-2222-4222-8222-222222222222',
  clientSecret: SECRET,
};

describe('registration service', () => {
  it('stores a checked registration sealed, named after the app, and re-checks with the same secret', async () => {
    const store = createMemoryStore();
    const checker = checkerAnswering((i) => report(i));
    const service = createRegistrationService({
      store,
      sealer: createSealer(randomBytes(32)),
      checker,
      clock: createFakeClock('2026-01-01T00:00:00Z'),
    });
    const { registration } = await service.register(owner, input);
    expect(registration?.label).toBe('Contoso connector');
    expect(JSON.stringify(await store.getRegistration(registration!.id))).not.toContain(SECRET);
    await service.recheck((await service.get(registration!.id, owner.ownerId))!);
    expect(checker.seen[1]?.clientSecret).toBe(SECRET);
    // Only the owner reaches a registration to re-check it.
    expect(await service.get(registration!.id, 'someone-else')).toBeUndefined();
  });

  it('does not store rejected credentials, and keeps the previous working ones', async () => {
    const store = createMemoryStore();
    let answer: CheckResult | undefined;
    const checker = checkerAnswering((i) => answer ?? report(i));
    const service = createRegistrationService({
      store,
      sealer: createSealer(randomBytes(32)),
      checker,
      clock: systemClock,
    });
    const { registration } = await service.register(owner, input);
    answer = failure('invalid-secret');
    const second = await service.register(
      owner,
      { ...input, clientSecret: 'wrong' },
      { registrationId: registration!.id },
    );
    expect(second.registration).toBeUndefined();
    answer = undefined;
    await service.recheck((await service.get(registration!.id, owner.ownerId))!);
    expect(checker.seen.at(-1)?.clientSecret).toBe(SECRET);
    expect(await service.list(owner.ownerId)).toHaveLength(1);
  });

  it('registering the same app again updates it instead of duplicating it', async () => {
    const store = createMemoryStore();
    const service = createRegistrationService({
      store,
      sealer: createSealer(randomBytes(32)),
      checker: checkerAnswering((i) => report(i)),
      clock: systemClock,
    });
    const a = await service.register(owner, input);
    const b = await service.register(owner, { ...input, clientId: input.clientId.toUpperCase() });
    expect(b.registration?.id).toBe(a.registration?.id);
    expect(await service.list(owner.ownerId)).toHaveLength(1);
  });
});

describe('one read and one write per check', () => {
  it('recheck uses the registration it is given and stores result and status card in one write', async () => {
    const counting = countingStore(createMemoryStore());
    const service = createRegistrationService({
      store: counting.store,
      sealer: createSealer(randomBytes(32)),
      checker: checkerAnswering((i) => report(i)),
      clock: createFakeClock('2026-01-02T00:00:00Z'),
    });
    const { registration } = await service.register(owner, input, {
      statusCard: { conversationKey: 'a:chat', activityId: '1:form' },
    });
    expect(registration?.statusCard).toEqual({ conversationKey: 'a:chat', activityId: '1:form' });
    counting.reset();
    const checked = await service.recheck(registration!, {
      statusCard: { conversationKey: 'a:chat', activityId: '1:status' },
    });
    expect(counting.counts(REGISTRATION_CALLS)).toEqual({ updateRegistrationIfPresent: 1 });
    expect(checked.registration?.statusCard).toEqual({ conversationKey: 'a:chat', activityId: '1:status' });
    expect((await counting.store.getRegistration(registration!.id))?.statusCard?.activityId).toBe('1:status');
    // Without a card, the one already remembered stays.
    await service.recheck(checked.registration!);
    expect((await counting.store.getRegistration(registration!.id))?.statusCard?.activityId).toBe('1:status');
  });

  it('a registration forgotten while its re-check runs stays forgotten, sealed secret and all', async () => {
    const store = createMemoryStore();
    let release: () => void = () => undefined;
    let hang = false;
    const checker: ConnectorChecker = {
      check: async (i) => {
        if (hang) await new Promise<void>((resolve) => (release = resolve));
        return report(i);
      },
    };
    const service = createRegistrationService({
      store,
      sealer: createSealer(randomBytes(32)),
      checker,
      clock: createFakeClock('2026-01-02T00:00:00Z'),
    });
    const { registration } = await service.register(owner, input);
    hang = true;
    const running = service.recheck(registration!);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await service.forget(registration!.id, owner.ownerId)).toBe(true);
    release();
    const checked = await running;
    expect(checked.forgotten).toBe(true);
    expect(checked.registration).toBeUndefined();
    expect(await store.getRegistration(registration!.id)).toBeUndefined();
    expect(await service.list(owner.ownerId)).toEqual([]);
  });
});

describe('a wrong encryption key', () => {
  it('answers with a clear failure and leaves the stored registration untouched', async () => {
    const store = createMemoryStore();
    const checker = checkerAnswering((i) => report(i));
    const before = createRegistrationService({
      store,
      sealer: createSealer(randomBytes(32)),
      checker,
      clock: systemClock,
    });
    const { registration } = await before.register(owner, input);
    const stored = JSON.stringify(await store.getRegistration(registration!.id));
    const after = createRegistrationService({
      store,
      sealer: createSealer(randomBytes(32)),
      checker,
      clock: systemClock,
    });
    const checked = await after.recheck((await after.get(registration!.id, owner.ownerId))!);
    expect(checked?.result).toEqual(expect.objectContaining({ kind: 'failure', code: 'stored-secret-unreadable' }));
    expect(checked?.result.kind === 'failure' && checked.result.fix).toMatch(/SECRET_ENCRYPTION_KEY/);
    expect(checker.seen).toHaveLength(1);
    expect(JSON.stringify(await store.getRegistration(registration!.id))).toBe(stored);
  });
});

describe('consent states', () => {
  it('are single-use, expire, and reject forgeries', async () => {
    const clock = createFakeClock('2026-01-01T00:00:00Z');
    const store = createMemoryStore({ clock });
    const states = createConsentStates({ store, signingKey: randomBytes(32), clock, ttlMs: 60_000 });
    const record = { registrationId: 'r1', ownerId: 'u1', tenantId: 't1' };
    const state = await states.issue(record);
    expect(await states.redeem(state)).toEqual(record);
    expect(await states.redeem(state)).toBeUndefined();
    const late = await states.issue(record);
    clock.advance(61_000);
    expect(await states.redeem(late)).toBeUndefined();
    const fresh = await states.issue(record);
    const [nonce] = fresh.split('.');
    expect(await states.redeem(`${nonce}.AAAA`)).toBeUndefined();
    const other = createConsentStates({ store, signingKey: randomBytes(32), clock });
    expect(await other.redeem(fresh)).toBeUndefined();
    expect(await states.redeem(fresh)).toEqual(record);
  });
});
