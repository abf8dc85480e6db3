import type { DriftChange } from '../cards/driftCard';
import type { CheckResult, PermissionKind, PermissionStatus } from '../consent';
import type { FullStore } from '../store/store';
import { knownSecretOf, type KnownSecret } from './knownSecret';

/**
 * What the reminders last knew about a registration's consent, to notice drift: which
 * permissions were Granted, whether the secret worked, and the secret in use.
 */
export interface ConsentBaseline {
  /** checkedAt of the last result absorbed; the same result is never compared twice. */
  readonly resultAt: string;
  /** `Name|Kind` of each permission last seen Granted. */
  readonly granted: readonly string[];
  readonly secretWorking: boolean;
  readonly secret?: KnownSecret;
}

/** A change worth one drift card. */
export interface DriftFinding {
  readonly changes: readonly DriftChange[];
  readonly secretStoppedWorking: boolean;
  /** Plain words from the failed check (its title). */
  readonly secretProblem?: string;
}

export interface Absorbed {
  readonly baseline: ConsentBaseline;
  /** Present only when something that worked stopped working. */
  readonly drift?: DriftFinding;
}

const permissionKey = (name: string, kind: PermissionKind): string => `${name}|${kind}`;

function splitKey(key: string): { name: string; kind: PermissionKind } {
  const [name = key, kind] = key.split('|');
  return { name, kind: kind === 'Application' ? 'Application' : 'Delegated' };
}

/**
 * Compares a new check result with the baseline. Drift is: a permission that was Granted is
 * now Not granted or Not added, or a secret that worked no longer gets a token. `Unknown`
 * (Graph refused a read) and retryable failures (throttling, timeouts) are not proof of
 * anything: they change nothing. A secret failing because it reached its known expiry date
 * is not drift either; the "expired" reminder covers that.
 */
export function absorbResult(
  baseline: ConsentBaseline | undefined,
  result: CheckResult,
  now: Date,
  fallbackHint?: string,
): Absorbed {
  if (baseline && baseline.resultAt === result.checkedAt) return { baseline };
  if (result.kind === 'failure') {
    if (result.retryable)
      return {
        baseline: baseline
          ? { ...baseline, resultAt: result.checkedAt }
          : { resultAt: result.checkedAt, granted: [], secretWorking: true },
      };
    const end = baseline?.secret ? Date.parse(baseline.secret.endDateTime) : Number.NaN;
    const expectedExpiry = result.code === 'secret-expired' && Number.isFinite(end) && end <= now.getTime();
    const next: ConsentBaseline = {
      ...(baseline ?? { granted: [] }),
      resultAt: result.checkedAt,
      secretWorking: false,
    };
    if (!baseline?.secretWorking || expectedExpiry) return { baseline: next };
    return { baseline: next, drift: { changes: [], secretStoppedWorking: true, secretProblem: result.title } };
  }

  const statusOf = new Map<string, PermissionStatus>(
    result.permissions.map((p) => [permissionKey(p.permission.name, p.permission.kind), p.status]),
  );
  const grantedNow = [...statusOf].filter(([, status]) => status === 'Granted').map(([key]) => key);
  const stillUnknown = (baseline?.granted ?? []).filter((key) => statusOf.get(key) === 'Unknown');
  const changes: DriftChange[] = (baseline?.granted ?? []).flatMap((key) => {
    const to = statusOf.get(key);
    if (to === undefined || to === 'Granted' || to === 'Unknown') return [];
    const { name, kind } = splitKey(key);
    return [{ permission: name, kind, from: 'Granted' as const, to }];
  });
  // A report that could not read the credentials keeps the last known secret, unless the hint
  // shows another secret is now in use.
  const previous = baseline?.secret;
  const carried =
    previous && (!previous.hint || !result.secret.hint || previous.hint === result.secret.hint) ? previous : undefined;
  const secret = knownSecretOf(result, fallbackHint) ?? carried;
  const next: ConsentBaseline = {
    resultAt: result.checkedAt,
    granted: [...new Set([...grantedNow, ...stillUnknown])].sort(),
    secretWorking: true,
    ...(secret ? { secret } : {}),
  };
  return changes.length > 0 ? { baseline: next, drift: { changes, secretStoppedWorking: false } } : { baseline: next };
}

const NAMESPACE = 'reminder-baseline';

/** Consent baselines per registration; a write never replaces a baseline from a newer check. */
export interface Baselines {
  get(registrationId: string): Promise<ConsentBaseline | undefined>;
  /** False when the stored baseline is already as new (another sweep got there first). */
  putIfNewer(registrationId: string, baseline: ConsentBaseline): Promise<boolean>;
  delete(registrationId: string): Promise<void>;
}

/** Keeps baselines in the store's key/value records, one per registration. */
export function createBaselines(store: FullStore): Baselines {
  return {
    get: (registrationId) => store.getKv<ConsentBaseline>(NAMESPACE, registrationId),
    async putIfNewer(registrationId, baseline) {
      const stored = await store.getKv<ConsentBaseline>(NAMESPACE, registrationId);
      if (
        stored &&
        Date.parse(stored.resultAt) >= Date.parse(baseline.resultAt) &&
        JSON.stringify(stored) === JSON.stringify(baseline)
      )
        return false;
      if (stored && Date.parse(stored.resultAt) > Date.parse(baseline.resultAt)) return false;
      await store.putKv<ConsentBaseline>(NAMESPACE, registrationId, { value: baseline });
      return true;
    },
    delete: (registrationId) => store.deleteKv(NAMESPACE, registrationId),
  };
}
