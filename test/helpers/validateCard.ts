import type * as AdaptiveCardsApi from 'adaptivecards';

/*
 * The package's main entry (lib/adaptivecards.js) is extensionless ESM that Node 20 cannot
 * require; the UMD bundle exposes the same API. Parsing and validating need no
 * DOM: only rendering touches `document`, and we never render, so no global is faked.
 */
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsApi;

/** Teams' card size budget we hold ourselves to (message limit ~100 KB, cards far smaller). */
export const MAX_CARD_BYTES = 28 * 1024;
/** Teams renders at most this many actions in one row. */
export const MAX_ACTIONS = 6;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Size of the card as it goes over the wire. */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * Every problem the real `adaptivecards` parser reports for the card at its own declared
 * version (parse events + validateProperties), plus what it silently drops on a round trip
 * (unknown or newer-than-version properties), plus Teams rules: size, action counts, verbs,
 * safe URLs. An empty list means the card is clean.
 */
export function validateCard(card: unknown): string[] {
  const json = JSON.parse(JSON.stringify(card)) as Json;
  const issues: string[] = [];
  if (!isObject(json) || json.type !== 'AdaptiveCard') return ['not an AdaptiveCard object'];
  if (json.version !== '1.5') issues.push(`version is ${String(json.version)}, expected 1.5`);
  const bytes = cardBytes(card);
  if (bytes >= MAX_CARD_BYTES) issues.push(`card is ${bytes} bytes (limit ${MAX_CARD_BYTES})`);

  const versionContext = new AC.SerializationContext();
  const version = AC.Version.parse(String(json.version), versionContext);
  const context = new AC.SerializationContext(version);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) issues.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) issues.push(`validate: ${event.message}`);

  const roundTrip = parsed.toJSON(context) as Json;
  findDropped(json, roundTrip, '$', issues);
  checkTeamsRules(json, '$', issues);
  return issues;
}

/** All actions anywhere in the card: top level, ActionSets and ShowCard sub-cards. */
export function collectActions(card: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  walk(JSON.parse(JSON.stringify(card)) as Json, (node) => {
    if (typeof node.type === 'string' && node.type.startsWith('Action.')) found.push(node);
  });
  return found;
}

/** Every human-visible string (texts, facts, titles, labels, placeholders, input values). */
export function collectText(card: unknown): string {
  const parts: string[] = [];
  walk(JSON.parse(JSON.stringify(card)) as Json, (node) => {
    for (const key of ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage']) {
      const value = node[key];
      if (typeof value === 'string') parts.push(value);
    }
  });
  return parts.join('\n');
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(node: Json, visit: (obj: { [key: string]: Json }) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (isObject(node)) {
    visit(node);
    Object.values(node).forEach((child) => walk(child, visit));
  }
}

/** Keys present in our JSON that the SDK did not keep: unknown to it at this version. */
function findDropped(ours: Json, theirs: Json | undefined, path: string, issues: string[]): void {
  if (Array.isArray(ours)) {
    const other = Array.isArray(theirs) ? theirs : [];
    if (other.length !== ours.length)
      issues.push(`round trip: ${path} has ${ours.length} items, SDK kept ${other.length}`);
    ours.forEach((child, i) => findDropped(child, other[i], `${path}[${i}]`, issues));
    return;
  }
  if (!isObject(ours)) return;
  const other = isObject(theirs) ? theirs : {};
  const opaque = ours.type === 'Action.Execute' ? ['data'] : [];
  for (const [key, value] of Object.entries(ours)) {
    if (path === '$' && key === 'msteams') continue; // Teams host extension, not in the SDK
    const empty = Array.isArray(value) && value.length === 0; // the SDK omits empty lists
    if (!(key in other) && !empty)
      issues.push(`round trip: ${path}.${key} dropped (unknown at this version, or a default value: omit it)`);
    else if (!opaque.includes(key)) findDropped(value, other[key], `${path}.${key}`, issues);
  }
}

function checkTeamsRules(node: Json, path: string, issues: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => checkTeamsRules(child, `${path}[${i}]`, issues));
    return;
  }
  if (!isObject(node)) return;
  const actions = node.actions;
  if (Array.isArray(actions) && actions.length > MAX_ACTIONS)
    issues.push(`teams: ${path} has ${actions.length} actions (max ${MAX_ACTIONS})`);
  if (node.type === 'Action.Execute') {
    const data = node.data;
    if (typeof node.verb !== 'string' || node.verb === '') issues.push(`teams: ${path} Action.Execute without verb`);
    if (!isObject(data) || data.verb !== node.verb) issues.push(`teams: ${path} data.verb does not match verb`);
  }
  if (node.type === 'Action.OpenUrl') {
    const url = typeof node.url === 'string' ? node.url : '';
    if (!/^https:\/\//.test(url) && !/^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(url))
      issues.push(`teams: ${path} unsafe url ${url}`);
  }
  if (node.type === 'Input.Text' && typeof node.label !== 'string') issues.push(`teams: ${path} input without label`);
  for (const [key, value] of Object.entries(node)) checkTeamsRules(value, `${path}.${key}`, issues);
}
