import { randomUUID } from 'node:crypto';
import type { CheckFailure, CheckResult, ConnectorChecker, ConnectorInput, FailureCode } from '../consent';
import { openRegistrationSecret, sealRegistrationSecret } from '../store/registrationSecrets';
import { SealError } from '../store/sealError';
import type { Sealer } from '../store/sealing';
import type { RegistrationField, Store, StoredRegistration } from '../store/store';
import type { InterruptedChecks } from './interruptedChecks';
import type { Clock } from '../time/clock';

/** Who a registration belongs to: the Teams user and the Teams tenant they chat from. */
export interface Owner {
  readonly ownerId: string;
  readonly ownerTenantId: string;
}

export interface RegistrationServiceDeps {
  readonly store: Store;
  readonly sealer: Sealer;
  readonly checker: ConnectorChecker;
  readonly clock: Clock;
  readonly newId?: () => string;
  /** Markers of first checks in progress (see interruptedChecks.ts); absent: nothing saved early. */
  readonly inProgress?: Pick<InterruptedChecks, 'mark' | 'clear'>;
}

export interface CheckedRegistration {
  /** Undefined when the credentials were rejected and nothing was stored. */
  readonly registration?: StoredRegistration;
  readonly result: CheckResult;
  /** The result this registration showed before this check (a re-check only), to say what changed. */
  readonly previous?: CheckResult;
  /** True when the registration was forgotten while its re-check ran: nothing was written back. */
  readonly forgotten?: true;
}

/**
 * Failures that prove the typed values are wrong: such credentials are never stored, and an
 * existing registration keeps its previous, working values.
 */
const REJECTED_CREDENTIALS: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'invalid-input',
  'invalid-secret',
  'secret-id-given',
  'app-not-found',
  'tenant-not-found',
  'tenant-invalid',
]);

/** The failure shown when the sealed secret cannot be opened (wrong or rotated encryption key). */
function unreadableSecret(reg: StoredRegistration, error: SealError, checkedAt: string): CheckFailure {
  return {
    kind: 'failure',
    code: 'stored-secret-unreadable',
    checkedAt,
    title: 'The saved client secret cannot be opened',
    explanation: `${error.message} Nothing was deleted.`,
    fix: "Ask the bot's administrator to restore the SECRET_ENCRYPTION_KEY it used when this registration was saved, or choose Update credentials and enter the secret Value again.",
    field: 'clientSecret',
    retryable: false,
    tenantInput: reg.tenantInput,
    tenantId: reg.tenantId,
    clientId: reg.clientId,
  };
}

/** Whether a failed check means the values themselves are wrong (so they are not kept). */
export function credentialsRejected(result: CheckResult): boolean {
  return result.kind === 'failure' && REJECTED_CREDENTIALS.has(result.code);
}

/** Which personal-chat card shows a registration, to update it in place later. */
export type StatusCardRef = NonNullable<StoredRegistration['statusCard']>;

export interface RegisterOptions {
  /** The registration whose credentials are being replaced (else matched by tenant and client id). */
  readonly registrationId?: string;
  /** The card that will show the result; kept with the registration in the same write. */
  readonly statusCard?: StatusCardRef;
  /**
   * The personal chat the values were typed in: a new registration is then saved (sealed)
   * before its first check, so a crash mid-check loses nothing and the bot can say so there.
   */
  readonly conversationKey?: string;
}

export interface RecheckOptions {
  /** Ask Entra ID for a new token instead of a cached one (roles change after consent). */
  readonly freshToken?: boolean;
  /** The card that will show the result; kept with the registration in the same write. */
  readonly statusCard?: StatusCardRef;
}

/**
 * The story of a registration, independent of Teams: check the values, keep them sealed,
 * re-check later with the stored secret, forget on request. Shared by the bot and reminders.
 * A check writes the registration once: result, label and status-card reference together.
 */
export interface RegistrationService {
  /** Checks the values and stores (or updates) the owner's registration for that app. */
  register(owner: Owner, input: ConnectorInput, options?: RegisterOptions): Promise<CheckedRegistration>;
  /**
   * Re-runs the check with the stored secret of a registration the caller has already loaded
   * (and whose owner it has checked, see `get`): no second read.
   */
  recheck(registration: StoredRegistration, options?: RecheckOptions): Promise<CheckedRegistration>;
  /** Re-check by id without owner check, for the reminder sweep. */
  recheckAny(id: string): Promise<CheckedRegistration | undefined>;
  /** The owner's registration; undefined when it does not exist or belongs to someone else. */
  get(id: string, ownerId: string): Promise<StoredRegistration | undefined>;
  list(ownerId: string): Promise<StoredRegistration[]>;
  forget(id: string, ownerId: string): Promise<boolean>;
}

