import type { RepairPlan } from '../repair/repairPlan';
import { card, execute, heading, openUrl, subheading, text } from './cardParts';
import type { AdaptiveCard, CardElement } from './cardTypes';
import { escapeText } from './escapeText';
import { planSteps } from './planSteps';
import { Verbs } from './verbs';

export interface RepairPreviewInput {
  readonly registrationId: string;
  /** The app's display name or the registration's label. */
  readonly label: string;
  /** Where Sign in and apply goes: the sign-in start URL bound to this plan. */
  readonly signInUrl: string;
  /** Shown above the plan, e.g. "The registration changed since you saw the plan". */
  readonly notice?: string;
}

/**
 * "Fix it for me", before anything changes: every change in plain words, who can make them,
 * and that nothing is removed. Sign in and apply opens the admin sign-in; Cancel brings the
 * status card back untouched.
 */
export function repairPreviewCard(plan: RepairPlan, input: RepairPreviewInput): AdaptiveCard {
  const steps = planSteps(plan).map((s, i) => `${i + 1}. ${escapeText(s, 200)}`);
  const body: CardElement[] = [
    heading(`Fix it for me: ${escapeText(input.label, 150)}`),
    ...(input.notice ? [text(`⚠️ ${escapeText(input.notice, 300)}`, { weight: 'Bolder' })] : []),
    {
      type: 'FactSet',
      spacing: 'Small',
      facts: [
        { title: 'Tenant', value: escapeText(plan.tenantId, 60) },
        { title: 'Client ID', value: escapeText(plan.clientId, 60) },
      ],
    },
    subheading('What I will do'),
    text(steps.length > 0 ? steps.join('\n') : 'Nothing: every required permission is already granted.', {
      spacing: 'Small',
    }),
    text('Nothing is ever removed: I only add and grant what this connector needs.', { spacing: 'Small' }),
    ...(plan.rolesNeeded.length > 0
      ? [
          subheading('Who can do it'),
          text(
            `Sign in as a ${plan.rolesNeeded.map((r) => escapeText(r, 60)).join(', or a ')}. ` +
              'I use your sign-in for this one change and do not keep it.',
            { spacing: 'Small' },
          ),
        ]
      : []),
  ];
  const data = { registrationId: input.registrationId };
  return card(body, [
    ...openUrl('Sign in and apply', input.signInUrl, 'positive'),
    execute('Cancel', Verbs.fixCancel, data, { associatedInputs: 'none' }),
  ]);
}
