import type { RepairNote } from '../repair/repairNote';
import { text } from './cardParts';
import type { CardElement } from './cardTypes';
import { escapeText } from './escapeText';

/** "Fixed by … just now: …", or which step failed, why, and what was done before it. */
export function repairSection(note: RepairNote | undefined): CardElement[] {
  if (!note) return [];
  const by = escapeText(note.by, 120);
  const done = note.outcome.changes
    .filter((c) => c.result === 'applied' || c.result === 'already-present')
    .map((c) => escapeText(c.summary, 200));
  if (note.outcome.completed) {
    const what = done.length > 0 ? done.join('; ') : 'nothing needed changing';
    return [
      text(`🛠️ ${note.action ?? 'Fixed'} by ${by} just now: ${what}.`, {
        spacing: 'Large',
        separator: true,
        weight: 'Bolder',
      }),
    ];
  }
  const failed = note.outcome.changes.find((c) => c.result === 'failed');
  const step = failed ? escapeText(failed.summary, 200) : 'A step';
  const why = escapeText(failed?.detail ?? note.outcome.failure?.message ?? 'Microsoft Graph refused the change.', 600);
  return [
    {
      type: 'Container',
      style: 'attention',
      spacing: 'Large',
      items: [
        text(
          `🛠️ ${note.action === 'Created' ? 'Create it for me' : 'Fix it for me'} by ${by} stopped: ${step} failed.`,
          { weight: 'Bolder' },
        ),
        text(`Why: ${why}`, { spacing: 'Small' }),
        text(done.length > 0 ? `Done before it: ${done.join('; ')}.` : 'Nothing was changed before it.', {
          spacing: 'Small',
        }),
      ],
    },
  ];
}
