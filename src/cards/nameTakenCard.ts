import { card, execute, heading, text } from './cardParts';
import type { AdaptiveCard } from './cardTypes';
import { escapeText } from './escapeText';
import { Verbs } from './verbs';

export interface NameTakenInput {
  readonly appName: string;
  readonly tenantId: string;
  readonly existing: readonly { readonly appId: string; readonly displayName: string }[];
  readonly lifetimeMonths: number;
}

/**
 * An app registration with the chosen name exists: nothing was created. Either another name
 * (the form again) or the existing one (the setup form with its IDs, for its secret).
 */
export function nameTakenCard(input: NameTakenInput): AdaptiveCard {
  const first = input.existing[0];
  const list = input.existing
    .slice(0, 5)
    .map((a) => `- ${escapeText(a.displayName, 120)}: client ID ${escapeText(a.appId, 40)}`)
    .join('\n');
  return card(
    [
      heading('That name is taken: nothing was created'),
      text(
        `Your organisation already has an app registration named **${escapeText(input.appName, 120)}**. Two with the same name are easy to mix up, so I did not create another.`,
      ),
      text(list, { spacing: 'Small' }),
      text(
        'Choose another name, or connect the existing one: I open the setup form with its IDs and you give me one of its client secret values (create one under Certificates & secrets if nobody has one). After that, Rotate now gives it new secrets from here.',
        { spacing: 'Small' },
      ),
    ],
    [
      execute(
        'Choose another name',
        Verbs.createStart,
        {
          appName: `${input.appName} (2)`.slice(0, 120),
          tenant: input.tenantId,
          lifetimeMonths: String(input.lifetimeMonths),
        },
        { style: 'positive' },
      ),
      ...(first
        ? [execute('Connect the existing one', Verbs.startSetup, { tenant: input.tenantId, clientId: first.appId })]
        : []),
    ],
  );
}
