import { parseUrl } from '../shared/parseUrl';
/**
 * Text from outside (Graph display names, tenant input, messages that may quote them) is
 * shown in TextBlocks and FactSets, which Teams renders as markdown. These helpers make such
 * text display as itself: no hidden-target links, no emphasis, no lists or headings, no
 * `<at>` mentions, no `{{DATE()}}` functions, no right-to-left spoofing.
 *
 * Rule for every card builder: all caller-provided strings are plain text and go through
 * `escapeText` (markdown contexts) or `plainText` (button titles, input labels); only the
 * builders' own fixed strings contain markdown.
 */

/** Bidi overrides/isolates, zero-width and other invisible format characters. */
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const WORD_JOINER = '\u2060';

/** Removes control/bidi characters, folds line breaks to spaces and caps the length. */
export function plainText(raw: string, maxLength = 400): string {
  const folded = raw.replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ').replace(INVISIBLE, '');
  const chars = Array.from(folded);
  return chars.length > maxLength ? `${chars.slice(0, maxLength - 1).join('')}…` : folded;
}

/**
 * Escapes text for a markdown-rendering TextBlock/Fact. Backslash escapes are used only for
 * characters that can start markup (`\ * _ ~ \` [ ]` anywhere, `# - + N.` at the start), so
 * ordinary names such as "R&D Connector (prod)" stay clean on clients that show backslashes.
 * `<`/`>` become full-width look-alikes, so `<at>` can never form a mention tag; `://` and
 * `{{` get an invisible word joiner so clients neither auto-link schemes nor run functions.
 */
export function escapeText(raw: string, maxLength = 400): string {
  let text = plainText(raw, maxLength)
    .replace(/[\\`*_~[\]]/g, (c) => `\\${c}`)
    .replace(/</g, '\uff1c')
    .replace(/>/g, '\uff1e')
    .replace(/:\/\//g, `:${WORD_JOINER}//`)
    .replace(/\{\{/g, `{${WORD_JOINER}{`)
    .replace(/\$\{/g, () => `$${WORD_JOINER}{`);
  // Block markup only counts at the start of a line; line breaks are already folded.
  text = text.replace(/^(\s*)([#+-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
  return text;
}

/**
 * A markdown link whose label is escaped and whose target must be http(s); anything else
 * yields just the escaped label, so a bad URL degrades to text instead of a live link.
 */
export function markdownLink(label: string, url: string): string {
  const safe = safeUrl(url);
  if (!safe) return escapeText(label);
  const target = safe.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeText(label)}](${target})`;
}

/**
 * Accepts https URLs, and http only on loopback (the local sandbox); returns undefined for
 * anything else (javascript:, data:, relative paths) so callers drop the button or link.
 */
export function safeUrl(url: string | undefined): string | undefined {
  const parsed = parseUrl(url);
  if (!url || !parsed) return undefined;
  if (parsed.protocol === 'https:') return url.trim();
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  return parsed.protocol === 'http:' && loopback ? url.trim() : undefined;
}

/**
 * A secret's hint (the first three characters Entra ID itself shows) followed by a mask:
 * "abc•••••". Never shows more than three characters, whatever it is given.
 */
export function maskedHint(hint: string | undefined): string {
  const start = hint ? Array.from(plainText(hint)).slice(0, 3).join('') : '';
  return `${escapeText(start)}•••••`;
}
