import {
  CARD_SCHEMA,
  CARD_VERSION,
  type ActionStyle,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type ExecuteAction,
  type OpenUrlAction,
  type TextBlock,
  type TextColor,
} from './cardTypes';
import { plainText, safeUrl } from './escapeText';

/**
 * Small constructors shared by the card builders, so every card has the same envelope and
 * every Execute action carries its verb in `data` (handlers and Action.Submit fallbacks
 * can then dispatch on `data.verb` alone).
 */

/** The 1.5 envelope; `full` asks Teams for the full chat width. */
export function card(body: readonly CardElement[], actions: readonly CardAction[] = [], full = false): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    actions,
    ...(full ? { msteams: { width: 'Full' as const } } : {}),
  };
}

/** A wrapped TextBlock; `text` must already be escaped if it holds outside data. */
export function text(value: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

/** A heading TextBlock (screen readers announce it as a heading). */
export function heading(value: string, color?: TextColor): TextBlock {
  return text(value, { size: 'Large', weight: 'Bolder', style: 'heading', ...(color ? { color } : {}) });
}

/** A section title inside a card. */
export function subheading(value: string): TextBlock {
  return text(value, { weight: 'Bolder', spacing: 'Medium', style: 'heading' });
}

/** Action.Execute whose data always includes the verb; undefined values are left out. */
export function execute(
  title: string,
  verb: string,
  data: Readonly<Record<string, string | undefined>> = {},
  options: { style?: ActionStyle; associatedInputs?: 'auto' | 'none' } = {},
): ExecuteAction {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) if (value !== undefined) clean[key] = value;
  return { type: 'Action.Execute', title: plainText(title, 60), verb, data: { ...clean, verb }, ...options };
}

/** Action.OpenUrl, or nothing when the URL is not http(s)-safe (see safeUrl). */
export function openUrl(title: string, url: string | undefined, style?: ActionStyle): OpenUrlAction[] {
  const safe = safeUrl(url);
  return safe ? [{ type: 'Action.OpenUrl', title: plainText(title, 60), url: safe, ...(style ? { style } : {}) }] : [];
}
