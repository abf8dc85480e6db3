import type { ExtraPermission, PermissionResult, PermissionStatus } from '../consent';
import { subheading, text } from './cardParts';
import type { CardElement, TextColor } from './cardTypes';
import { escapeText } from './escapeText';

/**
 * Word, icon and colour per status: the word is always shown, colour and icon only add. Colours
 * are roles Teams themes legibly in light, dark and high contrast; never `Warning`, whose yellow
 * text is hard to read on white. "Not granted" is what blocks the connector, so it is Attention.
 */
export const STATUS_LOOK: Record<PermissionStatus, { icon: string; color: TextColor }> = {
  Granted: { icon: '✅', color: 'Default' },
  'Not granted': { icon: '⚠️', color: 'Default' },
  'Not added': { icon: '❌', color: 'Default' },
  Unknown: { icon: '❔', color: 'Accent' },
};

/** One row per required permission: name and kind on the left, status on the right. */
export function permissionRows(results: readonly PermissionResult[]): CardElement[] {
  return results.map((result, i): CardElement => {
    // Stored reports are JSON: fall back rather than crash on an unexpected word.
    const look = STATUS_LOOK[result.status] ?? STATUS_LOOK.Unknown;
    const reason =
      result.reason && (result.status !== 'Granted' || result.source === 'token-roles')
        ? [text(escapeText(result.reason, 300), { isSubtle: true, size: 'Small', spacing: 'None' })]
        : [];
    return {
      type: 'ColumnSet',
      spacing: 'Small',
      ...(i > 0 ? { separator: true } : {}),
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            text(`**${escapeText(result.permission.name, 120)}**`),
            text(escapeText(result.permission.kind, 20), { isSubtle: true, size: 'Small', spacing: 'None' }),
            ...reason,
          ],
        },
        {
          type: 'Column',
          width: 'auto',
          items: [text(`${look.icon} ${escapeText(result.status, 20)}`, { color: look.color, weight: 'Bolder' })],
        },
      ],
    };
  });
}

/**
 * Extras named on a card; the list is unbounded (an app can hold hundreds) and Teams refuses
 * cards over ~28 KB, so the rest are counted. The report, CLI and JSON keep every one.
 */
export const MAX_EXTRAS_SHOWN = 30;

/** Least-privilege warning: Graph permissions granted beyond the profile, one per line, the first ones only. */
export function extraPermissionsSection(extras: readonly ExtraPermission[]): CardElement[] {
  if (extras.length === 0) return [];
  const shown = extras.slice(0, MAX_EXTRAS_SHOWN);
  const more = extras.length - shown.length;
  const lines = [
    ...shown.map((p) => `- ${escapeText(p.name, 120)} (${escapeText(p.kind, 20)})`),
    ...(more > 0 ? [`- …and ${more} more (all are listed under API permissions in the Azure portal)`] : []),
  ].join('\n');
  return [
    subheading(`⚠️ ${extras.length} extra permission${extras.length === 1 ? '' : 's'}`),
    text(
      'The app also has these Microsoft Graph permissions, which the connector does not need. ' +
        'Remove them unless something else uses this app (least privilege):',
    ),
    text(lines, { spacing: 'Small' }),
  ];
}
