import { monthsText } from '../repair/secretLifetime';
import { card, execute, heading, openUrl, subheading, text } from './cardParts';
import type { AdaptiveCard } from './cardTypes';
import { escapeText, maskedHint } from './escapeText';
import { formatDateTime } from './formatDate';
import { lifetimeChoice } from './lifetimeChoice';
import { Verbs } from './verbs';

export interface RotatePreviewInput {
  readonly registrationId: string;
  readonly label: string;
  /** The secret the bot (and so the connector) uses now. */
  readonly current: { readonly hint?: string; readonly endDateTime?: string };
  readonly lifetimeMonths: number;
  readonly signInUrl: string;
  readonly timeZone?: string;
}

/**
 * Rotate now, before anything changes: a new secret is added next to the current one, which
 * keeps working until the admin confirms the product uses the new one and removes it.
 */
export function rotatePreviewCard(input: RotatePreviewInput): AdaptiveCard {
  const ends = input.current.endDateTime
    ? `, expires ${formatDateTime(input.current.endDateTime, input.timeZone)}`
    : '';
  return card(
    [
      heading(`Rotate the client secret of ${escapeText(input.label, 120)}`),
      text(`In use now: ${maskedHint(input.current.hint)}${ends}.`, { spacing: 'Small' }),
      subheading('What happens'),
      text(
        [
          `1. I add a new client secret, valid ${monthsText(input.lifetimeMonths)}, and check that it gets a token.`,
          '2. You open its value once on a page only you can open, and paste it into the connector settings.',
          "3. You select **I've updated the connector**; I check with the new secret and from then on remind you about it.",
          '4. Only then can you remove the old secret (a second sign-in). Until then both work: the connector never stops.',
        ].join('\n'),
        { spacing: 'Small' },
      ),
      lifetimeChoice(input.lifetimeMonths, 'The new secret lives'),
      {
        type: 'ActionSet',
        actions: [execute('Use this lifetime', Verbs.rotateLifetime, { registrationId: input.registrationId })],
      },
      text(
        'Sign in as a Global Administrator, Application Administrator or Cloud Application Administrator, or as an owner of the app. I use your sign-in for this one change and do not keep it.',
        { isSubtle: true, size: 'Small', spacing: 'Medium' },
      ),
    ],
    [
      ...openUrl('Sign in and add the new secret', input.signInUrl, 'positive'),
      execute('Cancel', Verbs.fixCancel, { registrationId: input.registrationId }, { associatedInputs: 'none' }),
    ],
  );
}
