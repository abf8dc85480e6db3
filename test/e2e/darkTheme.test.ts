/**
 * The status card in Teams' dark theme. The Agents Playground has no theme switch (and ignores
 * prefers-color-scheme for cards), so the card JSON the bot sends is rendered here by the official
 * `adaptivecards` renderer in Chromium with host configs carrying Teams' light and dark colours,
 * and every status word's contrast against its background is measured (WCAG AA: 4.5:1).
 * The dark rendering is the README's dark-theme screenshot (UPDATE_DOCS_IMAGES=1).
 */
import { join } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { statusCard } from '../../src/cards/statusCard';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './helpers/playground';
import { makeReport, results, STATUSES } from '../unit/cards/cardFixtures';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const IMAGES =
  process.env.UPDATE_DOCS_IMAGES === '1' ? join(ROOT, 'docs', 'images') : join(ROOT, 'test-results', 'e2e');

/**
 * Teams' colour roles, from the Adaptive Cards project's Teams host configs
 * (samples/HostConfig/microsoft-teams-light.json and -dark.json): foregrounds on the default
 * container, and the tinted containers a card's style picks (their text is always dark).
 */
const THEMES = {
  light: {
    background: '#FFFFFF',
    foregrounds: {
      default: ['#FF252424', '#BF252424'],
      accent: ['#FF6264A7', '#FF8B8CC7'],
      good: ['#FF92C353', '#E592C353'],
      warning: ['#FFF8D22A', '#E5F8D22A'],
      attention: ['#FFC4314B', '#E5C4314B'],
    },
    tintedText: ['#FF252424', '#BF252424'],
  },
  dark: {
    background: '#FF2D2C2C',
    foregrounds: {
      default: ['#FFFFFFFF', '#BFFFFFFF'],
      accent: ['#FFA6A7DC', '#FF8B8CC7'],
      good: ['#FF92C353', '#E592C353'],
      warning: ['#FFF8D22A', '#E5F8D22A'],
      attention: ['#FFD74654', '#E5D74654'],
    },
    tintedText: ['#FF201F1F', '#FF2D2C2C'],
  },
} as const;

const TINTS = { good: '#CCFFCC', attention: '#FFC5B2', warning: '#FFE2B2', accent: '#C7DEF9' } as const;

function hostConfig(theme: (typeof THEMES)[keyof typeof THEMES]): unknown {
  const colors = (pick: (role: keyof typeof theme.foregrounds) => readonly [string, string]) =>
    Object.fromEntries(
      (Object.keys(theme.foregrounds) as (keyof typeof theme.foregrounds)[]).map((role) => {
        const [def, subtle] = pick(role);
        return [role, { default: def, subtle }];
      }),
    );
  const plain = { backgroundColor: theme.background, foregroundColors: colors((role) => theme.foregrounds[role]) };
  const tinted = (backgroundColor: string) => ({
    backgroundColor,
    foregroundColors: colors((role) => (role === 'default' ? theme.tintedText : theme.foregrounds[role])),
  });
  return {
    fontFamily: 'Segoe UI, system-ui, sans-serif',
    containerStyles: {
      default: plain,
      emphasis: plain,
      good: tinted(TINTS.good),
      attention: tinted(TINTS.attention),
      warning: tinted(TINTS.warning),
      accent: tinted(TINTS.accent),
    },
  };
}

/** Parses rgb()/rgba() and blends a translucent colour over its background. */
function rgba(text: string): [number, number, number, number] {
  const [r = 0, g = 0, b = 0, a = 1] = (text.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return [r, g, b, text.startsWith('rgba') ? a : 1];
}

function luminance([r, g, b]: readonly number[]): number {
  const [lr = 0, lg = 0, lb = 0] = [r ?? 0, g ?? 0, b ?? 0].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
}

/** WCAG contrast of a text colour (possibly translucent) over an opaque background. */
const contrast = (fg: string, bg: string): number => {
  const [br, bgG, bb] = rgba(bg);
  const [r, g, b, a] = rgba(fg);
  const blended = [r * a + br * (1 - a), g * a + bgG * (1 - a), b * a + bb * (1 - a)];
  const [hi, lo] = [luminance(blended), luminance([br, bgG, bb])].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
};

describe('the status card in light and dark Teams themes', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    page = await browser.newPage({ viewport: { width: 560, height: 1400 } });
  });
  afterAll(async () => {
    await browser.close();
  });

  const variants = {
    'Action needed': makeReport({ permissions: results([...STATUSES, ...STATUSES]) }),
    Ready: makeReport(),
    'Check incomplete': makeReport({
      verdict: 'Check incomplete',
      permissions: results(['Granted', 'Unknown']),
      incomplete: { reasons: ['Microsoft Graph was still throttling the read (429).'], retry: 'Retest in a minute.' },
    }),
  };

  it.each((['light', 'dark'] as const).flatMap((theme) => Object.keys(variants).map((v) => [theme, v] as const)))(
    'every text of the %s-theme status card (%s) reads at 4.5:1 or better',
    async (name, variant) => {
      const theme = THEMES[name];
      const card = statusCard(variants[variant as keyof typeof variants], {
        registrationId: 'reg-1',
        label: 'Contoso',
        consentMode: 'callback',
        consentUrl: 'https://login.microsoftonline.com/t/adminconsent?client_id=c&state=s',
      });
      const css = `#${theme.background.slice(-6)}`;
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:${css}"><div id="card" style="width:520px;padding:12px"></div></body></html>`,
      );
      await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.js') });
      await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
      await page.evaluate(
        ({ json, config }) => {
          const AC = (window as unknown as { AdaptiveCards: typeof import('adaptivecards') }).AdaptiveCards;
          // Teams renders the Markdown subset the cards use (bold, links, line breaks); so does this page.
          AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
            const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
            result.outputHtml = esc
              .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
              .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>')
              .replace(/\n/g, '<br>');
            result.didProcess = true;
          };
          const adaptive = new AC.AdaptiveCard();
          adaptive.hostConfig = new AC.HostConfig(config);
          adaptive.parse(json);
          const rendered = adaptive.render();
          if (rendered) document.getElementById('card')?.appendChild(rendered);
        },
        { json: card as unknown, config: hostConfig(theme) },
      );
      const texts = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.ac-textBlock'))
          .filter((el) => (el.textContent ?? '').trim() !== '')
          .map((el) => {
            let bg = 'rgba(0, 0, 0, 0)';
            for (let n: Element | null = el; n && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); n = n.parentElement) {
              bg = getComputedStyle(n).backgroundColor;
            }
            return { text: (el.textContent ?? '').slice(0, 60), color: getComputedStyle(el).color, background: bg };
          }),
      );
      expect(texts.some((t) => /Not granted|Granted|Unknown/.test(t.text))).toBe(true);
      const tooFaint = texts
        .map((t) => ({ ...t, ratio: Math.round(contrast(t.color, t.background) * 100) / 100 }))
        .filter((t) => t.ratio < 4.5);
      expect(tooFaint).toEqual([]);
      if (variant === 'Action needed') {
        if (name === 'dark') await page.locator('#card').screenshot({ path: join(IMAGES, 'status-dark-theme.png') });
      }
    },
  );
});
