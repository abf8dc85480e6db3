import { card, heading, openUrl, text } from './cardParts';
import type { AdaptiveCard } from './cardTypes';
import { escapeText } from './escapeText';
import { formatDateTime } from './formatDate';
import type { SecretOffer } from '../repair/lifecycleChat';

export interface SecretOfferInput extends SecretOffer {
  readonly timeZone?: string;
}

/**
 * Where the new client secret is: never in this card (a card stays in the chat history), but on
 * a page that shows it once, to the admin who created it, within 10 minutes.
 */
export function secretOfferCard(input: SecretOfferInput): AdaptiveCard {
  return card(
    [
      heading(`🔑 The client secret of ${escapeText(input.label, 120)}`),
      text(
        `Its value is on a page only you can open, **once**, until ${formatDateTime(input.linkExpiresAt, input.timeZone)}. I never post a secret in chat.`,
      ),
      {
        type: 'FactSet',
        spacing: 'Small',
        facts: [
          { title: 'Directory (tenant) ID', value: escapeText(input.tenantId, 60) },
          { title: 'Application (client) ID', value: escapeText(input.clientId, 60) },
          ...(input.secretExpiresAt
            ? [{ title: 'Secret expires', value: formatDateTime(input.secretExpiresAt, input.timeZone) }]
            : []),
        ],
      },
      ...(input.lifetimeNote ? [text(`ℹ️ ${escapeText(input.lifetimeNote, 300)}`, { spacing: 'Small' })] : []),
      text(
        "Paste the three values into your product's **Office 365 connector** settings: Client ID, Tenant ID and Client secret. I keep my own sealed copy to check it and to remind you before it expires.",
        { spacing: 'Small' },
      ),
    ],
    openUrl('Show the secret value', input.revealUrl, 'positive'),
  );
}
