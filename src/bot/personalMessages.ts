import type { TurnContext } from 'botbuilder';
import { forgetConfirmCard } from '../cards/forgetConfirmCard';
import { helpCard } from '../cards/helpCard';
import { noticeCard } from '../cards/noticeCard';
import { registrationPickerCard } from '../cards/registrationPickerCard';
import { Verbs } from '../cards/verbs';
import { extractCredentialsFromText, looksLikeClientSecret } from '../consent';
import type { StoredRegistration } from '../store/store';
import { sendCard } from './chatReplies';
import { checkInChat, type CheckInChatDeps } from './checkInChat';
import type { BotDeps } from './botDeps';
import { PERSONAL_COMMANDS, parseCommand } from './commandList';
import { pickRegistration } from './pickRegistration';
import { continueSetup, startSetup } from './setupConversation';
import type { SetupSessions } from './setupSessions';
import type { TurnInfo } from './turnInfo';

type Purpose = 'check' | 'status' | 'forget';

/** The picker's rows: what a user needs to tell registrations apart. */
export function pickerRows(registrations: readonly StoredRegistration[]) {
  return registrations.map((r) => ({
    id: r.id,
    label: r.label,
    tenantId: r.tenantId,
    clientId: r.clientId,
    verdict:
      r.lastResult?.kind === 'report' ? r.lastResult.verdict : r.lastResult ? ('Action needed' as const) : undefined,
  }));
}

/** What personal-chat messages use of the bot's dependencies. */
export type PersonalMessageDeps = CheckInChatDeps & Pick<BotDeps, 'offerCreate'>;

/** Performs check / status / forget on one registration. */
async function actOnRegistration(
  context: TurnContext,
  deps: PersonalMessageDeps,
  info: TurnInfo,
  purpose: Purpose,
  reg: StoredRegistration,
): Promise<void> {
  if (purpose === 'check') {
    await checkInChat(context, deps, info, (statusCard) => deps.registrations.recheck(reg, { statusCard }), reg.label);
  } else if (purpose === 'status') {
    if (!reg.lastResult) {
      await sendCard(
        context,
        noticeCard({ tone: 'default', title: reg.label, text: 'No check has run yet. Type "check" to run one.' }),
      );
      return;
    }
    await sendCard(context, await deps.renderResult(reg, reg.lastResult, info.timeZone));
  } else {
    await sendCard(context, forgetConfirmCard({ registrationId: reg.id, label: reg.label }));
  }
}

async function onRegistrationCommand(
  context: TurnContext,
  deps: PersonalMessageDeps,
  info: TurnInfo,
  purpose: Purpose,
  argument: string,
): Promise<void> {
  const pick = pickRegistration(await deps.registrations.list(info.userId), argument);
  if (pick.kind === 'none') {
    await sendCard(
      context,
      noticeCard({
        tone: 'default',
        title: 'No registration yet',
        text: 'Type "setup" to connect your first app registration.',
      }),
    );
  } else if (pick.kind === 'many') {
    await sendCard(
      context,
      registrationPickerCard({ purpose, verb: Verbs.pickRegistration, registrations: pickerRows(pick.items) }),
    );
  } else {
    await actOnRegistration(context, deps, info, purpose, pick.item);
  }
}

/** Personal chat: commands first, then an ongoing setup, then values pasted out of the blue. */
export async function handlePersonalMessage(
  context: TurnContext,
  deps: PersonalMessageDeps,
  sessions: SetupSessions,
  info: TurnInfo,
  text: string,
): Promise<void> {
  const { command, argument } = parseCommand(text);
  switch (command) {
    case 'help':
      await sendCard(context, helpCard({ commands: [...PERSONAL_COMMANDS], offerSetup: true }));
      return;
    case 'setup':
      await startSetup(context, sessions, info, {}, deps.offerCreate === true);
      return;
    case 'cancel': {
      const had = await sessions.get(info.conversationKey, info.userId);
      await sessions.end(info.conversationKey, info.userId);
      await context.sendActivity(
        had
          ? 'Setup cancelled. Nothing was saved from it. Type "setup" to start again.'
          : 'There was nothing to cancel. Type "help" to see what I can do.',
      );
      return;
    }
    case 'check':
    case 'status':
    case 'forget':
      await onRegistrationCommand(context, deps, info, command, argument);
      return;
    default:
      break;
  }
  const session = await sessions.get(info.conversationKey, info.userId);
  if (session) {
    await continueSetup(context, deps, sessions, info, session, text);
    return;
  }
  if (Object.keys(extractCredentialsFromText(text)).length >= 2) {
    await continueSetup(context, deps, sessions, info, { step: 'tenant' }, text);
    return;
  }
  if (looksLikeClientSecret(text)) {
    await context.sendActivity(
      "That looks like a client secret. I did not keep it: I need the tenant and client IDs first. Let's do the setup.",
    );
    await startSetup(context, sessions, info, {}, deps.offerCreate === true);
    return;
  }
  await context.sendActivity('I did not catch that. Here is what I can do:');
  await sendCard(context, helpCard({ commands: [...PERSONAL_COMMANDS], offerSetup: true }));
}
