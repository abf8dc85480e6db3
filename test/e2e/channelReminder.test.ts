/**
 * Issue 4's browser test: reminders in a team channel of the Microsoft 365 Agents Playground.
 * The sandbox tenant (demo + scenario apps), the real bot runtime in process (local mode,
 * REMINDER_SWEEP_INTERVAL=2s) and the playground (a child process), all on free ports.
 * Personal chat: register the app whose secret expires in 5 days → status card. Team channel
 * (My Team - General): `@Connector Consent Bot remind here` → confirmation card → the sweep timer posts the
 * reminder card into the channel on its own → Snooze 1 day replaces that card in place.
 * The playground's user is the same person in both views (`from.aadObjectId` is identical), so
 * the registration made in personal chat is found in the channel.
 * Screenshot: test-results/e2e/reminder.png (git-ignored), or docs/images/reminder.png with
 * UPDATE_DOCS_IMAGES=1.
 *
 * Needs Chromium (/usr/bin/chromium or CHROMIUM_PATH) and NODE_EXTRA_CA_CERTS pointing at the
 * sandbox CA before jest starts (`npm test` sets it).
 */
import { join } from 'path';
import type { Locator, Page } from 'playwright-core';
import { SCENARIO_USERS, SCENARIOS, SIGN_IN_APP } from '../../tools/sandbox-tenant/scenarios';
import { demoAndScenarios } from '../helpers/sandboxFixtures';
import { screenshot } from './helpers/playground';
import { startPlaygroundStack, type PlaygroundStack } from './helpers/playgroundStack';
import {
  cardButton,
  clickCardButton,
  clickCardLink,
  fillCardInput,
  PLAYGROUND_BOT_NAME,
  sendMessage,
  switchToChannel,
  switchToPersonalChat,
  waitForCard,
} from './helpers/playgroundActions';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
const IMAGES =
  process.env.UPDATE_DOCS_IMAGES === '1' ? join(ROOT, 'docs', 'images') : join(ROOT, 'test-results', 'e2e');
const APP = SCENARIOS.secretExpiringSoon;
/** Short enough that the test waits seconds for the timer, long enough to be a real interval. */
const SWEEP_INTERVAL = '2s';
/** The sweep's first run is min(interval, 30 s) after start, then every interval: 2 s here. */
const REMINDER_WAIT_MS = 60_000;

/** The bot's log lines named `msg` (the logger writes one JSON object per line). */
function logEvents(lines: readonly string[], msg: string): Record<string, unknown>[] {
  return lines.flatMap((line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      return parsed && typeof parsed === 'object' && (parsed as { msg?: unknown }).msg === msg
        ? [parsed as Record<string, unknown>]
        : [];
    } catch {
      return [];
    }
  });
}

/** waitForCard with a failure that says what was awaited and shows the bot's last log lines. */
async function expectCard(
  page: Page,
  text: string | RegExp,
  what: string,
  botLog: readonly string[],
  timeoutMs = 30_000,
): Promise<Locator> {
  try {
    return await waitForCard(page, text, timeoutMs);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(
      `${what}: no card matching ${String(text)} within ${timeoutMs} ms (${reason}).\n` +
        `Last bot log lines:\n${botLog.slice(-15).join('\n')}`,
    );
  }
}

