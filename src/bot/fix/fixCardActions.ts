import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/cardTypes';
import { historyCard } from '../../cards/historyCard';
import { noticeCard } from '../../cards/noticeCard';
import { repairPreviewCard } from '../../cards/repairPreviewCard';
import { Verbs } from '../../cards/verbs';
import type { FixRequest } from '../../repair/fixRequest';
import { isEmptyPlan, planHash, planInputFromReport, planRepair } from '../../repair/repairPlan';
import type { FieldRule } from '../actionPayload';
import type { CardActionExtension } from '../botExtensions';
import type { TurnInfo } from '../turnInfo';
import type { FixBotDeps } from './fixBotDeps';

const ID: FieldRule = { required: true, max: 64 };
const PERSONAL = ['personal'] as const;

const notFound = (): AdaptiveCard =>
  noticeCard({
    tone: 'warning',
    title: 'Registration not found',
    text: 'It may have been forgotten. Type "status" to see the ones I keep.',
  });

/** The Teams user who asked: the sign-in must be theirs. */
export function requester(context: TurnContext, info: TurnInfo): FixRequest['requestedBy'] {
  const from = context.activity.from;
  return {
    teamsUserId: from?.id ?? info.userId,
    ...(from?.aadObjectId ? { objectId: from.aadObjectId } : {}),
    ...(info.tenantId ? { tenantId: info.tenantId } : {}),
  };
}

/**
 * Fix it for me (status card → preview card with the plan and the sign-in link), Cancel (the
 * status card back, nothing changed) and the history picker's button. Personal chat only: the
 * plan and the audit trail are the owner's.
 */
export function fixCardActions(deps: FixBotDeps): Record<string, CardActionExtension> {
  return {
    [Verbs.fix]: {
      rules: { registrationId: ID },
      scopes: PERSONAL,
      handle: async (context, info, data) => {
        if (!deps.fixStartLink) {
          return noticeCard({
            tone: 'default',
            title: 'Fix it for me is not set up here',
            text: "This bot has no admin sign-in app configured. Use Grant admin consent on the status card, or the app's API permissions page in the Azure portal.",
          });
        }
        const reg = await deps.bot.registrations.get(data.registrationId ?? '', info.userId);
        if (!reg) return notFound();
        const report = reg.lastResult?.kind === 'report' ? reg.lastResult : undefined;
        if (!report) {
          return noticeCard({
            tone: 'default',
            title: 'Nothing to fix yet',
            text: 'The last check did not finish. Select Retest first.',
          });
        }
        const plan = planRepair(planInputFromReport(report), deps.profileOf(report.profileId));
        if (isEmptyPlan(plan)) return deps.bot.renderResult(reg, report, info.timeZone);
        const request: FixRequest = {
          registrationId: reg.id,
          tenantId: report.tenantId,
          requestedBy: requester(context, info),
          planHash: planHash(plan),
          conversationKey: info.conversationKey,
          ...(context.activity.replyToId ? { cardActivityId: context.activity.replyToId } : {}),
        };
        const signInUrl = await deps.fixStartLink(request);
        deps.bot.logger.info('repair.preview', { registrationId: reg.id });
        return repairPreviewCard(plan, {
          registrationId: reg.id,
          label: report.app.displayName ?? reg.label,
          signInUrl,
        });
      },
    },
    [Verbs.fixCancel]: {
      rules: { registrationId: ID },
      scopes: PERSONAL,
      handle: async (_context, info, data) => {
        const reg = await deps.bot.registrations.get(data.registrationId ?? '', info.userId);
        if (!reg) return notFound();
        return reg.lastResult
          ? deps.bot.renderResult(reg, reg.lastResult, info.timeZone)
          : noticeCard({ tone: 'default', title: 'Cancelled', text: 'Nothing was changed.' });
      },
    },
    [Verbs.historyPick]: {
      rules: { registrationId: ID, purpose: { required: false, max: 16, oneOf: ['history'] } },
      scopes: PERSONAL,
      handle: async (_context, info, data) => {
        const reg = await deps.bot.registrations.get(data.registrationId ?? '', info.userId);
        if (!reg) return notFound();
        return historyCard({ label: reg.label, entries: await deps.audit.list(reg.id), timeZone: info.timeZone });
      },
    },
  };
}
