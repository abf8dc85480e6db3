import { Verbs } from '../cards/verbs';
import { isRecord } from '../shared/isRecord';

export interface FieldRule {
  readonly required: boolean;
  readonly max: number;
  readonly oneOf?: readonly string[];
}

const id: FieldRule = { required: true, max: 64 };
const optionalId: FieldRule = { required: false, max: 64 };

/** Fields each verb accepts; anything else is refused with a clear message. */
export const ACTION_RULES: Readonly<Record<string, Readonly<Record<string, FieldRule>>>> = {
  [Verbs.startSetup]: {
    registrationId: optionalId,
    tenant: { required: false, max: 256 },
    clientId: { required: false, max: 64 },
  },
  [Verbs.submitSetup]: {
    registrationId: optionalId,
    tenant: { required: false, max: 256 },
    clientId: { required: false, max: 256 },
    clientSecret: { required: false, max: 1024 },
  },
  [Verbs.cancelSetup]: { registrationId: optionalId },
  [Verbs.retest]: { registrationId: id },
  [Verbs.updateCredentials]: { registrationId: id },
  [Verbs.consentGranted]: { registrationId: id },
  [Verbs.pickRegistration]: {
    registrationId: id,
    purpose: { required: true, max: 16, oneOf: ['check', 'status', 'forget', 'remind'] },
  },
  [Verbs.forgetConfirm]: { registrationId: id },
  [Verbs.forgetCancel]: { registrationId: optionalId },
  [Verbs.remindChannel]: { registrationId: optionalId },
};

/** Keys Teams or the card builders may add that carry no meaning for the handlers. */
const IGNORED_KEYS = new Set(['verb', 'msteams']);

export type ActionPayload = Readonly<Record<string, string>>;

export type PayloadCheck =
  { readonly ok: true; readonly data: ActionPayload } | { readonly ok: false; readonly message: string };

/**
 * Validates an Action.Execute payload at the edge: known verb, only known fields, strings
 * only, bounded sizes. Messages name the field but never echo its value.
 */
export function validateActionPayload(
  verb: string,
  raw: unknown,
  table: Readonly<Record<string, Readonly<Record<string, FieldRule>>>> = ACTION_RULES,
): PayloadCheck {
  const rules = Object.hasOwn(table, verb) ? table[verb] : undefined;
  if (!rules)
    return {
      ok: false,
      message: 'This button is not one I know (perhaps from an older card). Type "help" to see what I can do.',
    };
  const data: unknown = raw ?? {};
  if (!isRecord(data)) {
    return { ok: false, message: 'The card sent data I cannot read. Type "help" to start again.' };
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (IGNORED_KEYS.has(key)) continue;
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    if (!rule)
      return {
        ok: false,
        message: `The card sent an unexpected field "${key.slice(0, 40)}". Type "help" to start again.`,
      };
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return { ok: false, message: `The field "${key}" must be text.` };
    if (value.length > rule.max)
      return { ok: false, message: `The field "${key}" is too long (at most ${rule.max} characters).` };
    if (rule.oneOf && !rule.oneOf.includes(value))
      return { ok: false, message: `The field "${key}" has a value I do not know.` };
    out[key] = value;
  }
  for (const [key, rule] of Object.entries(rules)) {
    if (rule.required && !out[key])
      return { ok: false, message: `The card did not send "${key}". Type "help" to start again.` };
  }
  return { ok: true, data: out };
}
