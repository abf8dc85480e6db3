import { escapeText, markdownLink, maskedHint, plainText, safeUrl } from '../../../src/cards/escapeText';

/** Markdown link syntax `[label](target)` with an unescaped opening bracket. */
const LIVE_LINK = /(^|[^\\])\[[^\]]*\]\(/;

describe('escapeText', () => {
  it('cannot form a markdown link', () => {
    const out = escapeText('[click](https://evil.example)');
    expect(out).not.toMatch(LIVE_LINK);
    expect(out).toContain('\\[click\\]');
  });

  it('breaks bare URL schemes so clients do not auto-link them', () => {
    expect(escapeText('see https://evil.example')).not.toContain('https://');
    expect(escapeText('see https://evil.example')).toContain('https:\u2060//evil.example');
  });

  it('neutralises <at> mentions and any tag', () => {
    const out = escapeText('<at>everyone</at> <script>');
    expect(out).not.toMatch(/[<>]/);
    expect(out).toBe('\uff1cat\uff1eeveryone\uff1c/at\uff1e \uff1cscript\uff1e');
  });

  it('escapes emphasis, strike-through and code markers', () => {
    expect(escapeText('**bold** _it_ ~~s~~ `c`')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`c\\`');
  });

  it('escapes a backslash first so it cannot cancel our escapes', () => {
    expect(escapeText('\\[x]')).toBe('\\\\\\[x\\]');
  });

  it('folds line breaks and escapes block markers at the start', () => {
    expect(escapeText('# Title\n- item')).toBe('\\# Title - item');
    expect(escapeText('- item')).toBe('\\- item');
    expect(escapeText('+ item')).toBe('\\+ item');
    expect(escapeText('12. item')).toBe('12\\. item');
    expect(escapeText('1) item')).toBe('1\\) item');
  });

  it('leaves ordinary names readable', () => {
    expect(escapeText('R&D Connector (prod) - v2.1')).toBe('R&D Connector (prod) - v2.1');
    expect(escapeText('contoso.onmicrosoft.com')).toBe('contoso.onmicrosoft.com');
    expect(escapeText('User.Read.All')).toBe('User.Read.All');
  });

  it('disarms Adaptive Card DATE/TIME functions and template expressions', () => {
    expect(escapeText('{{DATE(2017-02-14T06:08:39Z, SHORT)}}')).not.toContain('{{');
    expect(escapeText('${secret}')).not.toContain('${');
  });

  it('removes bidi overrides and zero-width characters', () => {
    expect(escapeText('a\u202eb\u200bc\u2066d')).toBe('abcd');
  });

  it('caps very long text with an ellipsis', () => {
    const out = escapeText('x'.repeat(1000), 50);
    expect(Array.from(out)).toHaveLength(50);
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('plainText', () => {
  it('keeps markdown characters (for button titles) but strips control characters', () => {
    expect(plainText('a *b*\n\u0007c')).toBe('a *b* c');
  });
});

describe('markdownLink', () => {
  it('links https targets and percent-encodes characters that would end the link', () => {
    expect(markdownLink('open', 'https://x.example/a (b)')).toBe('[open](https://x.example/a%20%28b%29)');
  });

  it('degrades to text for unsafe targets', () => {
    expect(markdownLink('open', 'javascript:alert(1)')).toBe('open');
  });
});

describe('safeUrl', () => {
  it.each([
    ['https://portal.azure.com/#view/x', true],
    ['http://localhost:3978/x', true],
    ['http://127.0.0.1:1/x', true],
    ['http://evil.example/x', false],
    ['javascript:alert(1)', false],
    ['data:text/html,hi', false],
    ['/relative', false],
    ['', false],
  ])('%s -> %s', (url, ok) => {
    expect(safeUrl(url) !== undefined).toBe(ok);
  });
});

describe('maskedHint', () => {
  it('shows at most three characters followed by a mask', () => {
    expect(maskedHint('abc')).toBe('abc•••••');
    expect(maskedHint('abcdefgh')).toBe('abc•••••');
    expect(maskedHint(undefined)).toBe('•••••');
  });

  it('escapes markdown in the hint', () => {
    expect(maskedHint('*_~')).toBe('\\*\\_\\~•••••');
  });
});
