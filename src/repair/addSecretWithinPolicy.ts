import type { Clock } from '../time/clock';
import { AppLifecycleError, type AddedSecret, type AppLifecycle, type GraphApp } from './graphAppLifecycle';
import { LIFETIME_MONTHS, monthsText, secretEnd } from './secretLifetime';

export interface SecretWithinPolicy {
  readonly added: AddedSecret;
  readonly endDateTime: string;
  /** Set when the organisation's policy made the secret shorter than chosen: plain words. */
  readonly lifetimeNote?: string;
}

/**
 * Adds a client secret of the chosen lifetime, shortened to the tenant's app management policy:
 * from the policy itself when the admin may read it, otherwise by trying the next shorter
 * lifetime each time Graph refuses one as too long (CredentialInvalidLifetimeAsPerAppPolicy).
 */
export async function addSecretWithinPolicy(
  life: AppLifecycle,
  app: GraphApp,
  args: { readonly displayName: string; readonly months: number; readonly clock: Clock },
): Promise<SecretWithinPolicy> {
  const now = args.clock.now();
  const cap = await life.maxSecretLifetimeDays();
  const first = secretEnd(now, args.months, cap);
  const tries = [
    first,
    ...LIFETIME_MONTHS.filter((m) => m < args.months)
      .reverse()
      .map((m) => secretEnd(now, m, cap)),
  ];
  let refused: AppLifecycleError | undefined;
  for (const [i, end] of tries.entries()) {
    try {
      const added = await life.addSecret(app, args.displayName, end.endDateTime);
      const chosen = monthsText(args.months);
      const lifetimeNote = end.cappedToDays
        ? `You chose ${chosen}, but your organisation's app management policy allows client secrets for at most ${end.cappedToDays} days, so this one expires sooner.`
        : i > 0
          ? `Your organisation's app management policy did not allow ${chosen}, so this secret lives ${monthsText(LIFETIME_MONTHS.filter((m) => m < args.months).reverse()[i - 1] ?? args.months)}.`
          : undefined;
      return { added, endDateTime: added.endDateTime ?? end.endDateTime, ...(lifetimeNote ? { lifetimeNote } : {}) };
    } catch (error) {
      if (!(error instanceof AppLifecycleError) || !error.lifetimeRefused) throw error;
      refused = error;
    }
  }
  throw refused ?? new AppLifecycleError('Microsoft Graph refused to add a client secret.', 400);
}
