import type { ConsentReport, NextStep, Verdict } from '../consent';
import { card, execute, openUrl, subheading, text } from './cardParts';
import type { AdaptiveCard, CardAction, CardElement, ContainerStyle, TextColor } from './cardTypes';
import { escapeText, markdownLink } from './escapeText';
import { formatDateTime } from './formatDate';
import { extraPermissionsSection, permissionRows } from './permissionRows';
import { secretSection } from './secretSection';
import type { RepairNote } from '../repair/repairNote';
import { repairSection } from './repairSection';
import { Verbs } from './verbs';

export interface StatusCardContext {
  readonly registrationId: string;
  /** The registration's label; shown when Graph gave no app display name. */
  readonly label: string;
  /** 'callback': the consent page reports back to the bot; 'manual': the user says when done. */
  readonly consentMode: 'callback' | 'manual';
  /** The admin-consent link to open (with redirect_uri/state in callback mode). */
  readonly consentUrl: string;
  /** IANA zone from Teams; UTC when absent or unknown. */
  readonly timeZone?: string;
  /** Reference time for "days left" (defaults to the report's checkedAt). */
  readonly now?: Date;
  /**
   * For a re-check: what changed since the previous check (empty: nothing), so Retest always
   * visibly answers. Absent for a first check.
   */
  readonly changes?: readonly string[];
  /**
   * Offer **Fix it for me**: the bot has an admin sign-in app (ADMIN_SIGNIN_CLIENT_ID) and the
   * report's repair plan is not empty. Without it the admin-consent link stays the path.
   */
  readonly offerFix?: boolean;
  /** Offer **Rotate now** under the client secret (an admin sign-in app is configured). */
  readonly offerRotate?: boolean;
  /** A repair just made: "Fixed by … just now", or where it stopped. */
  readonly repair?: RepairNote;
}

/**
 * The main card: verdict first, then every required permission with its status word, the
 * secret's expiry, extra permissions, notes and numbered next steps; Retest replaces it in
 * place. Five top-level buttons at most (Teams shows six); "I've granted consent" sits in the body.
 */
export function statusCard(report: ConsentReport, ctx: StatusCardContext): AdaptiveCard {
  const look = VERDICT_LOOK[report.verdict] ?? VERDICT_LOOK['Action needed'];
  const granted = report.permissions.filter((p) => p.status === 'Granted').length;
  // A check that could not finish asks for no consent: nothing shows that it is missing.
  const offerConsent = granted < report.permissions.length && report.verdict !== 'Check incomplete';
  const name = report.app.displayName ?? ctx.label;
  const tenant =
    report.tenantInput && report.tenantInput.toLowerCase() !== report.tenantId.toLowerCase()
      ? `${escapeText(report.tenantInput, 120)} (${escapeText(report.tenantId, 60)})`
      : escapeText(report.tenantId, 120);

  const body: CardElement[] = [
    text(`**${escapeText(name, 150)}**`, { size: 'Large', style: 'heading' }),
    {
      type: 'FactSet',
      spacing: 'Small',
      facts: [
        { title: 'Tenant', value: tenant },
        { title: 'Client ID', value: escapeText(report.clientId, 60) },
      ],
    },
    {
      type: 'Container',
      style: look.style,
      spacing: 'Medium',
      items: [
        text(look.title, { size: 'ExtraLarge', weight: 'Bolder', color: look.color }),
        text(`${granted} of ${report.permissions.length} required permissions granted.`, { spacing: 'None' }),
        ...incompleteLines(report),
      ],
    },
    subheading('Microsoft Graph permissions'),
    ...permissionRows(report.permissions),
    ...secretSection(report.secret, ctx.now ?? new Date(report.checkedAt), ctx.timeZone),
    ...(ctx.offerRotate ? rotateSection(ctx.registrationId) : []),
    ...extraPermissionsSection(report.extraPermissions),
    ...nextStepsSection(report.nextSteps, ctx.consentUrl),
    ...(offerConsent ? consentSection(ctx) : []),
    ...(ctx.offerFix ? fixSection(ctx.registrationId) : []),
    ...notesSection(report.notes),
    ...repairSection(ctx.repair),
    ...changesLines(ctx.changes),
    text(
      `Last checked ${formatDateTime(report.checkedAt, ctx.timeZone)}` +
        (report.cloud === 'custom' && !report.notes.some((n) => /custom endpoint/i.test(n))
          ? " against a custom endpoint (not Microsoft's cloud)."
          : ''),
      {
        isSubtle: true,
        size: 'Small',
        spacing: 'Large',
        separator: true,
      },
    ),
  ];

  const data = { registrationId: ctx.registrationId };
  const actions: CardAction[] = [
    ...(offerConsent ? openUrl('Grant admin consent', ctx.consentUrl, 'positive') : []),
    ...openUrl('Open in Azure portal', report.links.portalApiPermissions),
    execute('Retest', Verbs.retest, data),
    execute('Update credentials', Verbs.updateCredentials, data),
    execute('Remind a channel', Verbs.remindChannel, data),
  ];
  return card(body, actions, true);
}

