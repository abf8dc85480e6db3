import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { AdaptiveCard } from '../cards/cardTypes';
import { checkingCard } from '../cards/checkingCard';
import { forgetConfirmCard } from '../cards/forgetConfirmCard';
import { noticeCard } from '../cards/noticeCard';
import { PRODUCT_NAME } from '../cards/productName';
import { setupCard } from '../cards/setupCard';
import { Verbs } from '../cards/verbs';
import { parseConnectorInput, type InputField } from '../consent';
import {
  credentialsRejected,
  type CheckedRegistration,
  type StatusCardRef,
} from '../registrations/registrationService';
import { within, type Timed } from '../time/deadline';
import { ACTION_RULES, validateActionPayload, type ActionPayload } from './actionPayload';
import type { BotExtensions, CardActionExtension } from './botExtensions';
import type { BotDeps } from './botDeps';
import { sendCard } from './chatReplies';
import { startSetup } from './setupConversation';
import type { SetupSessions } from './setupSessions';
import { turnInfoOf, type TurnInfo } from './turnInfo';

type Handler = (context: TurnContext, info: TurnInfo, data: ActionPayload) => Promise<AdaptiveCard | string>;

/** What the card buttons use of the bot's dependencies. */
export type CardActionDeps = Pick<
  BotDeps,
  'registrations' | 'renderResult' | 'followUp' | 'proactive' | 'logger' | 'invokeBudgetMs' | 'offerCreate'
>;

const notFound = (): AdaptiveCard =>
  noticeCard({
    tone: 'warning',
    title: 'Registration not found',
    text: 'It may have been forgotten. Type "setup" to connect it again, or "status" to see the ones I keep.',
  });

const unknownButton = (): AdaptiveCard =>
  noticeCard({
    tone: 'attention',
    title: 'Unknown button',
    text: 'This button is not one I know (perhaps from an older card). Type "help" to see what I can do.',
  });

/** The clicked card, which the answer replaces: later updates (consent follow-up) go to it. */
function clickedCard(context: TurnContext, info: TurnInfo): StatusCardRef | undefined {
  const activityId = context.activity.replyToId;
  return activityId ? { conversationKey: info.conversationKey, activityId } : undefined;
}

/** Refuses a button outside a personal chat (anything that takes or shows credentials). */
function personalOnly(handler: Handler): Handler {
  return async (context, info, data) =>
    info.scope === 'personal'
      ? handler(context, info, data)
      : noticeCard({
          tone: 'attention',
          title: 'Personal chat only',
          text: 'I accept credentials only in a personal chat with me. Nothing was stored.',
        });
}

/** An extension's button, refused in the conversation scopes it does not allow. */
function scoped(extension: CardActionExtension): Handler {
  return async (context, info, data) =>
    !extension.scopes || extension.scopes.includes(info.scope)
      ? extension.handle(context, info, data)
      : noticeCard({
          tone: 'attention',
          title: 'Not here',
          text: 'That button does not work in this kind of conversation.',
        });
}

/**
 * Card buttons (Action.Execute). Each answer replaces the clicked card in place; a check that
 * outlasts the invoke budget answers "Checking…" and the result replaces it when ready.
 * A check reads the registration once (to check its owner) and writes it once (result and
 * the clicked card's reference together).
 */
