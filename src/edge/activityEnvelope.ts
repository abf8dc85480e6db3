import { isRecord } from '../shared/isRecord';
/** The result of checking a request body: the activity, or a short reason for a 400. */
export type EnvelopeCheck =
  { readonly ok: true; readonly activity: Record<string, unknown> } | { readonly ok: false; readonly error: string };

type Rule = readonly [path: string, required: boolean, maxLength: number];

/**
 * Strings every handler (and the store) relies on, with generous bounds: Teams ids are a
 * few hundred characters at most. Optional ones are checked only when present.
 */
const STRING_RULES: readonly Rule[] = [
  ['type', true, 64],
  ['id', true, 256],
  ['channelId', true, 64],
  ['serviceUrl', true, 2048],
  ['from.id', true, 512],
  ['recipient.id', true, 512],
  ['conversation.id', true, 1024],
  ['name', false, 256],
  ['text', false, 65536],
  ['replyToId', false, 256],
  ['action', false, 64],
  ['locale', false, 64],
  ['localTimezone', false, 128],
  ['from.name', false, 512],
  ['from.aadObjectId', false, 128],
  ['recipient.name', false, 512],
  ['conversation.tenantId', false, 128],
  ['conversation.conversationType', false, 64],
  ['channelData.tenant.id', false, 128],
];

/** Fields that, when present, must be objects (handlers read their properties). */
const OBJECT_FIELDS = ['from', 'recipient', 'conversation', 'channelData', 'channelData.tenant'] as const;
/** Fields that, when present, must be arrays of objects. */
const ARRAY_FIELDS = ['membersAdded', 'membersRemoved', 'entities', 'attachments'] as const;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Own-property path lookup: `__proto__` and friends in a body never resolve to prototypes. */
function read(root: Record<string, unknown>, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (!isRecord(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

function checkInvokeValue(activity: Record<string, unknown>): string | undefined {
  if (activity.type !== 'invoke' || activity.name !== 'adaptiveCard/action') return undefined;
  const value = read(activity, 'value');
  if (!isRecord(value)) return '"value" must be an object for an adaptiveCard/action invoke.';
  const action = read(value, 'action');
  if (!isRecord(action)) return '"value.action" must be an object.';
  // teams-ai routes only Universal Actions; anything else made it throw mid-turn (501).
  if (read(action, 'type') !== 'Action.Execute') return '"value.action.type" must be "Action.Execute".';
  const verb = read(action, 'verb');
  if (typeof verb !== 'string' || verb.length > 128)
    return '"value.action.verb" must be a string of at most 128 characters.';
  const data = read(action, 'data');
  if (data !== undefined && !isRecord(data)) return '"value.action.data" must be an object.';
  return undefined;
}

/**
 * Checks a /api/messages body before botbuilder or teams-ai sees it: the envelope fields are
 * strings of bounded length and nested parts have the shape handlers read. A fuzzed body
 * otherwise reached the framework and our store as numbers, arrays or megabyte strings
 * (500s, 501s, SQLite bind errors); now it gets a 400 with a short, fixed-size reason.
 */
export function checkActivityEnvelope(body: unknown): EnvelopeCheck {
  if (!isRecord(body))
    return { ok: false, error: 'The request body must be a Bot Framework activity (a JSON object).' };
  for (const path of OBJECT_FIELDS) {
    const value = read(body, path);
    if (value !== undefined && value !== null && !isRecord(value))
      return { ok: false, error: `"${path}" must be an object.` };
  }
  for (const [path, required, maxLength] of STRING_RULES) {
    const value = read(body, path);
    // An optional null is treated as absent: clients serialise unset fields that way.
    if (value === undefined || (value === null && !required)) {
      if (required) return { ok: false, error: `"${path}" is required.` };
      continue;
    }
    if (typeof value !== 'string') return { ok: false, error: `"${path}" must be a string.` };
    // Ids end up in Bot Connector URLs: encodeURIComponent throws on a lone surrogate.
    if (LONE_SURROGATE.test(value)) return { ok: false, error: `"${path}" is not well-formed Unicode text.` };
    if (required && value.length === 0) return { ok: false, error: `"${path}" must not be empty.` };
    if (value.length > maxLength) return { ok: false, error: `"${path}" is longer than ${maxLength} characters.` };
  }
  for (const path of ARRAY_FIELDS) {
    const value = read(body, path);
    // null too: botbuilder reads entities.length when it removes the bot's mention.
    if (value === undefined) continue;
    if (!Array.isArray(value) || !value.every(isRecord))
      return { ok: false, error: `"${path}" must be an array of objects.` };
  }
  const invokeProblem = checkInvokeValue(body);
  if (invokeProblem) return { ok: false, error: invokeProblem };
  return { ok: true, activity: body };
}
