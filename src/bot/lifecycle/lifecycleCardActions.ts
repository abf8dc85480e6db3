import type { TurnContext } from 'botbuilder';
import type { PermissionProfile } from '../../consent';
import type { AdaptiveCard } from '../../cards/cardTypes';
import { createFormCard } from '../../cards/createFormCard';
import { createPreviewCard } from '../../cards/createPreviewCard';
import { noticeCard } from '../../cards/noticeCard';
import { rotatePreviewCard } from '../../cards/rotatePreviewCard';
import { rotationCard } from '../../cards/rotationCard';
import { LifecycleInputs, Verbs } from '../../cards/verbs';
import type { FixRequest } from '../../repair/fixRequest';
import type { LifecycleHandlers } from '../../repair/lifecycleHandlers';
import { rotationView } from '../../repair/rotateFlow';
import { DEFAULT_LIFETIME_MONTHS, nearestLifetimeMonths, parseLifetimeMonths } from '../../repair/secretLifetime';
import type { Rotations } from '../../registrations/rotations';
import type { StoredRegistration } from '../../store/store';
import type { FieldRule } from '../actionPayload';
import type { BotDeps } from '../botDeps';
import type { CardActionExtension } from '../botExtensions';
import { sendCard } from '../chatReplies';
import { requester } from '../fix/fixCardActions';
import type { TurnInfo } from '../turnInfo';

export interface LifecycleBotDeps {
  readonly bot: Pick<BotDeps, 'registrations' | 'logger' | 'proactive'>;
  /** The sign-in start link bound to a request (signed, single-use state). */
  readonly signInLink: (request: FixRequest) => Promise<string>;
  readonly handlers: Pick<LifecycleHandlers, 'confirmRotation'>;
  readonly rotations: Pick<Rotations, 'get'>;
  readonly profile: PermissionProfile;
}

