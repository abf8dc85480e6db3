import { historyCard } from '../../cards/historyCard';
import { noticeCard } from '../../cards/noticeCard';
import { registrationPickerCard } from '../../cards/registrationPickerCard';
import { Verbs } from '../../cards/verbs';
import type { MessageCommandExtension } from '../botExtensions';
import { sendCard } from '../chatReplies';
import { pickerRows } from '../personalMessages';
import { pickRegistration } from '../pickRegistration';
import type { FixBotDeps } from './fixBotDeps';

/** `history [name]` in personal chat: the audit trail of Fix it for me on one registration. */
export function historyCommand(deps: FixBotDeps): MessageCommandExtension {
  return {
    phrases: ['history'],
    scopes: ['personal'],
    description: 'Show what Fix it for me changed on a registration, and who did it',
    handle: async (context, info, argument) => {
      const pick = pickRegistration(await deps.bot.registrations.list(info.userId), argument);
      if (pick.kind === 'none') {
        await sendCard(
          context,
          noticeCard({ tone: 'default', title: 'No registration yet', text: 'Type "setup" to connect one.' }),
        );
      } else if (pick.kind === 'many') {
        await sendCard(
          context,
          registrationPickerCard({
            purpose: 'history',
            verb: Verbs.historyPick,
            registrations: pickerRows(pick.items),
          }),
        );
      } else {
        const entries = await deps.audit.list(pick.item.id);
        await sendCard(context, historyCard({ label: pick.item.label, entries, timeZone: info.timeZone }));
      }
    },
  };
}
