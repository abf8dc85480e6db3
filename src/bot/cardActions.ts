import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { AdaptiveCard } from '../cards/cardTypes';
import { checkingCard } from '../cards/checkingCard';
import { forgetConfirmCard } from '../cards/forgetConfirmCard';
import { noticeCard } from '../cards/noticeCard';
import { setupCard } from '../cards/setupCard';
import { ALL_VERBS, Verbs } from '../cards/verbs';
import { parseConnectorInput } from '../consent/input';
import type { InputField } from '../consent/report';
import { credentialsRejected, type CheckedRegistration } from '../registrations/registrationService';
import { ACTION_RULES, validateActionPayload, type ActionPayload } from './actionPayload';
import type { BotExtensions } from './botExtensions';
import type { BotDeps } from './botDeps';
import { startSetup } from './setupConversation';
import type { SetupSessions } from './setupSessions';
import { readTurnInfo, type TurnInfo } from './turnInfo';
import { withinBudget } from './withinBudget';

type Handler = (context: TurnContext, info: TurnInfo, data: ActionPayload) => Promise<AdaptiveCard | string>;

const notFound = (): AdaptiveCard =>
  noticeCard({
    tone: 'warning',
    title: 'Registration not found',
    text: 'It may have been forgotten. Type "setup" to connect it again, or "status" to see the ones I keep.',
  });

/**
 * Card buttons (Action.Execute). Each answer replaces the clicked card in place; a check that
 * outlasts the invoke budget answers "Checking…" and the result replaces it when ready.
 */
