import { card, execute, heading, text } from './cardParts';
import type { AdaptiveCard } from './cardTypes';
import { escapeText } from './escapeText';
import { Verbs } from './verbs';

/**
 * `forget` asks before deleting: the registration and its sealed secret go, and channel
 * reminders for it stop. Nothing changes in Entra ID itself.
 */
export function forgetConfirmCard(input: { readonly registrationId: string; readonly label: string }): AdaptiveCard {
  const data = { registrationId: input.registrationId };
  return card(
    [
      heading(`Forget ${escapeText(input.label, 150)}?`),
      text(
        'I will delete this registration, its encrypted client secret and its last report, and stop its channel reminders.',
      ),
      text('The app registration in Microsoft Entra ID is not changed.', { isSubtle: true }),
    ],
    [
      execute('Forget it', Verbs.forgetConfirm, data, { style: 'destructive' }),
      execute('Keep it', Verbs.forgetCancel, data),
    ],
  );
}
