import { LIFETIME_MONTHS, monthsText } from '../repair/secretLifetime';
import type { InputChoiceSet } from './cardTypes';
import { LifecycleInputs } from './verbs';

/** The drop-down of secret lifetimes (3, 6, 12 or 24 months). */
export function lifetimeChoice(selected: number, label = 'The client secret lives'): InputChoiceSet {
  return {
    type: 'Input.ChoiceSet',
    id: LifecycleInputs.lifetimeMonths,
    label,
    isRequired: true,
    errorMessage: 'Choose how long the client secret lives.',
    value: String(selected),
    choices: LIFETIME_MONTHS.map((m) => ({
      title: `${monthsText(m)}${m === 6 ? ' (recommended)' : m === 24 ? ' (the longest Entra ID allows)' : ''}`,
      value: String(m),
    })),
  };
}