export function createRegistrationService(deps: RegistrationServiceDeps): RegistrationService {
  const newId = deps.newId ?? randomUUID;
  const iso = (): string => deps.clock.now().toISOString();

  async function findExisting(owner: Owner, tenantId: string | undefined, clientId: string, id?: string) {
    if (id) {
      const byId = await deps.store.getRegistration(id);
      if (byId && byId.ownerId === owner.ownerId) return byId;
    }
    const all = await deps.store.listRegistrations(owner.ownerId);
    return all.find(
      (r) => r.clientId.toLowerCase() === clientId.toLowerCase() && (!tenantId || r.tenantId === tenantId),
    );
  }

  async function save(
    reg: StoredRegistration,
    result: CheckResult,
    statusCard: StatusCardRef | undefined,
    onlyIfPresent = false,
  ): Promise<StoredRegistration | undefined> {
    const label = result.kind === 'report' && result.app.displayName ? result.app.displayName : reg.label;
    const updated: StoredRegistration = {
      ...reg,
      label,
      // A registration saved before its first check may hold a domain: the check resolved it.
      tenantId: result.kind === 'report' ? result.tenantId : reg.tenantId,
      lastResult: result,
      lastCheckedAt: result.checkedAt,
      updatedAt: iso(),
      ...(statusCard ? { statusCard } : {}),
    };
    if (onlyIfPresent && deps.store.updateRegistrationIfPresent) {
      // `reg` was read before a check that can take many seconds: a `forget` in between must
      // not be undone, and what others wrote meanwhile (the sweep's nextDueAt, another status
      // card) must not be overwritten: only the check's own fields are merged in.
      const fields: RegistrationField[] = ['label', 'tenantId', 'lastResult', 'lastCheckedAt', 'updatedAt'];
      if (statusCard) fields.push('statusCard');
      return (await deps.store.updateRegistrationIfPresent(updated, fields)) ? updated : undefined;
    }
    await deps.store.saveRegistration(updated);
    return updated;
  }

  /**
   * A new registration typed in a personal chat is sealed and saved before its first check,
   * with a marker naming that chat: if the process dies during the check, nothing the admin
   * typed is lost and the bot can offer Retest after the restart.
   */
  async function saveBeforeFirstCheck(
    owner: Owner,
    input: ConnectorInput,
    options: RegisterOptions,
  ): Promise<StoredRegistration | undefined> {
    if (!deps.inProgress || !options.conversationKey || options.registrationId) return undefined;
    const clientId = input.clientId.toLowerCase();
    const known = await deps.store.listRegistrations(owner.ownerId);
    if (known.some((r) => r.clientId.toLowerCase() === clientId)) return undefined;
    const id = newId();
    const now = iso();
    const reg: StoredRegistration = {
      id,
      ownerId: owner.ownerId,
      ownerTenantId: owner.ownerTenantId,
      label: clientId,
      tenantInput: input.tenant,
      tenantId: input.tenant,
      clientId,
      sealedSecret: sealRegistrationSecret(deps.sealer, id, input.clientSecret),
      secretHint: input.clientSecret.slice(0, 3),
      createdAt: now,
      updatedAt: now,
      ...(options.statusCard ? { statusCard: options.statusCard } : {}),
    };
    await deps.store.saveRegistration(reg);
    await deps.inProgress.mark({
      registrationId: id,
      ownerId: owner.ownerId,
      conversationKey: options.conversationKey,
      label: clientId,
      startedAt: now,
    });
    return reg;
  }

  async function recheckRegistration(reg: StoredRegistration, options: RecheckOptions): Promise<CheckedRegistration> {
    let clientSecret: string;
    try {
      clientSecret = openRegistrationSecret(deps.sealer, reg);
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
      // The stored data stays as it is: restoring the right key makes it usable again.
      return { registration: reg, result: unreadableSecret(reg, error, iso()) };
    }
    const result = await deps.checker.check(
      { tenant: reg.tenantInput || reg.tenantId, clientId: reg.clientId, clientSecret },
      { freshToken: options.freshToken },
    );
    const previous = reg.lastResult;
    const saved = await save(reg, result, options.statusCard, true);
    if (!saved) return { result, forgotten: true };
    return { registration: saved, result, ...(previous ? { previous } : {}) };
  }

  return {
    async register(owner, input, options = {}) {
      const early = await saveBeforeFirstCheck(owner, input, options);
      let result: CheckResult;
      try {
        result = await deps.checker.check(input, { freshToken: true });
      } finally {
        if (early) await deps.inProgress?.clear(early.id);
      }
      if (credentialsRejected(result)) {
        // Wrong values are not kept, not even the copy saved for the check.
        if (early) await deps.store.deleteRegistration(early.id, owner.ownerId);
        return { result };
      }
      const tenantId = result.kind === 'report' ? result.tenantId : (result.tenantId ?? input.tenant);
      const existing = early ?? (await findExisting(owner, tenantId, input.clientId, options.registrationId));
      const id = existing?.id ?? newId();
      const now = iso();
      const base: StoredRegistration = {
        id,
        ownerId: owner.ownerId,
        ownerTenantId: owner.ownerTenantId,
        label: existing?.label ?? input.clientId,
        tenantInput: input.tenant,
        tenantId,
        clientId: input.clientId.toLowerCase(),
        sealedSecret: sealRegistrationSecret(deps.sealer, id, input.clientSecret),
        secretHint: input.clientSecret.slice(0, 3),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        statusCard: existing?.statusCard,
        // New credentials start a new reminder series: a registration the sweep follows is due at once.
        ...(existing?.nextDueAt === undefined ? {} : { nextDueAt: now }),
      };
      return { registration: await save(base, result, options.statusCard), result };
    },
    recheck: (registration, options = {}) => recheckRegistration(registration, options),
    async recheckAny(id) {
      const reg = await deps.store.getRegistration(id);
      return reg ? recheckRegistration(reg, { freshToken: true }) : undefined;
    },
    async get(id, ownerId) {
      const reg = await deps.store.getRegistration(id);
      return reg && reg.ownerId === ownerId ? reg : undefined;
    },
    list: (ownerId) => deps.store.listRegistrations(ownerId),
    forget: (id, ownerId) => deps.store.deleteRegistration(id, ownerId),
  };
}
