import { card, execute, heading, openUrl, text } from './cardParts';
import type { AdaptiveCard, CardAction, CardElement } from './cardTypes';
import { escapeText, maskedHint } from './escapeText';
import { formatDateTime } from './formatDate';
import { Verbs } from './verbs';
import type { RotationView } from '../repair/lifecycleChat';

export interface RotationCardInput extends RotationView {
  readonly timeZone?: string;
}

function secretLine(what: string, s: { hint?: string; endDateTime?: string }, timeZone?: string): string {
  return `${what}: ${maskedHint(s.hint)}${s.endDateTime ? `, expires ${formatDateTime(s.endDateTime, timeZone)}` : ''}`;
}

/**
 * A rotation in progress, in personal chat: both secrets, which one the bot checks with, and the
 * one next step. The old secret is only ever removed after the new one was confirmed in use.
 */
export function rotationCard(input: RotationCardInput): AdaptiveCard {
  const tz = input.timeZone;
  const lines: string[] = [];
  if (input.stage !== 'done') {
    lines.push(secretLine('New secret', input.newSecret, tz), secretLine('Old secret', input.oldSecret, tz));
  } else lines.push(secretLine('Secret in use', input.newSecret, tz));
  const body: CardElement[] = [
    heading(`🔄 Rotating the client secret of ${escapeText(input.label, 120)}`),
    ...(input.notice ? [text(`⚠️ ${escapeText(input.notice, 400)}`, { weight: 'Bolder' })] : []),
    text(lines.map((l) => `- ${l}`).join('\n'), { spacing: 'Small' }),
  ];
  const actions: CardAction[] = [];
  switch (input.stage) {
    case 'added':
      body.push(
        text(
          '**I still check with the old secret**, so nothing stops working. Both secrets work now.\n' +
            (input.revealUrl
              ? `1. Select **Show the secret value**: it opens once${input.linkExpiresAt ? `, until ${formatDateTime(input.linkExpiresAt, tz)}` : ''}, only for you.\n`
              : '1. Its value could be shown once, within 10 minutes of its creation.\n') +
            "2. Paste it into your product's Office 365 connector settings (Client secret) and save.\n" +
            "3. Select **I've updated the connector**.",
          { spacing: 'Medium' },
        ),
      );
      actions.push(
        ...openUrl('Show the secret value', input.revealUrl, 'positive'),
        execute("I've updated the connector", Verbs.rotateConfirm, { registrationId: input.registrationId }),
        ...openUrl('Start over', input.restartUrl),
      );
      break;
    case 'switched':
      body.push(
        text(
          '✅ **I now check with the new secret**, and my reminders follow its expiry. The old secret still exists: remove it when nothing uses it any more (you sign in once more).',
          { spacing: 'Medium' },
        ),
      );
      actions.push(...openUrl('Remove the old secret', input.removeUrl, 'destructive'));
      break;
    case 'done':
      body.push(text('✅ Rotation complete: the old secret is removed.', { spacing: 'Medium' }));
      actions.push(execute('Retest', Verbs.retest, { registrationId: input.registrationId }));
      break;
  }
  return card(body, actions);
}