export function registerCardActions(
  app: Application<TurnState>,
  deps: CardActionDeps,
  sessions: SetupSessions,
  extensions: BotExtensions = {},
): void {
  async function resultCard(
    context: TurnContext,
    info: TurnInfo,
    run: Promise<CheckedRegistration>,
    label: string,
    waited?: Timed<CheckedRegistration>,
  ): Promise<AdaptiveCard> {
    const finish = (checked: CheckedRegistration): Promise<AdaptiveCard> =>
      deps.renderResult(checked.registration, checked.result, info.timeZone, checked.previous);
    // One budget per turn: a caller that already waited passes what it saw instead of waiting again.
    const outcome = waited ?? (await within(run, deps.invokeBudgetMs));
    if (outcome.done) return finish(outcome.value);
    const cardMessageId = context.activity.replyToId;
    void run
      .then(finish)
      .then(async (card) => {
        if (!cardMessageId) return;
        const sent = await deps.proactive.updateCard(info.conversationKey, cardMessageId, card);
        if (!sent.ok) deps.logger.warn('card.late_update_failed', { reason: sent.reason, status: sent.status });
      })
      .catch((error: unknown) => deps.logger.error('card.late_update_failed', { error }));
    return checkingCard({ label });
  }

  const handlers: Record<string, Handler> = {
    [Verbs.startSetup]: personalOnly(async (context, info, data) => {
      // "Connect the existing one" (a name taken by Create it for me) pre-fills its IDs.
      const prefill = {
        ...(data.tenant ? { tenant: data.tenant } : {}),
        ...(data.clientId ? { clientId: data.clientId } : {}),
      };
      await startSetup(context, sessions, info, prefill, deps.offerCreate === true);
      return 'Setup started: see the form below.';
    }),
    [Verbs.cancelSetup]: async (_context, info) => {
      await sessions.end(info.conversationKey, info.userId);
      return noticeCard({
        tone: 'default',
        title: 'Setup cancelled',
        text: 'Nothing was saved. Type "setup" to start again.',
      });
    },
    [Verbs.submitSetup]: personalOnly(async (context, info, data) => {
      const parsed = parseConnectorInput(data);
      if (!parsed.ok) {
        const errors: Partial<Record<InputField, string>> = {};
        for (const e of parsed.errors) errors[e.field] = e.message;
        await keepSetupOpen(
          sessions,
          info,
          data,
          new Set(parsed.errors.map((e) => e.field)),
          context.activity.replyToId,
        );
        return setupCard({ tenant: data.tenant, clientId: data.clientId, registrationId: data.registrationId, errors });
      }
      await sessions.end(info.conversationKey, info.userId);
      const owner = { ownerId: info.userId, ownerTenantId: info.tenantId ?? 'unknown' };
      const run = deps.registrations.register(owner, parsed.value, {
        registrationId: data.registrationId,
        statusCard: clickedCard(context, info),
        conversationKey: info.conversationKey,
      });
      const outcome = await within(run, deps.invokeBudgetMs);
      if (outcome.done && credentialsRejected(outcome.value.result) && outcome.value.result.kind === 'failure') {
        const failure = outcome.value.result;
        const field = failure.field ?? 'clientSecret';
        await keepSetupOpen(sessions, info, parsed.value, new Set([field]), context.activity.replyToId);
        return setupCard({
          tenant: parsed.value.tenant,
          clientId: parsed.value.clientId,
          registrationId: data.registrationId,
          errors: { [field]: `${failure.title}${failure.aadsts ? ` (AADSTS${failure.aadsts})` : ''}. ${failure.fix}` },
        });
      }
      return resultCard(context, info, run, parsed.value.clientId, outcome);
    }),
    [Verbs.retest]: async (context, info, data) => {
      const reg = await deps.registrations.get(data.registrationId ?? '', info.userId);
      if (!reg) return notFound();
      const run = deps.registrations.recheck(reg, { statusCard: clickedCard(context, info) });
      return resultCard(context, info, run, reg.label);
    },
    [Verbs.consentGranted]: async (context, info, data) => {
      const reg = await deps.registrations.get(data.registrationId ?? '', info.userId);
      if (!reg) return notFound();
      await deps.followUp.start(reg.id, info.userId);
      const run = deps.registrations.recheck(reg, { freshToken: true, statusCard: clickedCard(context, info) });
      return resultCard(context, info, run, reg.label);
    },
    [Verbs.updateCredentials]: personalOnly(async (context, info, data) => {
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
    }),
    [Verbs.pickRegistration]: async (context, info, data) => {
      const reg = await deps.registrations.get(data.registrationId ?? '', info.userId);
      if (!reg) return notFound();
      if (data.purpose === 'forget') return forgetConfirmCard({ registrationId: reg.id, label: reg.label });
      if (data.purpose === 'status' && reg.lastResult) return deps.renderResult(reg, reg.lastResult, info.timeZone);
      const run = deps.registrations.recheck(reg, { statusCard: clickedCard(context, info) });
      return resultCard(context, info, run, reg.label);
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
    [Verbs.remindChannel]: async (context, info, data) => {
      // Information goes out as a new message; the status card it was asked from stays as it was.
      await sendCard(
        context,
        noticeCard({
          tone: 'default',
          title: 'Reminders in a channel',
          text: `Add me to a team, then in the channel that should hear about it type "@${PRODUCT_NAME} remind here". I will post there before the client secret expires.`,
        }),
      );
      const reg = data.registrationId ? await deps.registrations.get(data.registrationId, info.userId) : undefined;
      return reg?.lastResult
        ? deps.renderResult(reg, reg.lastResult, info.timeZone)
        : 'How to set up channel reminders is in the message below.';
    },
  };

  const extra = extensions.cardActions ?? {};
  const routes: Record<string, Handler> = {
    ...handlers,
    ...Object.fromEntries(Object.entries(extra).map(([verb, extension]) => [verb, scoped(extension)])),
  };
  const rules = {
    ...ACTION_RULES,
    ...Object.fromEntries(Object.entries(extra).map(([verb, extension]) => [verb, extension.rules])),
  };

  app.adaptiveCards.actionExecute<unknown>(
    async (context) => context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action',
    async (context, _state, rawData) => {
      const verb = String((context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb ?? '');
      // Own properties only: "__proto__", "constructor" or "toString" are not buttons.
      const handler = Object.hasOwn(routes, verb) ? routes[verb] : undefined;
      if (!handler) return unknownButton();
      const checked = validateActionPayload(verb, rawData, rules);
      if (!checked.ok) return noticeCard({ tone: 'attention', title: 'I could not use that', text: checked.message });
      return handler(context, turnInfoOf(context), checked.data);
    },
  );
}

/**
 * After a form error both ways stay open: the step-by-step setup continues from the first field
 * in error with what the form already held (never the secret), so pasting the secret Value in
 * the chat next works as the form's Step 3 says.
 */
async function keepSetupOpen(
  sessions: SetupSessions,
  info: TurnInfo,
  values: { readonly tenant?: unknown; readonly clientId?: unknown; readonly registrationId?: unknown },
  wrong: ReadonlySet<InputField>,
  formActivityId: string | undefined,
): Promise<void> {
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const tenant = wrong.has('tenant') ? undefined : text(values.tenant);
  const clientId = wrong.has('clientId') ? undefined : text(values.clientId);
  const registrationId = text(values.registrationId);
  const step = !tenant ? 'tenant' : !clientId ? 'clientId' : 'clientSecret';
  await sessions.save(info.conversationKey, info.userId, {
    step,
    ...(tenant ? { tenant } : {}),
    ...(tenant && clientId ? { clientId } : {}),
    ...(registrationId ? { registrationId } : {}),
    // The clicked form, replaced by this answer: a typed error next updates it instead of posting another.
    ...(formActivityId ? { formActivityId } : {}),
  });
}