export function registerCardActions(
  app: Application<TurnState>,
  deps: BotDeps,
  sessions: SetupSessions,
  extensions: BotExtensions = {},
): void {
  async function resultCard(
    context: TurnContext,
    info: TurnInfo,
    run: Promise<CheckedRegistration | undefined>,
    label: string,
  ): Promise<AdaptiveCard> {
    const cardMessageId = context.activity.replyToId;
    const finish = async (checked: CheckedRegistration | undefined): Promise<AdaptiveCard> => {
      if (!checked) return notFound();
      if (checked.registration && cardMessageId) {
        await deps.registrations.attachStatusCard(checked.registration.id, info.userId, {
          conversationKey: info.conversationKey,
          activityId: cardMessageId,
        });
      }
      return deps.renderResult(checked.registration, checked.result, info.timeZone);
    };
    const outcome = await withinBudget(run, deps.invokeBudgetMs);
    if (outcome.done) return finish(outcome.value);
    void run
      .then(finish)
      .then((card) => (cardMessageId ? deps.proactive.updateCard(info.conversationKey, cardMessageId, card) : false))
      .catch((error: unknown) => deps.logger.error('card.late_update_failed', { error }));
    return checkingCard({ label });
  }

  const handlers: Record<string, Handler> = {
    [Verbs.startSetup]: async (context, info) => {
      await startSetup(context, sessions, info);
      return 'Setup started: see the form below.';
    },
    [Verbs.cancelSetup]: async (_context, info) => {
      await sessions.end(info.conversationKey, info.userId);
      return noticeCard({
        tone: 'default',
        title: 'Setup cancelled',
        text: 'Nothing was saved. Type "setup" to start again.',
      });
    },
    [Verbs.submitSetup]: async (context, info, data) => {
      const parsed = parseConnectorInput(data);
      if (!parsed.ok) {
        const errors: Partial<Record<InputField, string>> = {};
        for (const e of parsed.errors) errors[e.field] = e.message;
        return setupCard({ tenant: data.tenant, clientId: data.clientId, registrationId: data.registrationId, errors });
      }
      await sessions.end(info.conversationKey, info.userId);
      const owner = { ownerId: info.userId, ownerTenantId: info.tenantId ?? 'unknown' };
      const run = deps.registrations.register(owner, parsed.value, data.registrationId);
      const outcome = await withinBudget(run, deps.invokeBudgetMs);
      if (outcome.done && credentialsRejected(outcome.value.result) && outcome.value.result.kind === 'failure') {
        const failure = outcome.value.result;
        const field = failure.field ?? 'clientSecret';
        return setupCard({
          tenant: parsed.value.tenant,
          clientId: parsed.value.clientId,
          registrationId: data.registrationId,
          errors: { [field]: `${failure.title}${failure.aadsts ? ` (AADSTS${failure.aadsts})` : ''}. ${failure.fix}` },
        });
      }
      return resultCard(context, info, run, parsed.value.clientId);
    },
    [Verbs.retest]: async (context, info, data) => {
      const reg = await deps.registrations.get(data.registrationId ?? '', info.userId);
      if (!reg) return notFound();
      return resultCard(context, info, deps.registrations.recheck(reg.id, info.userId), reg.label);
    },
    [Verbs.consentGranted]: async (context, info, data) => {
      const reg = await deps.registrations.get(data.registrationId ?? '', info.userId);
      if (!reg) return notFound();
      await deps.followUp.start(reg.id, info.userId);
      return resultCard(
        context,
        info,
        deps.registrations.recheck(reg.id, info.userId, { freshToken: true }),
        reg.label,
      );
    },
    [Verbs.updateCredentials]: async (context, info, data) => {
      const reg = await deps.registrations.get(data.registrationId ?? '', info.userId);
      if (!reg) return notFound();
      await startSetup(context, sessions, info, {
        tenant: reg.tenantInput,
        clientId: reg.clientId,
        registrationId: reg.id,
      });
      return reg.lastResult
        ? deps.renderResult(reg, reg.lastResult, info.timeZone)
        : 'Enter the new secret in the form below.';
    },
    [Verbs.pickRegistration]: async (context, info, data) => {
      const reg = await deps.registrations.get(data.registrationId ?? '', info.userId);
      if (!reg) return notFound();
      if (data.purpose === 'forget') return forgetConfirmCard({ registrationId: reg.id, label: reg.label });
      if (data.purpose === 'status' && reg.lastResult) return deps.renderResult(reg, reg.lastResult, info.timeZone);
      return resultCard(context, info, deps.registrations.recheck(reg.id, info.userId), reg.label);
    },
    [Verbs.forgetConfirm]: async (_context, info, data) => {
      const deleted = await deps.registrations.forget(data.registrationId ?? '', info.userId);
      if (deleted) await extensions.onRegistrationForgotten?.(data.registrationId ?? '');
      return deleted
        ? noticeCard({
            tone: 'good',
            title: 'Forgotten',
            text: 'The registration, its sealed secret, its results and its channel reminders are deleted. The app registration in Entra ID is untouched.',
          })
        : notFound();
    },
    [Verbs.forgetCancel]: async () => noticeCard({ tone: 'default', title: 'Kept', text: 'Nothing was deleted.' }),
    [Verbs.remindChannel]: async () =>
      noticeCard({
        tone: 'default',
        title: 'Reminders in a channel',
        text: 'Add me to a team, then in the channel that should hear about it type "@Connector Consent Bot remind here". I will post there before the client secret expires.',
      }),
  };

  const needsPersonal = new Set<string>([Verbs.submitSetup, Verbs.startSetup, Verbs.updateCredentials]);
  const extra = extensions.cardActions ?? {};
  const rules = {
    ...ACTION_RULES,
    ...Object.fromEntries(Object.entries(extra).map(([verb, ext]) => [verb, ext.rules])),
  };

  app.adaptiveCards.actionExecute<unknown>(
    async (context) => context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action',
    async (context, _state, rawData) => {
      const verb = String((context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb ?? '');
      const info = readTurnInfo(context.activity);
      const checked = validateActionPayload(verb, rawData, rules);
      if (!checked.ok) return noticeCard({ tone: 'attention', title: 'I could not use that', text: checked.message });
      const extension = Object.hasOwn(extra, verb) ? extra[verb] : undefined;
      if (extension) {
        if (extension.scopes && !extension.scopes.includes(info.scope)) {
          return noticeCard({
            tone: 'attention',
            title: 'Not here',
            text: 'That button does not work in this kind of conversation.',
          });
        }
        return extension.handle(context, info, checked.data);
      }
      if (needsPersonal.has(verb) && info.scope !== 'personal') {
        return noticeCard({
          tone: 'attention',
          title: 'Personal chat only',
          text: 'I accept credentials only in a personal chat with me. Nothing was stored.',
        });
      }
      const handler = handlers[verb];
      if (!handler || !ALL_VERBS.includes(verb))
        return noticeCard({ tone: 'attention', title: 'Unknown button', text: 'Type "help" to see what I can do.' });
      return handler(context, info, checked.data);
    },
  );
}
