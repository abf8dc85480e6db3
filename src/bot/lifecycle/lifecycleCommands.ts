import { createFormCard } from '../../cards/createFormCard';
import { noticeCard } from '../../cards/noticeCard';
import { registrationPickerCard } from '../../cards/registrationPickerCard';
import { Verbs } from '../../cards/verbs';
import { DEFAULT_LIFETIME_MONTHS } from '../../repair/secretLifetime';
import type { CardActionExtension, MessageCommandExtension } from '../botExtensions';
import { sendCard } from '../chatReplies';
import { pickerRows } from '../personalMessages';
import { pickRegistration } from '../pickRegistration';
import type { LifecycleBotDeps } from './lifecycleCardActions';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `rotate [name]` (the Rotate now preview, or a picker) and `create` (the Create it for me form),
 * typed in personal chat. `rotate` runs the same handler as the Rotate now button.
 */
export function lifecycleCommands(
  deps: Pick<LifecycleBotDeps, 'bot'>,
  rotateButton: CardActionExtension,
): MessageCommandExtension[] {
  return [
    {
      phrases: ['rotate'],
      scopes: ['personal'],
      description:
        'Rotate a client secret: a new one next to the old, shown once, the old one removed when you confirm',
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
            registrationPickerCard({ purpose: 'rotate', verb: Verbs.rotate, registrations: pickerRows(pick.items) }),
          );
        } else {
          const answer = await rotateButton.handle(context, info, { registrationId: pick.item.id });
          await (typeof answer === 'string' ? context.sendActivity(answer) : sendCard(context, answer));
        }
      },
    },
    {
      phrases: ['create'],
      scopes: ['personal'],
      description: "Create the app registration for me (when you don't have one yet)",
      handle: async (context, info) => {
        await sendCard(
          context,
          createFormCard({
            ...(GUID.test(info.tenantId ?? '') ? { tenant: info.tenantId } : {}),
            lifetimeMonths: DEFAULT_LIFETIME_MONTHS,
          }),
        );
      },
    },
  ];
}
