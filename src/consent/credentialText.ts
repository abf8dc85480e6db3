import { isDomain, isGuid } from './identifiers';

/**
 * Finding credentials in free text: admins paste tenant, client id and secret together in one
 * chat message (often the Overview page block, with or without labels), and a secret pasted in
 * a channel must be recognised so the bot can warn without quoting it.
 */

/** Shape of an Entra ID client secret value (40 characters, "Q~" after a digit). */
const CLIENT_SECRET_SHAPE = /^[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34}$/;
/** Characters that separate values in a pasted message; none occurs in a secret, GUID or domain. */
const TOKEN = /[^\s"'`\u2018\u2019\u201c\u201d,;:<>()[\]{}|*=\u200b-\u200d\u2060\ufeff]+/g;
/** Only the text just before a value is read for its label. */
const LABEL_WINDOW = 48;
/** Longer messages are not credentials; scanning stops here so huge pastes stay cheap. */
const MAX_SCAN = 20_000;
const TENANT_DOMAIN_SUFFIXES = ['.onmicrosoft.com', '.onmicrosoft.us', '.partner.onmschina.cn'];

type Label = 'tenant' | 'client' | 'secret' | 'secretId' | 'object';

/** Longer keywords first so "secret id" beats "secret" at the same position. */
const KEYWORDS: readonly (readonly [string, Label])[] = [
  ['secret id', 'secretId'],
  ['secretid', 'secretId'],
  ['object id', 'object'],
  ['object (', 'object'],
  ['objectid', 'object'],
  ['client secret', 'secret'],
  ['client_secret', 'secret'],
  ['password', 'secret'],
  ['secret', 'secret'],
  ['value', 'secret'],
  ['directory', 'tenant'],
  ['tenant', 'tenant'],
  ['domain', 'tenant'],
  ['application', 'client'],
  ['client', 'client'],
  ['app id', 'client'],
  ['appid', 'client'],
];

function labelOf(window: string): Label | undefined {
  const text = window.toLowerCase();
  let best: { at: number; length: number; label: Label } | undefined;
  for (const [keyword, label] of KEYWORDS) {
    const at = text.lastIndexOf(keyword);
    if (at < 0) continue;
    if (!best || at > best.at || (at === best.at && keyword.length > best.length)) {
      best = { at, length: keyword.length, label };
    }
  }
  // "Application (client) ID" and "client secret": the last keyword decides, except that a
  // "client" right before "secret" was already covered by the longer keyword.
  return best?.label;
}

/** True when the text is, or contains as a separate word, an Entra ID client secret value. */
export function looksLikeClientSecret(text: string): boolean {
  if (typeof text !== 'string') return false;
  for (const match of text.slice(0, MAX_SCAN * 5).matchAll(TOKEN)) {
    const token = match[0];
    if (CLIENT_SECRET_SHAPE.test(token) || CLIENT_SECRET_SHAPE.test(token.replace(/[.]+$/, ''))) return true;
  }
  return false;
}

/** The credentials found in a pasted message; absent keys were not found or were ambiguous. */
export interface ExtractedCredentials {
  tenant?: string;
  clientId?: string;
  clientSecret?: string;
}

/**
 * Picks tenant, client id and secret out of one message. Labels win ("Directory (tenant) ID",
 * "Application (client) ID", "Object ID" is ignored, "Secret ID" is used only when nothing
 * better was pasted so validation can explain the mix-up). Without labels: a *.onmicrosoft.com
 * domain is the tenant, the first two GUIDs are tenant then client id, and a token shaped like
 * an Entra secret is the secret. Values are returned raw; validate them with input.ts.
 */
export function extractCredentialsFromText(text: string): ExtractedCredentials {
  if (typeof text !== 'string') return {};
  const scanned = text.slice(0, MAX_SCAN);
  const labelled: Partial<Record<'tenant' | 'client' | 'secret' | 'secretId', string>> = {};
  const unlabelledGuids: string[] = [];
  let unlabelledDomain: string | undefined;
  let shapedSecret: string | undefined;
  let previousEnd = 0;

  for (const match of scanned.matchAll(TOKEN)) {
    const raw = match[0];
    const index = match.index ?? 0;
    const windowStart = Math.max(previousEnd, index - LABEL_WINDOW);
    const label = labelOf(scanned.slice(windowStart, index));
    const trimmed = raw.replace(/[.]+$/, '');

    const secretShaped = CLIENT_SECRET_SHAPE.test(raw) ? raw : CLIENT_SECRET_SHAPE.test(trimmed) ? trimmed : undefined;
    if (secretShaped !== undefined) {
      shapedSecret ??= secretShaped;
      previousEnd = index + raw.length;
      continue;
    }
    if (isGuid(trimmed)) {
      const guid = trimmed.toLowerCase();
      if (label === 'tenant' || label === 'client' || label === 'secretId') labelled[label] ??= guid;
      else if (label === 'secret') labelled.secret ??= guid;
      else if (label !== 'object') unlabelledGuids.push(guid);
      previousEnd = index + raw.length;
      continue;
    }
    if (isDomain(trimmed) && !raw.includes('/') && !raw.includes('@')) {
      const domain = trimmed.toLowerCase();
      if (label === 'tenant') labelled.tenant ??= domain;
      else if (TENANT_DOMAIN_SUFFIXES.some((suffix) => domain.endsWith(suffix))) unlabelledDomain ??= domain;
      previousEnd = index + raw.length;
      continue;
    }
    if (label === 'secret' && raw.length >= 8 && /^[\x21-\x7e]+$/.test(raw)) {
      labelled.secret ??= raw;
      previousEnd = index + raw.length;
    }
  }

  const result: ExtractedCredentials = {};
  const unused = unlabelledGuids.filter((g) => g !== labelled.tenant && g !== labelled.client);
  result.tenant = labelled.tenant ?? unlabelledDomain;
  result.clientId = labelled.client;
  if (result.tenant === undefined && result.clientId === undefined && unused.length >= 2) {
    result.tenant = unused.shift();
    result.clientId = unused.shift();
  } else if (result.tenant === undefined && result.clientId !== undefined) {
    result.tenant = unused.shift();
  } else if (result.clientId === undefined && result.tenant !== undefined) {
    result.clientId = unused.shift();
  }
  result.clientSecret = shapedSecret ?? labelled.secret ?? labelled.secretId;
  for (const key of Object.keys(result) as (keyof ExtractedCredentials)[]) {
    if (result[key] === undefined) delete result[key];
  }
  return result;
}
