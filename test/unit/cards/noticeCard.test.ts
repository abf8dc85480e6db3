import { noticeCard, type NoticeTone } from '../../../src/cards/noticeCard';
import type { TextBlock } from '../../../src/cards/cardTypes';
import { collectText } from '../../helpers/validateCard';
import { expectCleanCard, HOSTILE_NAMES } from './cardFixtures';

describe('noticeCard', () => {
  it.each<[NoticeTone, string]>([
    // The icon carries the tone: Good text is faint on Teams' light theme, Attention on its dark one.
    ['good', 'Default'],
    ['warning', 'Default'],
    ['attention', 'Default'],
    ['default', 'Default'],
  ])('%s tone: an icon before the title, in a colour every theme renders legibly', (tone, color) => {
    const card = noticeCard({ title: 'Done', text: 'First line.\n\nSecond line.', tone });
    expectCleanCard(card);
    expect((card.body[0] as TextBlock).color).toBe(color);
    expect((card.body[0] as TextBlock).text).toMatch(/^\S+ Done$/u); // an icon before the title, always
    expect(card.body.map((e) => (e as TextBlock).text).slice(1)).toEqual(['First line.', 'Second line.']);
  });

  it.each(HOSTILE_NAMES)('treats title and text as plain text: %s', (name) => {
    const card = noticeCard({ title: name, text: name, tone: 'warning' });
    expectCleanCard(card);
    expect(collectText(card)).not.toMatch(/<at>|(^|[^\\])\[click\]\(/);
  });
});
