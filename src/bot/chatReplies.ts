import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/cardTypes';

/** A message activity carrying one Adaptive Card. */
export function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** Sends a card and returns the new activity's id (to update it in place later). */
export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<string | undefined> {
  const response = await context.sendActivity(cardActivity(card));
  return response?.id;
}

/** Replaces a card the bot posted earlier in this conversation. */
export async function updateCard(context: TurnContext, activityId: string, card: AdaptiveCard): Promise<void> {
  const activity = cardActivity(card);
  activity.id = activityId;
  await context.updateActivity(activity);
}

/** Shows the typing indicator while something slow runs. */
export async function sendTyping(context: TurnContext): Promise<void> {
  await context.sendActivity({ type: 'typing' });
}
