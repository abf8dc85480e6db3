import type { StoredRegistration } from '../store/store';
import { createCreateFlow } from './createFlow';
import type { FixHandlers, FixRequest } from './fixRequest';
import type { RotationView } from './lifecycleChat';
import { BACK_TO_TEAMS, type LifecycleDeps } from './lifecycleDeps';
import { createRotateFlow } from './rotateFlow';

export interface LifecycleHandlers extends FixHandlers {
  /** "I've updated the connector" on the rotation card (no sign-in): undefined when no rotation is under way. */
  confirmRotation(registration: StoredRegistration, request: FixRequest): Promise<RotationView | undefined>;
}

const WHAT: Record<string, string> = {
  create: 'Create it for me',
  rotate: 'Rotate now',
  'remove-secret': 'Removing the old secret',
};

/**
 * The sign-in callback's handlers for Create it for me, Rotate now and Remove the old secret. A
 * failure on our side is a page and a notice in Teams, never a stack trace; the token is cut out
 * of anything logged.
 */
export function createLifecycleHandlers(deps: LifecycleDeps): LifecycleHandlers {
  const create = createCreateFlow(deps);
  const rotation = createRotateFlow(deps);
  return {
    async onSignedIn(request, admin, accessToken) {
      const task = request.task;
      try {
        switch (task?.kind) {
          case 'create':
            return await create(request, task, admin, accessToken);
          case 'rotate':
            return await rotation.rotate(request, task, admin, accessToken);
          case 'remove-secret':
            return await rotation.remove(request, task, admin, accessToken);
          default:
            return { status: 400, title: 'Unknown request', message: `Nothing was changed. ${BACK_TO_TEAMS}` };
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.logger.error('lifecycle.failed', {
          task: task?.kind,
          errorName: error instanceof Error ? error.name : typeof error,
          errorMessage: message.split(accessToken).join('[delegated token]'),
        });
        const title = `${WHAT[task?.kind ?? ''] ?? 'This'} could not finish`;
        const text =
          'Something went wrong on my side while talking to Microsoft Graph. Select Retest on the status card to see where things stand, then try again.';
        await deps.chat.replaceWith(request, { tone: 'attention', title, text }).catch(() => undefined);
        return { status: 200, title, message: `${text} ${BACK_TO_TEAMS}` };
      }
    },
    async onNotApplied(request, reason) {
      const what = WHAT[request.task?.kind ?? ''] ?? 'This';
      deps.logger.info('lifecycle.not_applied', { task: request.task?.kind });
      await deps.chat.tell(request, {
        tone: 'warning',
        title: 'Nothing was changed',
        text: `${what}: ${reason} Nothing was changed. Start again from the card when you are ready.`,
      });
      return { status: 200, title: 'Nothing was changed', message: `${reason} ${BACK_TO_TEAMS}` };
    },
    confirmRotation: (registration, request) => rotation.confirm(registration, request),
  };
}

/** One set of handlers for the one sign-in callback: each request goes to the part its task names. */
export function routeAdminTasks(parts: {
  readonly repair: FixHandlers;
  readonly lifecycle: FixHandlers;
  readonly reveal: FixHandlers;
}): FixHandlers {
  const pick = (request: FixRequest): FixHandlers => {
    switch (request.task?.kind) {
      case undefined:
        return parts.repair;
      case 'reveal':
        return parts.reveal;
      default:
        return parts.lifecycle;
    }
  };
  return {
    onSignedIn: (request, admin, token) => pick(request).onSignedIn(request, admin, token),
    onNotApplied: (request, reason) => pick(request).onNotApplied(request, reason),
  };
}
