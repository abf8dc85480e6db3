import type { PermissionKind } from '../consent';
import { card, execute, heading, openUrl, subheading, text } from './cardParts';
import type { AdaptiveCard } from './cardTypes';
import { escapeText } from './escapeText';
import { PRODUCT_NAME } from './productName';
import { Verbs } from './verbs';

/** The public cloud's App registrations list; other clouds pass their own portal's URL. */
export const PUBLIC_APP_REGISTRATIONS_URL =
  'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade';

/** The Office 365 connector's seven Graph permissions, used when no profile is passed. */
export const DEFAULT_WELCOME_PERMISSIONS: readonly { name: string; kind: PermissionKind }[] = [
  { name: 'User.Read', kind: 'Delegated' },
  { name: 'User.Read.All', kind: 'Delegated' },
  { name: 'User.ReadBasic.All', kind: 'Delegated' },
  { name: 'Directory.AccessAsUser.All', kind: 'Delegated' },
  { name: 'Directory.Read.All', kind: 'Delegated' },
  { name: 'User.Read.All', kind: 'Application' },
  { name: 'Directory.Read.All', kind: 'Application' },
];

export interface WelcomeCardInput {
  /** App registrations blade of the configured cloud's portal. */
  readonly portalAppRegistrationsUrl: string;
  /** The profile's permissions (pass `profile.permissions`); defaults to the connector's seven. */
  readonly permissions?: readonly { readonly name: string; readonly kind: PermissionKind }[];
  /** The bot can create the app registration itself (an admin sign-in app is configured). */
  readonly offerCreate?: boolean;
}

/**
 * First thing an admin sees after installing: what the bot does and the setup guide's two
 * steps in short, so they can prepare the three values before pressing Start setup.
 */
export function welcomeCard(input: WelcomeCardInput): AdaptiveCard {
  const permissions = input.permissions ?? DEFAULT_WELCOME_PERMISSIONS;
  const names = (kind: PermissionKind): string =>
    permissions
      .filter((p) => p.kind === kind)
      .map((p) => escapeText(p.name, 80))
      .join(', ') || 'none';
  const count = permissions.length;
  return card(
    [
      heading(PRODUCT_NAME),
      text(
        "I check that your Office 365 connector's app registration in Microsoft Entra ID has every " +
          'Microsoft Graph permission it needs, admin consent included, and that its client secret is ' +
          'still valid. I show what is missing, give you the consent link, and can remind a channel before the secret expires.',
      ),
      subheading('Step 1: Register an application'),
      text(
        '1. Azure portal → Microsoft Entra ID → **App registrations** → **New registration**; give it a name and register.\n' +
          '2. On the Overview page copy the **Application (client) ID** and the **Directory (tenant) ID**.\n' +
          '3. **Certificates & secrets** → **New client secret** → copy its **Value** at once. ' +
          'Not the *Secret ID* column: that is the most common mistake.',
      ),
      subheading(`Step 2: Add the ${count} Microsoft Graph permission${count === 1 ? '' : 's'}`),
      text('**API permissions** → **Add a permission** → **Microsoft Graph**, then add:'),
      {
        type: 'FactSet',
        facts: [
          { title: 'Delegated', value: names('Delegated') },
          { title: 'Application', value: names('Application') },
        ],
      },
      text(
        'Then click **Grant admin consent for** *your tenant*: every permission should show a green check. ' +
          'Granting application permissions needs an admin role such as Global Administrator or Privileged Role Administrator.',
      ),
      text('Already have an app for this? Press **Start setup** and give me its three values; I check it right away.', {
        isSubtle: true,
        spacing: 'Medium',
      }),
      ...(input.offerCreate
        ? [
            text(
              "No app yet? Press **I don't have an app registration yet**: you sign in once as an administrator and I do steps 1 and 2 for you.",
              { isSubtle: true, spacing: 'Small' },
            ),
          ]
        : []),
    ],
    [
      execute('Start setup', Verbs.startSetup, {}, { style: 'positive' }),
      ...(input.offerCreate ? [execute("I don't have an app registration yet", Verbs.createStart)] : []),
      ...openUrl('Open App registrations', input.portalAppRegistrationsUrl),
    ],
  );
}