/** Title, colour and container style per verdict; the words are always shown, colour only adds. */
const VERDICT_LOOK: Record<Verdict, { title: string; color: TextColor; style: ContainerStyle }> = {
  Ready: { title: '✅ Ready', color: 'Default', style: 'good' },
  'Action needed': { title: '⚠️ Action needed', color: 'Default', style: 'attention' },
  'Check incomplete': { title: '⏳ Check incomplete', color: 'Default', style: 'warning' },
};

/** Why the check could not finish and when to retry, under the verdict. */
function incompleteLines(report: ConsentReport): CardElement[] {
  if (report.verdict !== 'Check incomplete' || !report.incomplete) return [];
  const reasons = report.incomplete.reasons.slice(0, 4).map((r) => escapeText(r, 300));
  return [
    text(`The check could not finish: ${reasons.join(' ')}`, { spacing: 'Small' }),
    text(escapeText(report.incomplete.retry, 300), { weight: 'Bolder', spacing: 'Small' }),
  ];
}

function nextStepsSection(steps: readonly NextStep[], consentUrl: string): CardElement[] {
  if (steps.length === 0) return [];
  const lines = steps.map((step, i) => {
    // The consent step uses the same link as the button (with the callback state when there is one).
    const target = step.code === 'grant-admin-consent' ? consentUrl : step.link;
    const link = target ? ` ${markdownLink('(open)', target)}` : '';
    return `${i + 1}. ${escapeText(step.text, 500)}${link}`;
  });
  return [subheading('Next steps'), text(lines.join('\n'), { spacing: 'Small' })];
}

function consentSection(ctx: StatusCardContext): CardElement[] {
  if (ctx.consentMode === 'callback') {
    return [
      text(
        'After an admin grants consent through **Grant admin consent**, I re-check on my own and update this card.',
        {
          isSubtle: true,
          spacing: 'Medium',
        },
      ),
    ];
  }
  return [
    subheading('After granting consent'),
    text(
      "I cannot hear back from the consent page for this app. Either add this bot's consent callback URL as a " +
        "**Web** redirect URI on the app registration, or use **Grant admin consent for** *your tenant* on the app's " +
        "API permissions page in the Azure portal. Then press **I've granted consent**: I re-check for a few minutes, " +
        'because consent takes a while to show up.',
      { spacing: 'Small' },
    ),
    {
      type: 'ActionSet',
      actions: [execute("I've granted consent", Verbs.consentGranted, { registrationId: ctx.registrationId })],
    },
  ];
}

/** In the body, like "I've granted consent": the top-level row keeps its five buttons. */
function fixSection(registrationId: string): CardElement[] {
  return [
    subheading('Or let me do it'),
    text(
      'I show you exactly what I would add and grant, then you sign in once as an administrator and I apply it and re-check.',
      { spacing: 'Small' },
    ),
    {
      type: 'ActionSet',
      actions: [execute('Fix it for me', Verbs.fix, { registrationId }, { style: 'positive' })],
    },
  ];
}

/** Under the secret: the bot adds a new one and keeps the old one until the product uses the new one. */
function rotateSection(registrationId: string): CardElement[] {
  return [
    {
      type: 'ActionSet',
      spacing: 'Small',
      actions: [execute('Rotate now', Verbs.rotate, { registrationId })],
    },
  ];
}

function notesSection(notes: readonly string[]): CardElement[] {
  if (notes.length === 0) return [];
  return [
    subheading('Notes'),
    ...notes.map((note) => text(`ℹ️ ${escapeText(note, 500)}`, { isSubtle: true, size: 'Small', spacing: 'Small' })),
  ];
}

/** "Checked just now: no change", or each change since the previous check. */
function changesLines(changes: readonly string[] | undefined): CardElement[] {
  if (changes === undefined) return [];
  if (changes.length === 0) {
    return [text('🔄 Checked just now: no change since the last check.', { spacing: 'Large', separator: true })];
  }
  const shown = changes.slice(0, 10).map((c) => `- ${escapeText(c, 200)}`);
  if (changes.length > shown.length) shown.push(`- and ${changes.length - shown.length} more`);
  return [
    text('🔄 Checked just now. Changed since the last check:', { spacing: 'Large', separator: true, weight: 'Bolder' }),
    text(shown.join('\n'), { spacing: 'Small' }),
  ];
}
