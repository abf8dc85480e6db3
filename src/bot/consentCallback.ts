import { INVALID_CALLBACK, parseAdminConsentCallback } from '../consent';
import type { Logger } from '../log/logger';
import type { ConsentStates } from '../registrations/consentStates';
import type { ConsentFollowUp } from './consentFollowUp';

export interface CallbackPage {
  readonly status: number;
  readonly title: string;
  readonly message: string;
}

export interface ConsentCallbackDeps {
  readonly consentStates: Pick<ConsentStates, 'redeem'>;
  readonly followUp: Pick<ConsentFollowUp, 'start'>;
  readonly logger: Logger;
}

/**
 * Where Entra ID sends the admin back after the consent prompt. The query is read by
 * parseAdminConsentCallback; the `state` is what is trusted (signed, single-use, bound to
 * the registration), never the `tenant` parameter alone.
 */
export function createConsentCallback(
  deps: ConsentCallbackDeps,
): (query: URLSearchParams | Record<string, unknown>) => Promise<CallbackPage> {
  return async (query) => {
    const answer = parseAdminConsentCallback(query);
    const record = answer.state ? await deps.consentStates.redeem(answer.state) : undefined;
    if (!record) {
      return {
        status: 400,
        title: 'This consent link has expired or was already used',
        message:
          'Go back to Teams and select Retest on the status card: it shows the current state and a fresh consent link.',
      };
    }
    if (!answer.granted && answer.error !== INVALID_CALLBACK) {
      deps.logger.info('consent.callback_refused', { registrationId: record.registrationId, error: answer.error });
      return {
        status: 200,
        title: 'Consent was not granted',
        message: `Entra ID answered: ${(answer.description ?? answer.error).slice(0, 300)}. An administrator who may grant tenant-wide consent (for example a Global Administrator or Privileged Role Administrator) must accept it.`,
      };
    }
    if (!answer.granted || (answer.tenant && answer.tenant.toLowerCase() !== record.tenantId.toLowerCase())) {
      deps.logger.warn('consent.callback_mismatch', { registrationId: record.registrationId });
      return {
        status: 400,
        title: 'Unexpected answer from Entra ID',
        message: 'The consent answer did not match the registration. Select Retest in Teams to see the current state.',
      };
    }
    await deps.followUp.start(record.registrationId, record.ownerId);
    deps.logger.info('consent.callback_granted', { registrationId: record.registrationId });
    return {
      status: 200,
      title: 'Thank you: consent recorded',
      message:
        'Entra ID takes a little while to apply it. I am re-checking now and will update the status card in Teams over the next minutes. You can close this tab.',
    };
  };
}
