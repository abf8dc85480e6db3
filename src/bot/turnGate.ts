import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { BotDeps } from './botDeps';
import { saveConversation } from './saveConversation';
import { createStoredReferences, type StoredReferences, type StoredReferencesOptions } from './storedReferences';
import type { TurnInfo } from './turnInfo';

/** The store namespace of claimed activity ids. */
export const SEEN_NAMESPACE = 'seen-activity';
/** How long a claimed activity id is remembered: well past Teams' 15 s re-send. */
export const SEEN_TTL_MS = 10 * 60_000;

/** Activities that can add or remove the bot from a conversation. */
const LIFECYCLE: ReadonlySet<string> = new Set([ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate]);

/**
 * The fixed work of every allowed turn, kept cheap because every turn pays it: claim the
 * message's activity id (so a re-send is handled once, also across instances sharing a store),
 * then keep the conversation reference for proactive sends.
 */
export interface TurnGate {
  /** False when the turn must not run: this message id was already claimed. */
  admit(context: TurnContext, info: TurnInfo): Promise<boolean>;
}

export type TurnGateDeps = Pick<BotDeps, 'store' | 'logger' | 'clock' | 'serviceUrlAllowed'>;

/**
 * The claim is the store's own atomic putKvIfAbsent (one statement in SQLite, one create in
 * Azure Table), so it stays the cross-instance guard; only the reference save is cached.
 * Messages and card actions use the in-process memory of stored references; lifecycle
 * activities (install, uninstall, team deleted) are rare and always go to the store, and they
 * drop the memory of their conversation so an uninstall's delete is never hidden by it.
 */
export function createTurnGate(deps: TurnGateDeps, options: Partial<StoredReferencesOptions> = {}): TurnGate {
  const known: StoredReferences = createStoredReferences({ clock: deps.clock, ...options });
  const claim = async (namespaceKey: string): Promise<boolean> => {
    const record = { value: true, expiresAt: new Date(deps.clock.now().getTime() + SEEN_TTL_MS).toISOString() };
    if (deps.store.putKvIfAbsent) return deps.store.putKvIfAbsent(SEEN_NAMESPACE, namespaceKey, record);
    // A store without the atomic claim (none of the built-in ones): best effort.
    if (await deps.store.getKv<boolean>(SEEN_NAMESPACE, namespaceKey)) return false;
    await deps.store.putKv(SEEN_NAMESPACE, namespaceKey, record);
    return true;
  };
  return {
    async admit(context, info) {
      const type = context.activity.type;
      const isMessage = type === ActivityTypes.Message;
      // Teams re-sends an activity it considers unanswered after 15 s: handle each id once.
      const id = context.activity.id;
      if (isMessage && id && !(await claim(`${info.conversationKey}|${id}`))) return false;
      const lifecycle = LIFECYCLE.has(type);
      if (lifecycle) known.forget(info.conversationKey);
      await saveConversation(context, deps, info, lifecycle ? undefined : known);
      return true;
    },
  };
}
