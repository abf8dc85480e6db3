import type { Locator, Page } from 'playwright-core';
import { PRODUCT_NAME } from '../../../src/cards/productName';

/**
 * Driving the Agents Playground's page. Its markup has no test ids; these selectors are the
 * stable parts found by hand (see test/e2e/PLAYGROUND-NOTES.md).
 */

/** The bot's display name in the playground: tools/playground configures the product name. */
export const PLAYGROUND_BOT_NAME = PRODUCT_NAME;

type View = 'personal' | 'group' | 'channel';
const views = new WeakMap<Page, View>();

const COMPOSE_BOX = '[contenteditable="true"][role="textbox"]';
const DEFAULT_TIMEOUT = 30_000;

function attr(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/**
 * Sends `text` as the signed-in user. In a channel it starts a new post; in group chats and
 * channels the bot only receives messages that @mention it, so the mention is added there
 * (picked from the playground's mention menu, like a user would).
 */
export async function sendMessage(page: Page, text: string, options: { mentionBot?: boolean } = {}): Promise<void> {
  const view = views.get(page) ?? 'personal';
  const mention = options.mentionBot ?? view !== 'personal';
  const box =
    view === 'channel'
      ? page
          .locator('[role="group"]')
          .filter({ has: page.getByText('Start a new post') })
          .locator(COMPOSE_BOX)
      : page.locator(COMPOSE_BOX);
  await box.click();
  if (mention) {
    await page.keyboard.type(`@${PLAYGROUND_BOT_NAME.split(' ')[0]}`);
    await page.locator('[role="menuitem"]', { hasText: PLAYGROUND_BOT_NAME }).click();
    await page.keyboard.type(` ${text}`);
  } else {
    await box.fill(text);
  }
  if (view === 'channel') await page.getByRole('button', { name: 'Post', exact: true }).click();
  else await page.keyboard.press('Enter');
}

/** The newest Adaptive Card containing `text` (cards updated in place are found too). */
export async function waitForCard(page: Page, text: string | RegExp, timeoutMs = DEFAULT_TIMEOUT): Promise<Locator> {
  const card = page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  await card.waitFor({ state: 'visible', timeout: timeoutMs });
  return card;
}

/** The newest plain bot/user text (not card text) containing `text`, outside the chat list. */
export async function waitForText(page: Page, text: string | RegExp, timeoutMs = DEFAULT_TIMEOUT): Promise<Locator> {
  const message = page.locator(':is(p, li):not(.ac-adaptiveCard *)', { hasText: text }).last();
  await message.waitFor({ state: 'visible', timeout: timeoutMs });
  return message;
}

/** The card action button titled `title` (Action.Submit / Action.Execute / Action.ShowCard). */
export function cardButton(scope: Page | Locator, title: string): Locator {
  return scope.locator(`button[aria-label="${attr(title)}"]`).last();
}

/** Clicks a card button; required inputs left empty block the action on the client side. */
export async function clickCardButton(scope: Page | Locator, title: string): Promise<void> {
  await cardButton(scope, title).click();
}

/** Clicks an Action.OpenUrl button and resolves with the tab it opens. */
export async function clickCardLink(page: Page, scope: Page | Locator, title: string): Promise<Page> {
  const [opened] = await Promise.all([page.context().waitForEvent('page'), cardButton(scope, title).click()]);
  await opened.waitForLoadState();
  return opened;
}

/**
 * Types into the card input whose label contains `label` (labels are wired via aria-labelledby).
 * Given the page rather than a card, it uses the newest matching input.
 */
export async function fillCardInput(scope: Page | Locator, label: string | RegExp, value: string): Promise<void> {
  const input = 'goto' in scope ? scope.locator('.ac-adaptiveCard').getByLabel(label).last() : scope.getByLabel(label);
  await input.fill(value);
}

/** Opens a team channel (default "My Team - General") and waits for its new-post box. */
export async function switchToChannel(page: Page, channel = 'General', team = 'My Team'): Promise<void> {
  await page.locator(`[role="treeitem"][aria-label="${attr(`${team} - ${channel}`)}"]`).click();
  await page.getByText('Start a new post').waitFor({ timeout: DEFAULT_TIMEOUT });
  views.set(page, 'channel');
}

/** Opens the playground's group chat (the bot is added to it on first open). */
export async function switchToGroupChat(page: Page): Promise<void> {
  await page.locator('[role="treeitem"][aria-label="Group Chat"]').click();
  await page.getByText('Start a new post').waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT });
  views.set(page, 'group');
}

/** Back to the personal (1:1) chat with the bot. */
export async function switchToPersonalChat(page: Page): Promise<void> {
  await page.locator('[role="treeitem"][aria-label="Personal Chat"]').click();
  await page.getByText('Start a new post').waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT });
  views.set(page, 'personal');
}
