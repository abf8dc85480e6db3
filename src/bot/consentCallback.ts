import type { Logger } from '../log/logger';
import type { ConsentStates } from '../registrations/consentStates';
import type { ConsentFollowUp } from './consentFollowUp';

export interface CallbackPage {
  readonly status: number;
  readonly title: string;
  readonly message: string;
}

export interface ConsentCallbackDeps {
  readonly consentStates: ConsentStates;
  readonly followUp: ConsentFollowUp;
  readonly logger: Logger;
}

const first = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;

/**
 * Where Entra ID sends the admin back after the consent prompt. The `state` is what is
 * trusted (signed, single-use, bound to the registration), never the `tenant` parameter alone.
 */
export function createConsentCallback(
  deps: ConsentCallbackDeps,
): (query: Record<string, unknown>) => Promise<CallbackPage> {
  return async (query) => {
    const state = first(query.state);
    const record = state ? await deps.consentStates.redeem(state) : undefined;
    if (!record) {
      return {
        status: 400,
        title: 'This consent link has expired or was already used',
        message:
          'Go back to Teams and select Retest on the status card: it shows the current state and a fresh consent link.',
      };
    }
    const error = first(query.error);
    if (error) {
      deps.logger.info('consent.callback_refused', { registrationId: record.registrationId, error });
      return {
        status: 200,
        title: 'Consent was not granted',
        message: `Entra ID answered: ${(first(query.error_description) ?? error).slice(0, 300)}. An administrator who may grant tenant-wide consent (for example a Global Administrator or Privileged Role Administrator) must accept it.`,
      };
    }
    const tenant = first(query.tenant);
    if (
      first(query.admin_consent)?.toLowerCase() !== 'true' ||
      (tenant && tenant.toLowerCase() !== record.tenantId.toLowerCase())
    ) {
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
