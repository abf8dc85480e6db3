import { card, execute, text } from './cardParts';
import type { AdaptiveCard } from './cardTypes';
import { escapeText } from './escapeText';
import { Verbs } from './verbs';

/** After a restart: a first check did not finish, the registration is safe, Retest runs it. */
export function interruptedCheckCard(input: { readonly registrationId: string; readonly label: string }): AdaptiveCard {
  return card(
    [
      {
        type: 'TextBlock',
        text: `⏳ The check of ${escapeText(input.label, 150)} was interrupted`,
        wrap: true,
        size: 'Medium',
        weight: 'Bolder',
        style: 'heading',
      },
      text(
        'I restarted while I was checking it. Nothing you typed was lost: the registration is saved, its secret encrypted. Select Retest to run the check now.',
      ),
    ],
    [execute('Retest', Verbs.retest, { registrationId: input.registrationId }, { style: 'positive' })],
  );
}
