import { card, text } from './cardParts';
import type { AdaptiveCard, TextColor } from './cardTypes';
import { escapeText } from './escapeText';

export type NoticeTone = 'good' | 'warning' | 'attention' | 'default';

export interface NoticeCardInput {
  readonly title: string;
  /** Plain text (escaped); use line breaks for paragraphs. */
  readonly text: string;
  readonly tone: NoticeTone;
}

const TONES: Record<NoticeTone, { color: TextColor; icon: string }> = {
  good: { color: 'Default', icon: '✅' },
  // Not the yellow Warning colour: hard to read on white; the icon and the words carry it.
  warning: { color: 'Default', icon: '⚠️' },
  attention: { color: 'Default', icon: '⛔' },
  default: { color: 'Default', icon: 'ℹ️' },
};

/**
 * Simple replies (cancelled, forgotten, refused, "secret exposed — rotate it") as a card, so
 * they can also replace a card in place after an Action.Execute.
 */
export function noticeCard(input: NoticeCardInput): AdaptiveCard {
  const tone = TONES[input.tone];
  const paragraphs = input.text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return card([
    {
      type: 'TextBlock',
      text: `${tone.icon} ${escapeText(input.title, 200)}`,
      wrap: true,
      size: 'Medium',
      weight: 'Bolder',
      style: 'heading',
      color: tone.color,
    },
    ...paragraphs.map((line) => text(escapeText(line, 2000))),
  ]);
}
