import type { CheckFailure, FailureCode, ReportLinks } from '../consent';
import { card, execute, heading, openUrl, subheading, text } from './cardParts';
import type { AdaptiveCard, CardAction, CardElement, Fact } from './cardTypes';
import { escapeText } from './escapeText';
import { formatDateTime } from './formatDate';
import { Verbs } from './verbs';

export interface FailureCardContext {
  /** Known registration: offers Retest and Update credentials instead of Start setup. */
  readonly registrationId?: string;
  readonly label?: string;
  /** IANA zone from Teams; UTC when absent or unknown. */
  readonly timeZone?: string;
  /** The bot can rotate secrets itself: an expired or rejected stored secret offers Rotate now. */
  readonly offerRotate?: boolean;
}

/** Failures of a stored secret that a new secret from Rotate now fixes. */
const ROTATE_FIXES: ReadonlySet<FailureCode> = new Set<FailureCode>(['secret-expired', 'invalid-secret']);

/** Which portal page helps with which failure. */
const PORTAL_PAGE: Partial<Record<FailureCode, { title: string; link: keyof ReportLinks }>> = {
  'invalid-secret': { title: 'Open Certificates & secrets', link: 'portalCredentials' },
  'secret-id-given': { title: 'Open Certificates & secrets', link: 'portalCredentials' },
  'secret-expired': { title: 'Open Certificates & secrets', link: 'portalCredentials' },
  'app-disabled': { title: 'Open app overview', link: 'portalOverview' },
  'consent-required': { title: 'Open API permissions', link: 'portalApiPermissions' },
  'reply-address': { title: 'Open app overview', link: 'portalOverview' },
};

/**
 * A check that produced no report (wrong secret, tenant not found, Entra ID down...): what
 * happened and how to fix it in plain words, plus the ids support will ask for. Never a
 * stack trace, never the secret (CheckFailure does not carry it).
 */
export function failureCard(failure: CheckFailure, ctx: FailureCardContext = {}): AdaptiveCard {
  const body: CardElement[] = [heading(`⛔ ${escapeText(failure.title, 200)}`)];
  const about = [
    ctx.label ? `**${escapeText(ctx.label, 150)}**` : undefined,
    failure.tenantInput ? `tenant ${escapeText(failure.tenantInput, 120)}` : undefined,
    failure.clientId ? `client ${escapeText(failure.clientId, 60)}` : undefined,
  ].filter(Boolean);
  if (about.length > 0) body.push(text(about.join(' · '), { isSubtle: true, spacing: 'None' }));
  body.push(text(escapeText(failure.explanation, 1500)));
  body.push(subheading('How to fix it'), text(escapeText(failure.fix, 1500)));
  if (failure.retryable) {
    body.push(text('This may be temporary: press **Retest** in a minute.', { isSubtle: true }));
  }

  const facts: Fact[] = [];
  if (failure.aadsts) facts.push({ title: 'Error code', value: `AADSTS${escapeText(failure.aadsts, 20)}` });
  facts.push({ title: 'Problem', value: escapeText(failure.code, 40) });
  if (failure.correlationId) facts.push({ title: 'Correlation ID', value: escapeText(failure.correlationId, 80) });
  if (failure.traceId) facts.push({ title: 'Trace ID', value: escapeText(failure.traceId, 80) });
  facts.push({ title: 'Time', value: formatDateTime(failure.checkedAt, ctx.timeZone) });
  body.push(text('For support', { weight: 'Bolder', size: 'Small', spacing: 'Large' }));
  body.push({ type: 'FactSet', facts, spacing: 'Small' });

  const actions: CardAction[] = [];
  if (ctx.registrationId) {
    const data = { registrationId: ctx.registrationId };
    const rotate = ctx.offerRotate === true && ROTATE_FIXES.has(failure.code);
    if (rotate) actions.push(execute('Rotate now', Verbs.rotate, data, { style: 'positive' }));
    actions.push(execute('Retest', Verbs.retest, data, rotate ? {} : { style: 'positive' }));
    actions.push(execute('Update credentials', Verbs.updateCredentials, data));
  } else {
    actions.push(execute('Start setup', Verbs.startSetup, {}, { style: 'positive' }));
  }
  const page = PORTAL_PAGE[failure.code];
  if (page) actions.push(...openUrl(page.title, failure.links?.[page.link]));
  return card(body, actions);
}
