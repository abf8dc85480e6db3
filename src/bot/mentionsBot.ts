import type { Activity } from 'botbuilder';
import { isRecord } from '../shared/isRecord';

/**
 * True when a message @mentions the bot (a `mention` entity naming the recipient). With
 * resource-specific consent Teams also delivers channel and group-chat messages that do not:
 * those were not addressed to the bot, which must stay silent about them (except a pasted secret).
 */
export function mentionsBot(activity: Partial<Pick<Activity, 'entities' | 'recipient'>>): boolean {
  const botId = activity.recipient?.id;
  if (!botId || !Array.isArray(activity.entities)) return false;
  return activity.entities.some(
    (e: unknown) => isRecord(e) && e.type === 'mention' && isRecord(e.mentioned) && e.mentioned.id === botId,
  );
}