const ID: FieldRule = { required: true, max: 64 };
const LIFETIME: FieldRule = { required: false, max: 4 };
const PERSONAL = ['personal'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Letters, digits, spaces and common punctuation; no control or markup characters.
const APP_NAME = /^[\p{L}\p{N} ._()'&+,:-]{1,120}$/u;

const notFound = (): AdaptiveCard =>
  noticeCard({
    tone: 'warning',
    title: 'Registration not found',
    text: 'It may have been forgotten. Type "status" to see the ones I keep.',
  });

const labelOf = (reg: StoredRegistration): string =>
  reg.lastResult?.kind === 'report' ? (reg.lastResult.app.displayName ?? reg.label) : reg.label;

/**
 * Create it for me (welcome card, setup form → form → preview with the sign-in link) and Rotate
 * now (status card or reminder card → preview → sign-in; "I've updated the connector" on the
 * rotation card). Everything that leads to a secret happens in personal chat; Rotate now on a
 * channel's reminder card sends the steps to the owner's personal chat.
 */
export function lifecycleCardActions(deps: LifecycleBotDeps): Record<string, CardActionExtension> {
  async function rotatePreview(
    context: TurnContext,
    info: TurnInfo,
    reg: StoredRegistration,
    months: number,
    conversationKey = info.conversationKey,
    cardActivityId = context.activity.replyToId,
  ): Promise<AdaptiveCard> {
    const pending = await deps.rotations.get(reg.id);
    const base = baseRequest(context, info, reg, conversationKey, cardActivityId);
    if (pending?.stage === 'switched') {
      // Confirmed already: only the old secret's removal is left (building its link changes nothing).
      const view = (await deps.handlers.confirmRotation(reg, base)) ?? rotationView(reg, pending);
      return rotationCard({
        ...view,
        notice: 'A rotation is not finished: I check with the new secret; the old one still exists.',
        timeZone: info.timeZone,
      });
    }
    if (pending) {
      // Abandoned half way: both secrets, which one the bot uses, and the ways on.
      return rotationCard({
        ...rotationView(reg, pending),
        notice: `A rotation started by ${pending.startedBy} is not finished: both secrets exist and I still check with the old one. If the product already has the new secret, select I've updated the connector; if its value is lost, Start over replaces it with another new one.`,
        restartUrl: await deps.signInLink({ ...base, task: { kind: 'rotate', lifetimeMonths: months } }),
        timeZone: info.timeZone,
      });
    }
    const report = reg.lastResult?.kind === 'report' ? reg.lastResult : undefined;
    const request: FixRequest = { ...base, task: { kind: 'rotate', lifetimeMonths: months } };
    return rotatePreviewCard({
      registrationId: reg.id,
      label: labelOf(reg),
      current: {
        hint: reg.secretHint,
        ...(report?.secret.endDateTime ? { endDateTime: report.secret.endDateTime } : {}),
      },
      lifetimeMonths: months,
      signInUrl: await deps.signInLink(request),
      timeZone: info.timeZone,
    });
  }

  function baseRequest(
    context: TurnContext,
    info: TurnInfo,
    reg: StoredRegistration,
    conversationKey: string,
    cardActivityId: string | undefined,
  ): FixRequest {
    return {
      registrationId: reg.id,
      tenantId: reg.tenantId,
      requestedBy: requester(context, info),
      planHash: '',
      conversationKey,
      ...(cardActivityId ? { cardActivityId } : {}),
    };
  }

  const lifetimeOf = (reg: StoredRegistration): number =>
    nearestLifetimeMonths(reg.lastResult?.kind === 'report' ? reg.lastResult.secret.lifetimeDays : undefined);

  return {
    [Verbs.createStart]: {
      rules: {
        appName: { required: false, max: 200 },
        tenant: { required: false, max: 256 },
        lifetimeMonths: LIFETIME,
      },
      scopes: PERSONAL,
      handle: async (context, info, data) => {
        await sendCard(
          context,
          createFormCard({
            ...(data.appName ? { appName: data.appName } : {}),
            // The Teams organisation's id, when it is one Entra ID could sign in to.
            ...(data.tenant
              ? { tenant: data.tenant }
              : GUID.test(info.tenantId ?? '')
                ? { tenant: info.tenantId }
                : {}),
            lifetimeMonths: parseLifetimeMonths(data.lifetimeMonths) ?? DEFAULT_LIFETIME_MONTHS,
          }),
        );
        return 'Create it for me: see the form below.';
      },
    },
    [Verbs.createPreview]: {
      rules: {
        [LifecycleInputs.appName]: { required: false, max: 200 },
        [LifecycleInputs.tenant]: { required: false, max: 256 },
        [LifecycleInputs.lifetimeMonths]: LIFETIME,
      },
      scopes: PERSONAL,
      handle: async (context, info, data) => {
        const appName = (data.appName ?? '').trim().replace(/\s+/g, ' ');
        const tenant = (data.tenant ?? '').trim().toLowerCase();
        const months = parseLifetimeMonths(data.lifetimeMonths);
        const problems = [
          ...(APP_NAME.test(appName)
            ? []
            : ["The name must be 1 to 120 letters, digits, spaces or . _ ( ) ' & + , : -."]),
          ...(GUID.test(tenant)
            ? []
            : [
                'The Directory (tenant) ID must be the GUID on the Overview page of Microsoft Entra ID (a domain name is not enough here).',
              ]),
          ...(months ? [] : ['Choose 3, 6, 12 or 24 months for the client secret.']),
        ];
        if (problems.length > 0) {
          return createFormCard({
            appName: appName || undefined,
            tenant: data.tenant,
            lifetimeMonths: months ?? DEFAULT_LIFETIME_MONTHS,
            notice: problems.join(' '),
          });
        }
        const lifetimeMonths = months ?? DEFAULT_LIFETIME_MONTHS;
        const request: FixRequest = {
          registrationId: '',
          tenantId: tenant,
          requestedBy: requester(context, info),
          planHash: '',
          conversationKey: info.conversationKey,
          ...(context.activity.replyToId ? { cardActivityId: context.activity.replyToId } : {}),
          task: {
            kind: 'create',
            displayName: appName,
            lifetimeMonths,
            owner: { ownerId: info.userId, ownerTenantId: info.tenantId ?? 'unknown' },
          },
        };
        deps.bot.logger.info('create.preview', {});
        return createPreviewCard({
          appName,
          tenantId: tenant,
          lifetimeMonths,
          permissions: deps.profile.permissions,
          signInUrl: await deps.signInLink(request),
        });
      },
    },
    [Verbs.createCancel]: {
      rules: {},
      scopes: PERSONAL,
      handle: () =>
        Promise.resolve(
          noticeCard({
            tone: 'default',
            title: 'Cancelled',
            text: 'Nothing was created. Type "setup" to start again.',
          }),
        ),
    },
    [Verbs.rotate]: {
      rules: {
        registrationId: ID,
        subscriptionId: { required: false, max: 64 },
        purpose: { required: false, max: 16, oneOf: ['rotate'] },
      },
      handle: async (context, info, data) => {
        const reg = await deps.bot.registrations.get(data.registrationId ?? '', info.userId);
        if (info.scope === 'personal') {
          if (!reg) return notFound();
          return rotatePreview(context, info, reg, lifetimeOf(reg));
        }
        // A channel's reminder card: the steps (and later the secret's link) go to the owner's personal chat.
        const personal = reg?.statusCard?.conversationKey;
        if (!reg || !personal) {
          return 'Only the person who set up this connector in their personal chat with me can rotate its secret. Ask them to select Rotate now, or open the personal chat and type "setup".';
        }
        const card = await rotatePreview(context, info, reg, lifetimeOf(reg), personal, '');
        const sent = await deps.bot.proactive.sendCard(personal, card);
        if (!sent.ok) {
          deps.bot.logger.warn('rotate.personal_send_failed', { reason: sent.reason, status: sent.status });
          return 'I could not reach our personal chat. Open it and select Rotate now on the status card.';
        }
        return 'I sent the rotation steps to our personal chat: the new secret is shown only there.';
      },
    },
    [Verbs.rotateLifetime]: {
      rules: { registrationId: ID, [LifecycleInputs.lifetimeMonths]: LIFETIME },
      scopes: PERSONAL,
      handle: async (context, info, data) => {
        const reg = await deps.bot.registrations.get(data.registrationId ?? '', info.userId);
        if (!reg) return notFound();
        return rotatePreview(context, info, reg, parseLifetimeMonths(data.lifetimeMonths) ?? lifetimeOf(reg));
      },
    },
    [Verbs.rotateConfirm]: {
      rules: { registrationId: ID },
      scopes: PERSONAL,
      handle: async (context, info, data) => {
        const reg = await deps.bot.registrations.get(data.registrationId ?? '', info.userId);
        if (!reg) return notFound();
        const view = await deps.handlers.confirmRotation(
          reg,
          baseRequest(context, info, reg, info.conversationKey, context.activity.replyToId),
        );
        if (!view) {
          return noticeCard({
            tone: 'default',
            title: 'No rotation under way',
            text: 'This rotation is finished or was never started. Select Retest on the status card to see the secret in use.',
          });
        }
        return rotationCard({ ...view, timeZone: info.timeZone });
      },
    },
  };
}
