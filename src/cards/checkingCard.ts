import { card, heading, text } from './cardParts';
import type { AdaptiveCard } from './cardTypes';
import { escapeText } from './escapeText';

/**
 * Shown at once while a check runs (it can take seconds against a slow tenant); the bot
 * then replaces it in place with the status or failure card.
 */
export function checkingCard(input: { readonly label: string }): AdaptiveCard {
  return card([
    heading('⏳ Checking…'),
    text(
      `Checking **${escapeText(input.label, 150)}**: getting a token from Microsoft Entra ID and reading the app's permissions from Microsoft Graph.`,
    ),
    text('This usually takes a few seconds. This card updates when the result is in.', { isSubtle: true }),
  ]);
}
