import type { RepairAuditEntry } from '../repair/repairOutcome';
import { card, heading, text } from './cardParts';
import type { AdaptiveCard, CardElement } from './cardTypes';
import { escapeText } from './escapeText';
import { formatDateTime } from './formatDate';

/** Entries shown at most; the trail keeps more, the card stays small. */
export const MAX_HISTORY_ENTRIES = 10;

/**
 * The audit trail of one registration (`history`): newest first, who made each repair, whether
 * it completed and every change with its result.
 */
export function historyCard(input: {
  readonly label: string;
  readonly entries: readonly RepairAuditEntry[];
  readonly timeZone?: string;
}): AdaptiveCard {
  const shown = input.entries.slice(0, MAX_HISTORY_ENTRIES);
  const rows = shown.map((entry, i): CardElement => {
    const who = escapeText(entry.by.userPrincipalName ?? entry.by.objectId, 120);
    const lines = entry.changes.slice(0, 12).map((c) => `- ${escapeText(c.summary, 200)}: ${RESULT_WORDS[c.result]}`);
    return {
      type: 'Container',
      spacing: 'Medium',
      ...(i > 0 ? { separator: true } : {}),
      items: [
        text(
          `**${formatDateTime(entry.at, input.timeZone)}** by ${who}: ${entry.completed ? '✅ completed' : '⛔ stopped'}`,
        ),
        ...(lines.length > 0 ? [text(lines.join('\n'), { spacing: 'Small' })] : []),
      ],
    };
  });
  const body: CardElement[] = [heading(`Repair history: ${escapeText(input.label, 150)}`)];
  if (rows.length === 0) body.push(text('No repairs yet. "Fix it for me" on the status card records each one here.'));
  body.push(...rows);
  if (input.entries.length > shown.length) {
    body.push(text(`…and ${input.entries.length - shown.length} older entries.`, { isSubtle: true }));
  }
  return card(body);
}

const RESULT_WORDS: Record<RepairAuditEntry['changes'][number]['result'], string> = {
  applied: 'done',
  'already-present': 'already there',
  failed: 'failed',
  'not-attempted': 'not attempted',
};
