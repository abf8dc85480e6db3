import type { BotExtensions } from '../botExtensions';
import { fixCardActions } from './fixCardActions';
import type { FixBotDeps } from './fixBotDeps';
import { historyCommand } from './historyCommand';

/**
 * Fix it for me's part of the bot: the preview and Cancel buttons, `history`, and dropping the
 * audit trail of a forgotten registration. runtime.ts builds the parts and passes them in.
 */
export function fixExtensions(deps: FixBotDeps): BotExtensions {
  return {
    cardActions: fixCardActions(deps),
    messageCommands: [historyCommand(deps)],
    onRegistrationForgotten: (registrationId) => deps.audit.forget(registrationId),
  };
}
