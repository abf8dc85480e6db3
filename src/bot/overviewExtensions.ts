import { describeChanges } from '../consent';
import { overviewCard } from '../cards/overviewCard';
import type { AdaptiveCard } from '../cards/cardTypes';
import { Verbs } from '../cards/verbs';
import { overviewRows } from '../registrations/overviewRows';
import type { CheckedRegistration } from '../registrations/registrationService';
import { within } from '../time/deadline';
import type { BotDeps } from './botDeps';
import type { BotExtensions } from './botExtensions';
import { sendCard } from './chatReplies';

type OverviewDeps = Pick<BotDeps, 'registrations' | 'clock' | 'invokeBudgetMs' | 'proactive' | 'logger'>;

const stateWords = (checked: CheckedRegistration): string =>
  checked.result.kind === 'failure' ? `⛔ ${checked.result.title}` : checked.result.verdict;

/** What one Retest found, for the line under the overview's heading. */
function retestNote(label: string, checked: CheckedRegistration): string {
  const changes = checked.previous ? describeChanges(checked.previous, checked.result) : [];
  const what = changes.length > 0 ? changes.slice(0, 3).join('; ') : 'nothing changed';
  return `${label} re-checked just now: ${stateWords(checked)} (${what}).`;
}

/**
 * `overview` in personal chat: every registration of the user on one card, most urgent first,
 * each with a Retest that re-checks that one and redraws the same card in place (a slow check
 * answers at once with the card as it was and updates it when the check ends).
 */
export function overviewExtensions(deps: OverviewDeps): BotExtensions {
  async function render(userId: string, timeZone: string | undefined, note?: string): Promise<AdaptiveCard> {
    const rows = overviewRows(await deps.registrations.list(userId), deps.clock.now());
    return overviewCard({ rows, ...(timeZone ? { timeZone } : {}), ...(note ? { note } : {}) });
  }

  return {
    messageCommands: [
      {
        phrases: ['overview'],
        scopes: ['personal'],
        description: 'All your connectors on one card, most urgent first',
        handle: async (context, info) => {
          await sendCard(context, await render(info.userId, info.timeZone));
        },
      },
    ],
    cardActions: {
      [Verbs.overviewRetest]: {
        rules: { registrationId: { required: true, max: 64 } },
        scopes: ['personal'],
        handle: async (context, info, data) => {
          const reg = await deps.registrations.get(data.registrationId ?? '', info.userId);
          if (!reg) return render(info.userId, info.timeZone, 'That registration is gone (it was forgotten).');
          const run = deps.registrations.recheck(reg);
          const outcome = await within(run, deps.invokeBudgetMs);
          if (outcome.done) return render(info.userId, info.timeZone, retestNote(reg.label, outcome.value));
          const cardId = context.activity.replyToId;
          void run
            .then(async (checked) => {
              if (!cardId) return;
              const card = await render(info.userId, info.timeZone, retestNote(reg.label, checked));
              const sent = await deps.proactive.updateCard(info.conversationKey, cardId, card);
              if (!sent.ok) deps.logger.warn('card.late_update_failed', { reason: sent.reason, status: sent.status });
            })
            .catch((error: unknown) => deps.logger.error('card.late_update_failed', { error }));
          return render(info.userId, info.timeZone, `Checking ${reg.label}… this card updates when the check ends.`);
        },
      },
    },
  };
}
