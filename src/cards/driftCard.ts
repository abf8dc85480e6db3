import type { PermissionKind, PermissionStatus } from '../consent';
import { card, heading, openUrl, subheading, text } from './cardParts';
import type { AdaptiveCard, CardElement } from './cardTypes';
import { escapeText } from './escapeText';
import { formatDateTime } from './formatDate';
import { STATUS_LOOK } from './permissionRows';

export interface DriftChange {
  readonly permission: string;
  readonly kind: PermissionKind;
  readonly from: PermissionStatus;
  readonly to: PermissionStatus;
}

export interface DriftCardInput {
  readonly appName: string;
  readonly tenantId: string;
  /** Permissions whose status left Granted (or otherwise changed) since the last check. */
  readonly changes: readonly DriftChange[];
  /** The stored secret no longer gets a token (revoked, deleted or expired early). */
  readonly secretStoppedWorking?: boolean;
  /** Plain-text reason from the failed check, e.g. its title. */
  readonly secretProblem?: string;
  readonly detectedAt: string;
  readonly timeZone?: string;
  /** Where to look and fix: the app's API permissions page in the portal. */
  readonly reportUrl: string;
  /** Personal chat with the bot, for the full status card. */
  readonly personalChatUrl?: string;
}

/**
 * Consent drift: a daily re-check found that a permission stopped being Granted or the
 * secret stopped working. Sent at once, because the connector is already broken.
 */
export function driftCard(input: DriftCardInput): AdaptiveCard {
  const body: CardElement[] = [
    heading("🚨 The connector's access changed"),
    {
      type: 'FactSet',
      facts: [
        { title: 'App', value: escapeText(input.appName, 150) },
        { title: 'Tenant', value: escapeText(input.tenantId, 120) },
        { title: 'Detected', value: formatDateTime(input.detectedAt, input.timeZone) },
      ],
    },
  ];
  if (input.secretStoppedWorking) {
    body.push(subheading('⛔ The client secret stopped working'));
    body.push(
      text(
        input.secretProblem
          ? escapeText(input.secretProblem, 400)
          : 'Entra ID no longer issues a token with the stored secret.',
        { spacing: 'Small' },
      ),
    );
    body.push(
      text('Create a new secret and give it to me in personal chat (type **setup** there).', { spacing: 'Small' }),
    );
  }
  if (input.changes.length > 0) {
    body.push(subheading('Permissions that changed'));
    body.push(
      ...input.changes.map((c) => {
        const to = STATUS_LOOK[c.to] ?? STATUS_LOOK.Unknown;
        return text(
          `${to.icon} **${escapeText(c.permission, 120)}** (${escapeText(c.kind, 20)}): ` +
            `${escapeText(c.from, 20)} → **${escapeText(c.to, 20)}**`,
          { color: to.color, spacing: 'Small' },
        );
      }),
    );
    body.push(
      text('An admin probably removed a permission or revoked consent. Add it back and grant admin consent.', {
        spacing: 'Small',
      }),
    );
  }
  return card(body, [
    ...openUrl('Open in Azure portal', input.reportUrl),
    ...openUrl('Open chat with the bot', input.personalChatUrl),
  ]);
}
