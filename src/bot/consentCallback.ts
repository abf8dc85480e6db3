import { noticeCard } from '../cards/noticeCard';
import { explainAadsts, INVALID_CALLBACK, parseAdminConsentCallback } from '../consent';
import type { Logger } from '../log/logger';
import type { ConsentStates } from '../registrations/consentStates';
import type { Store } from '../store/store';
import type { ConsentFollowUp } from './consentFollowUp';
import type { Proactive } from './proactive';

export interface CallbackPage {
  readonly status: number;
  readonly title: string;
  readonly message: string;
}

export interface ConsentCallbackDeps {
  readonly consentStates: Pick<ConsentStates, 'redeem'>;
  readonly followUp: Pick<ConsentFollowUp, 'start'>;
  /** To tell the chat that showed the status card when consent was declined or failed. */
  readonly store: Pick<Store, 'getRegistration'>;
  readonly proactive: Pick<Proactive, 'sendCard'>;
  readonly logger: Logger;
}

/** What Entra ID's refusal means, in plain words: the AADSTS code's explanation when it names one. */
function refusalText(
  error: string,
  description: string | undefined,
): { title: string; explanation: string; fix: string } {
  const code = /AADSTS(\d{4,9})/.exec(description ?? '')?.[1];
  if (code) return explainAadsts(code);
  return {
    title: 'Consent was not granted',
    explanation: `Entra ID returned "${error.slice(0, 80)}" instead of granting consent.`,
    fix: 'Open the consent link again, signed in as an administrator who may grant tenant-wide consent (a Global Administrator or Privileged Role Administrator), and select Accept.',
  };
}

/**
 * Where Entra ID sends the admin back after the consent prompt. The query is read by
 * parseAdminConsentCallback; the `state` is what is trusted (signed, single-use, bound to
 * the registration), never the `tenant` parameter alone.
 */
export function createConsentCallback(
  deps: ConsentCallbackDeps,
): (query: URLSearchParams | Record<string, unknown>) => Promise<CallbackPage> {
  /** A new message in the chat that shows the status card; the card keeps its consent link. */
  async function tellChat(
    registrationId: string,
    ownerId: string,
    refusal: { title: string; explanation: string; fix: string },
  ): Promise<void> {
    const registration = await deps.store.getRegistration(registrationId);
    const conversationKey = registration?.ownerId === ownerId ? registration.statusCard?.conversationKey : undefined;
    if (!conversationKey) return;
    const sent = await deps.proactive.sendCard(
      conversationKey,
      noticeCard({
        tone: 'attention',
        title: refusal.title,
        text: `${refusal.explanation} ${refusal.fix} Then select Grant admin consent on the status card again, or Retest.`,
      }),
    );
    if (!sent.ok) deps.logger.warn('consent.refusal_notice_failed', { reason: sent.reason, status: sent.status });
  }

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
      const refusal = refusalText(answer.error ?? 'error', answer.description);
      await tellChat(record.registrationId, record.ownerId, refusal);
      return { status: 200, title: refusal.title, message: `${refusal.explanation} ${refusal.fix}` };
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