describe('channel reminders in the Microsoft 365 Agents Playground', () => {
  let stack: PlaygroundStack | undefined;

  beforeAll(async () => {
    stack = await startPlaygroundStack({
      publicUrl: true,
      fixture: demoAndScenarios(),
      probeTenantId: APP.tenantId,
      env: {
        REMINDER_SWEEP_INTERVAL: SWEEP_INTERVAL,
        // The admin sign-in is on, so the reminder card offers Rotate now.
        ADMIN_SIGNIN_CLIENT_ID: SIGN_IN_APP.clientId,
        ADMIN_SIGNIN_CLIENT_SECRET: SIGN_IN_APP.clientSecret,
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('posts the reminder card in the channel where "remind here" was said, and Snooze updates it in place', async () => {
    if (!stack) throw new Error('the playground stack did not start');
    const { page } = stack.browser;
    const { botLog } = stack;

    // Personal chat: register the app whose secret expires in 5 days.
    const welcome = await expectCard(page, 'Start setup', 'welcome card in personal chat', botLog);
    await clickCardButton(welcome, 'Start setup');
    const setup = await expectCard(page, 'Set up the connector check', 'setup form', botLog);
    await fillCardInput(setup, 'Directory (tenant) ID', APP.tenantId);
    await fillCardInput(setup, 'Application (client) ID', APP.clientId);
    await fillCardInput(setup, 'Client secret value', APP.clientSecret);
    await clickCardButton(setup, 'Check connector');
    const status = await expectCard(page, '✅ Ready', 'status card after setup', botLog, 60_000);
    const statusText = await status.innerText();
    expect(statusText).toContain(APP.displayName);
    expect(statusText).toMatch(/expires in [45] days/);
    expect(statusText).not.toContain(APP.clientSecret);

    // Team channel: subscribe it.
    await switchToChannel(page, 'General');
    await sendMessage(page, 'remind here');
    const confirmation = await expectCard(
      page,
      `Reminders on for ${APP.displayName}`,
      '"remind here" confirmation in the channel (if it says "No registration of yours yet", the channel user differs from the personal chat user)',
      botLog,
      // Generous: on a loaded 2-core machine the playground once took over 30 s to draw it.
      60_000,
    );
    expect(await confirmation.innerText()).toMatch(/expires on .*\(expires in [45] days\)/);

    // The sweep timer, not the test, posts the reminder.
    const reminder = await expectCard(
      page,
      /client secret expires in [45] days/,
      'reminder card posted by the sweep timer',
      botLog,
      REMINDER_WAIT_MS,
    );
    const reminderText = await reminder.innerText();
    expect(reminderText).toContain(APP.displayName);
    expect(reminderText).toContain(APP.tenantId);
    expect(reminderText).toMatch(/Warning: client secret expires in [45] days/);
    expect(reminderText).not.toContain(APP.clientSecret);
    await expect(cardButton(reminder, 'Open Certificates & secrets').isVisible()).resolves.toBe(true);
    await expect(cardButton(reminder, 'Snooze 1 day').isVisible()).resolves.toBe(true);
    const sweeps = logEvents(botLog, 'reminder.sweep');
    expect(sweeps.some((s) => typeof s.sent === 'number' && s.sent >= 1)).toBe(true);
    // A new top-level post of its own (the playground draws each post as a role="group" box).
    const reminderPost = reminder.locator('xpath=ancestor::div[@role="group"][1]');
    const postText = await reminderPost.innerText();
    expect(postText).toContain(PLAYGROUND_BOT_NAME);
    expect(postText).not.toContain('remind here');
    expect(postText).not.toContain('Reminders on for');
    await screenshot(page, join(IMAGES, 'reminder.png'), { element: reminderPost, margin: 8 });

    // Snooze replaces the same card: no new card, the snoozed text and no Snooze button.
    const reminderCards = page.locator('.ac-adaptiveCard').filter({ hasText: /client secret expires in [45] days/ });
    const countBefore = await reminderCards.count();
    expect(countBefore).toBe(1); // one reminder per threshold, however many sweeps ran meanwhile
    await clickCardButton(reminder, 'Snooze 1 day');
    const snoozed = await expectCard(page, /Snoozed until .* by /, 'reminder card updated after Snooze 1 day', botLog);
    expect(await reminderCards.count()).toBe(countBefore);
    expect(await snoozed.innerText()).toMatch(/client secret expires in [45] days/);
    await expect(cardButton(snoozed, 'Snooze 1 day').count()).resolves.toBe(0);
    await expect(cardButton(snoozed, 'Stop reminders').isVisible()).resolves.toBe(true);

    expect(botLog.join('\n')).not.toContain(APP.clientSecret);
  });

  it('Rotate now on the reminder card: the steps in personal chat, a new secret next to the old one, confirmed', async () => {
    if (!stack) throw new Error('the playground stack did not start');
    const { page } = stack.browser;
    const { botLog } = stack;

    const reminder = await expectCard(page, /client secret expires in [45] days/, 'the snoozed reminder card', botLog);
    await clickCardButton(reminder, 'Rotate now');
    await switchToPersonalChat(page);
    const preview = await expectCard(
      page,
      'Sign in and add the new secret',
      'the rotation preview sent to personal chat',
      botLog,
    );
    const tab = await clickCardLink(page, preview, 'Sign in and add the new secret');
    await tab.getByRole('button', { name: SCENARIO_USERS.globalAdministrator.signInButton }).click();
    await tab.getByRole('heading', { name: 'New secret added' }).waitFor({ timeout: 60_000 });
    await tab.getByRole('button', { name: 'Show the secret value' }).click();
    const secret = await tab.locator('#secret').inputValue();
    expect(secret).toMatch(/Q~/);
    await tab.close();

    const rotation = await expectCard(page, 'I still check with the old secret', 'the rotation card', botLog, 60_000);
    await clickCardButton(rotation, "I've updated the connector");
    await expectCard(page, 'I now check with the new secret', 'the rotation card after confirming', botLog, 60_000);
    expect(botLog.join('\n')).not.toContain(secret);
  });
});
