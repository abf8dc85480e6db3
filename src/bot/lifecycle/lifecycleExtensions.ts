import type { Rotations } from '../../registrations/rotations';
import type { BotExtensions } from '../botExtensions';
import { Verbs } from '../../cards/verbs';
import { lifecycleCardActions, type LifecycleBotDeps } from './lifecycleCardActions';
import { lifecycleCommands } from './lifecycleCommands';

/**
 * Create it for me's and Rotate now's part of the bot: their buttons, and dropping a forgotten
 * registration's unfinished rotation (its sealed new secret with it).
 */
export function lifecycleExtensions(
  deps: LifecycleBotDeps & { readonly rotations: Pick<Rotations, 'get' | 'forget'> },
): BotExtensions {
  const cardActions = lifecycleCardActions(deps);
  const rotateButton = cardActions[Verbs.rotate];
  return {
    cardActions,
    ...(rotateButton ? { messageCommands: lifecycleCommands(deps, rotateButton) } : {}),
    onRegistrationForgotten: (registrationId) => deps.rotations.forget(registrationId),
  };
}
