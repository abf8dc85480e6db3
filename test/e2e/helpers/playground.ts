import { mkdirSync } from 'fs';
import { dirname } from 'path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startAgentsPlayground, type RunningPlayground } from '../../../tools/playground/agentsPlayground';

export type { RunningPlayground } from '../../../tools/playground/agentsPlayground';

/** Debian's Chromium unless CHROMIUM_PATH says otherwise. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium headless, offline and quiet in containers and CI. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts the Agents Playground against a bot endpoint (port 0 = any free port). Stop it with
 * `stop()`: that ends its whole process group.
 */
export function startPlayground(options: { botEndpoint: string; port?: number }): Promise<RunningPlayground> {
  return startAgentsPlayground({ botEndpoint: options.botEndpoint, port: options.port ?? 0 });
}

/** A browser showing the playground; `close()` ends the browser. */
export interface PlaygroundPage {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * Opens the playground in headless Chromium and waits until its compose box is ready.
 * Requests to anything but loopback are aborted (the page asks a CDN for fonts; offline
 * machines would otherwise wait for DNS). TLS errors are ignored so pages served by the
 * sandbox tenant's development CA open in new tabs.
 */
export async function openPlaygroundPage(
  url: string,
  options: { hideLogPanel?: boolean } = {},
): Promise<PlaygroundPage> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 960 }, ignoreHTTPSErrors: true });
    await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/]|\[::1\][:/])/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('[contenteditable="true"][role="textbox"]').first().waitFor({ timeout: 30_000 });
    if (options.hideLogPanel ?? true) await page.locator('button[title="Hide log panel"]').click();
    return { browser, context, page, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Saves a PNG (creating the folder), e.g. for docs/images/: the visible page, or with
 * `element` that element and a margin around it. A card taller than the window is captured
 * whole by growing the window for the shot (the chat pane scrolls, so a full-page shot would not).
 */
export async function screenshot(
  page: Page,
  file: string,
  options: { element?: Locator; margin?: number } = {},
): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const { element } = options;
  if (!element) {
    await page.screenshot({ path: file });
    return;
  }
  const margin = options.margin ?? 24;
  const original = page.viewportSize();
  const height = (await element.boundingBox())?.height ?? 0;
  if (original && height + 240 > original.height)
    await page.setViewportSize({ width: original.width, height: Math.ceil(height + 240) });
  try {
    await element.evaluate((node) => node.scrollIntoView({ block: 'center' }));
    const box = await element.boundingBox();
    if (!box) throw new Error('the element to screenshot is not visible');
    const size = page.viewportSize() ?? { width: box.x + box.width, height: box.y + box.height };
    const x = Math.max(0, box.x - margin);
    const y = Math.max(0, box.y - margin);
    await page.screenshot({
      path: file,
      clip: {
        x,
        y,
        width: Math.min(size.width - x, box.width + 2 * margin),
        height: Math.min(size.height - y, box.height + 2 * margin),
      },
    });
  } finally {
    if (original) await page.setViewportSize(original);
  }
}
