import type { Store } from '../store/store';
import type { Clock } from '../time/clock';

const NAMESPACE = 'setup-session';
const TTL_MS = 30 * 60 * 1000;

export type SetupStep = 'tenant' | 'clientId' | 'clientSecret';

/** Where a step-by-step setup stands. Never holds the secret: the last step consumes it. */
export interface SetupSession {
  readonly step: SetupStep;
  readonly tenant?: string;
  readonly clientId?: string;
  /** Set when the user is replacing an existing registration's credentials. */
  readonly registrationId?: string;
  /** The setup form on screen for this setup, so a repeated error updates it instead of posting another. */
  readonly formActivityId?: string;
}

export interface SetupSessions {
  get(conversationKey: string, userId: string): Promise<SetupSession | undefined>;
  save(conversationKey: string, userId: string, session: SetupSession): Promise<void>;
  end(conversationKey: string, userId: string): Promise<void>;
}

/** Sessions live in the store (kv, 30-minute expiry) so a restart mid-setup loses nothing. */
export function createSetupSessions(store: Store, clock: Clock): SetupSessions {
  const key = (conversationKey: string, userId: string): string => `${conversationKey}|${userId}`;
  return {
    get: (c, u) => store.getKv<SetupSession>(NAMESPACE, key(c, u)),
    save: (c, u, session) =>
      store.putKv(NAMESPACE, key(c, u), {
        value: session,
        expiresAt: new Date(clock.now().getTime() + TTL_MS).toISOString(),
      }),
    end: (c, u) => store.deleteKv(NAMESPACE, key(c, u)),
  };
}
