import type { Verdict } from '../consent';
import { card, execute, heading, text } from './cardParts';
import type { AdaptiveCard, CardElement } from './cardTypes';
import { escapeText } from './escapeText';
import type { Verbs } from './verbs';

export type PickPurpose = 'check' | 'status' | 'forget' | 'remind' | 'history' | 'rotate';

export interface PickableRegistration {
  readonly id: string;
  readonly label: string;
  readonly tenantId: string;
  readonly clientId: string;
  /** The last report's verdict, if a check ever succeeded. */
  readonly verdict?: Verdict;
}

/** More than this and the card gets long; the rest are named by count. */
export const MAX_PICKER_ENTRIES = 20;

const PROMPTS: Record<PickPurpose, { title: string; button: string }> = {
  check: { title: 'Which registration should I check?', button: 'Check' },
  status: { title: "Which registration's status?", button: 'Show status' },
  forget: { title: 'Which registration should I forget?', button: 'Forget' },
  remind: { title: 'Which registration should this channel get reminders for?', button: 'Remind here' },
  history: { title: 'Whose repair history?', button: 'Show history' },
  rotate: { title: "Which registration's client secret should I rotate?", button: 'Rotate now' },
};

/** The verbs a picker's buttons may send: the core pick flow, or subscribing a channel to reminders. */
export type PickVerb =
  typeof Verbs.pickRegistration | typeof Verbs.reminderSubscribe | typeof Verbs.historyPick | typeof Verbs.rotate;

/**
 * For users with several registrations (e.g. a consultant serving several customers): one
 * row and one button per registration; the button sends `verb` with the registration's id
 * and the purpose.
 */
export function registrationPickerCard(input: {
  readonly purpose: PickPurpose;
  readonly verb: PickVerb;
  readonly registrations: readonly PickableRegistration[];
}): AdaptiveCard {
  const prompt = PROMPTS[input.purpose];
  const shown = input.registrations.slice(0, MAX_PICKER_ENTRIES);
  const hidden = input.registrations.length - shown.length;
  const rows = shown.flatMap((r, i): CardElement[] => [
    {
      type: 'ColumnSet',
      ...(i > 0 ? { separator: true } : {}),
      spacing: 'Medium',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            text(`**${escapeText(r.label, 120)}**`),
            // One line each, so a GUID is cut with an ellipsis on a narrow screen rather than broken at a hyphen.
            guidLine(`Tenant ${escapeText(r.tenantId, 100)}`),
            guidLine(`Client ${escapeText(r.clientId, 60)}`),
          ],
        },
        {
          type: 'Column',
          width: 'auto',
          verticalContentAlignment: 'Center',
          items: [verdictText(r.verdict)],
        },
      ],
    },
    {
      type: 'ActionSet',
      spacing: 'Small',
      actions: [
        execute(`${prompt.button}: ${r.label}`, input.verb, {
          registrationId: r.id,
          purpose: input.purpose,
        }),
      ],
    },
  ]);
  const body: CardElement[] = [heading(prompt.title), ...rows];
  if (shown.length === 0) body.push(text('You have no registrations yet. Type **setup** to add one.'));
  if (hidden > 0)
    body.push(text(`…and ${hidden} more not shown. Type **forget** on ones you no longer need.`, { isSubtle: true }));
  return card(body);
}

/** A line that does not wrap (wrap defaults to false): cut with an ellipsis, never broken mid-GUID. */
function guidLine(value: string): CardElement {
  return {
    type: 'TextBlock',
    text: value,
    maxLines: 1,
    isSubtle: true,
    size: 'Small',
    spacing: 'None',
  };
}

function verdictText(verdict: Verdict | undefined): CardElement {
  if (verdict === 'Ready') return text('✅ Ready', { color: 'Default', weight: 'Bolder' });
  if (verdict === 'Action needed') return text('⚠️ Action needed', { color: 'Default', weight: 'Bolder' });
  if (verdict === 'Check incomplete') return text('⏳ Check incomplete', { color: 'Accent', weight: 'Bolder' });
  return text('Not checked', { isSubtle: true });
}
