import type { RequiredPermission } from '../consent';
import { monthsText } from '../repair/secretLifetime';
import { card, execute, heading, openUrl, subheading, text } from './cardParts';
import type { AdaptiveCard } from './cardTypes';
import { escapeText } from './escapeText';
import { Verbs } from './verbs';

export interface CreatePreviewInput {
  readonly appName: string;
  readonly tenantId: string;
  readonly lifetimeMonths: number;
  readonly permissions: readonly RequiredPermission[];
  readonly signInUrl: string;
}

/** What Create it for me will do, before anything exists; Sign in and create starts it. */
export function createPreviewCard(input: CreatePreviewInput): AdaptiveCard {
  const perms = input.permissions.map((p) => `- ${escapeText(p.name, 80)} (${p.kind})`).join('\n');
  return card(
    [
      heading(`Create it for me: ${escapeText(input.appName, 120)}`),
      {
        type: 'FactSet',
        spacing: 'Small',
        facts: [
          { title: 'Name', value: escapeText(input.appName, 120) },
          { title: 'Tenant', value: escapeText(input.tenantId, 120) },
          { title: 'Who can sign in', value: 'Accounts in this organisational directory only (single tenant)' },
          { title: 'Client secret', value: `Valid ${monthsText(input.lifetimeMonths)}` },
        ],
      },
      subheading('What I will do'),
      text(
        [
          '1. Register the app with these Microsoft Graph permissions:',
          perms,
          '2. Create its enterprise application and grant admin consent for all of them.',
          '3. Add a client secret (shortened to what your organisation allows, if its policy says so).',
          "4. Check it with the connector's own credentials, and give you the secret's value once, on a page only you can open.",
        ].join('\n'),
        { spacing: 'Small' },
      ),
      subheading('Who can do it'),
      text(
        'Sign in as a Global Administrator, or a Privileged Role Administrator (granting application permissions needs one). I use your sign-in for this one job and do not keep it.',
        { spacing: 'Small' },
      ),
    ],
    [
      ...openUrl('Sign in and create', input.signInUrl, 'positive'),
      execute('Cancel', Verbs.createCancel, {}, { associatedInputs: 'none' }),
    ],
  );
}
