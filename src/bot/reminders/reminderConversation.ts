import type { Activity } from 'botbuilder';
import type { Store } from '../../store/store';
import type { TurnInfo } from '../turnInfo';

/**
 * A channel post's conversation id is `<channel id>;messageid=<root post>`: sending to it
 * replies in that thread. Reminders start new posts, so they use the channel id itself.
 */
export function channelConversationKey(conversationKey: string): string {
  const cut = conversationKey.toLowerCase().indexOf(';messageid=');
  return cut < 0 ? conversationKey : conversationKey.slice(0, cut);
}

/** channelData.team.id of a channel turn (equals the team's General channel id). */
export function teamIdOf(activity: Partial<Activity>): string | undefined {
  const channelData: unknown = activity.channelData;
  if (!channelData || typeof channelData !== 'object') return undefined;
  const team: unknown = (channelData as { team?: unknown }).team;
  if (!team || typeof team !== 'object') return undefined;
  const id: unknown = (team as { id?: unknown }).id;
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * Makes sure a reference for the channel itself exists, derived from the reference the bot
 * saved from this authenticated turn (never from anything else). Returns the key reminders
 * are sent to, or undefined when this turn's reference was not stored (serviceUrl refused).
 */
export async function ensureReminderReference(store: Store, info: TurnInfo, now: Date): Promise<string | undefined> {
  const stored = await store.getConversation(info.conversationKey);
  if (!stored) return undefined;
  const key = channelConversationKey(info.conversationKey);
  if (key === info.conversationKey) return key;
  const conversation: unknown = stored.reference.conversation;
  const base = conversation && typeof conversation === 'object' ? (conversation as Record<string, unknown>) : {};
  const reference = { ...stored.reference, conversation: { ...base, id: key } };
  const existing = await store.getConversation(key);
  if (!existing || JSON.stringify(existing.reference) !== JSON.stringify(reference)) {
    await store.saveConversation({ ...stored, key, reference, updatedAt: now.toISOString() });
  }
  return key;
}
