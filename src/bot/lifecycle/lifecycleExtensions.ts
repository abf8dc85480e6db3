import type { Rotations } from '../../registrations/rotations';
import type { BotExtensions } from '../botExtensions';
import { lifecycleCardActions, type LifecycleBotDeps } from './lifecycleCardActions';

/**
 * Create it for me's and Rotate now's part of the bot: their buttons, and dropping a forgotten
 * registration's unfinished rotation (its sealed new secret with it).
 */
export function lifecycleExtensions(
  deps: LifecycleBotDeps & { readonly rotations: Pick<Rotations, 'get' | 'forget'> },
): BotExtensions {
  return {
    cardActions: lifecycleCardActions(deps),
    onRegistrationForgotten: (registrationId) => deps.rotations.forget(registrationId),
  };
}
