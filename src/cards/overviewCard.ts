import type { OverviewRow, OverviewState } from '../registrations/overviewRows';
import { daysLeftInWords } from '../time/daysLeft';
import { card, execute, heading, text } from './cardParts';
import type { AdaptiveCard, CardElement, TextColor } from './cardTypes';
import { escapeText } from './escapeText';
import { formatDate, formatDateTime } from './formatDate';
import { Verbs } from './verbs';

/** Lines shown at most: a card stays well under Teams' size limit; the rest are counted. */
export const MAX_OVERVIEW_ROWS = 25;

const LOOK: Record<OverviewState, { icon: string; color: TextColor }> = {
  Ready: { icon: '✅', color: 'Default' },
  'Action needed': { icon: '⚠️', color: 'Default' },
  'Check incomplete': { icon: '⏳', color: 'Accent' },
  'Check failed': { icon: '⛔', color: 'Default' },
  'Not checked': { icon: '…', color: 'Default' },
};

function expiryLine(row: OverviewRow, timeZone?: string): string {
  if (row.daysLeft === undefined || row.secretEndsAt === undefined) return 'Secret expiry unknown';
  const words = daysLeftInWords(row.daysLeft, row.expired);
  return `Secret ${words} (${formatDate(row.secretEndsAt, timeZone)})`;
}

/**
 * `overview`: every connector of the user on one card, most urgent first (rows come sorted by
 * overviewRows), each with its state in words and icon, the secret's days left, the last check
 * and a Retest that refreshes this card in place.
 */
export function overviewCard(input: {
  readonly rows: readonly OverviewRow[];
  readonly timeZone?: string;
  /** A line under the heading, e.g. what the last Retest changed. */
  readonly note?: string;
  /** Default "Your connectors". */
  readonly title?: string;
  /** A Retest per line (personal chat); off for a channel digest. Default on. */
  readonly retest?: boolean;
}): AdaptiveCard {
  const shown = input.rows.slice(0, MAX_OVERVIEW_ROWS);
  const needing = input.rows.filter((r) => r.state !== 'Ready' || (r.daysLeft ?? 99) <= 30).length;
  const body: CardElement[] = [
    heading(`${escapeText(input.title ?? 'Your connectors', 150)} (${input.rows.length})`),
    text(
      input.rows.length === 0
        ? 'No registration yet. Type "setup" to connect one.'
        : needing === 0
          ? 'All ready, and no secret ends within 30 days.'
          : `${needing} need${needing === 1 ? 's' : ''} attention: most urgent first.`,
      { isSubtle: true },
    ),
  ];
  if (input.note) body.push(text(escapeText(input.note, 400), { spacing: 'Small' }));
  shown.forEach((row, i) => {
    const look = LOOK[row.state];
    body.push({
      type: 'Container',
      spacing: 'Medium',
      ...(i > 0 ? { separator: true } : {}),
      items: [
        {
          type: 'ColumnSet',
          columns: [
            {
              type: 'Column',
              width: 'stretch',
              items: [
                text(`**${escapeText(row.label, 120)}**`),
                text(`${look.icon} ${row.state}`, { color: look.color, weight: 'Bolder', spacing: 'None' }),
                text(expiryLine(row, input.timeZone), { spacing: 'None', isSubtle: true }),
                text(
                  row.lastCheckedAt
                    ? `Checked ${formatDateTime(row.lastCheckedAt, input.timeZone)}`
                    : 'Not checked yet',
                  { spacing: 'None', isSubtle: true },
                ),
              ],
            },
            ...(input.retest === false
              ? []
              : [
                  {
                    type: 'Column' as const,
                    width: 'auto' as const,
                    verticalContentAlignment: 'Center' as const,
                    items: [
                      {
                        type: 'ActionSet' as const,
                        actions: [execute('Retest', Verbs.overviewRetest, { registrationId: row.id })],
                      },
                    ],
                  },
                ]),
          ],
        },
      ],
    });
  });
  if (input.rows.length > shown.length) {
    body.push(
      text(
        `…and ${input.rows.length - shown.length} more, in order of urgency. Type "overview" in a personal chat with me for all of them.`,
        {
          isSubtle: true,
        },
      ),
    );
  }
  return card(body);
}
