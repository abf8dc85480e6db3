import type { Activity, TurnContext } from 'botbuilder';

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

/** The few facts about a turn that every handler needs, read once from the activity. */
export interface TurnInfo {
  /** Entra object id when Teams provides it (stable across chats), else the Teams user id. */
  readonly userId: string;
  readonly userName?: string;
  /** The Teams tenant of the conversation (channelData.tenant.id). */
  readonly tenantId?: string;
  readonly scope: ConversationScope;
  /** conversation.id: the key conversation references are stored under. */
  readonly conversationKey: string;
  /** IANA time zone from the client (e.g. Europe/Paris), when Teams sent one. */
  readonly timeZone?: string;
}

function readTenant(activity: Partial<Activity>): string | undefined {
  const channelData: unknown = activity.channelData;
  if (channelData && typeof channelData === 'object' && 'tenant' in channelData) {
    const tenant: unknown = (channelData as { tenant?: unknown }).tenant;
    if (tenant && typeof tenant === 'object' && typeof (tenant as { id?: unknown }).id === 'string') {
      return (tenant as { id: string }).id;
    }
  }
  return activity.conversation?.tenantId;
}

/** Reads the turn's user, tenant, scope and time zone; tolerant of what emulators omit. */
function readTurnInfo(activity: Partial<Activity>): TurnInfo {
  const type = activity.conversation?.conversationType;
  const scope: ConversationScope = type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';
  const from = activity.from;
  return {
    userId: from?.aadObjectId ?? from?.id ?? 'unknown',
    userName: from?.name,
    tenantId: readTenant(activity),
    scope,
    conversationKey: activity.conversation?.id ?? 'unknown',
    timeZone: typeof activity.localTimezone === 'string' && activity.localTimezone ? activity.localTimezone : undefined,
  };
}

const TURN_INFO = Symbol('turnInfo');

/**
 * The turn's info, read from the activity once per turn (by the first caller, the beforeTurn)
 * and kept in the context's turn state for every handler after it.
 */
export function turnInfoOf(context: TurnContext): TurnInfo {
  const kept = context.turnState.get(TURN_INFO) as TurnInfo | undefined;
  if (kept) return kept;
  const info = readTurnInfo(context.activity);
  context.turnState.set(TURN_INFO, info);
  return info;
}
