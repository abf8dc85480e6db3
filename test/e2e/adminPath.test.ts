/**
 * Issue 7 items 1 to 4 in a real browser, in the Microsoft 365 Agents Playground: a wrong
 * secret in the form, then the right one pasted in the chat continues the same setup; "Remind a
 * channel" answers with a new message and leaves the status card; Retest always visibly answers.
 * A declined consent (item 3) reaches the chat. The dark theme: darkTheme.test.ts.
 * The bot's PUBLIC_URL is its own http://localhost address (the sandbox, like Entra ID, ignores
 * the port of a localhost redirect URI), so nothing else listening on this machine is contacted.
 */
import { DEMO, WRONG_SECRET } from '../../tools/sandbox-tenant/scenarios';
import { startPlaygroundStack, type PlaygroundStack } from './helpers/playgroundStack';
import { clickCardButton, clickCardLink, fillCardInput, sendMessage, waitForCard } from './helpers/playgroundActions';

jest.setTimeout(180_000);

describe("the admin's path in the Microsoft 365 Agents Playground", () => {
  let stack: PlaygroundStack | undefined;

  beforeAll(async () => {
    stack = await startPlaygroundStack({ probeTenantId: DEMO.tenantId, publicUrl: true });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('keeps both ways open after a form error, keeps cards in place, and says what happened', async () => {
    if (!stack) throw new Error('the playground stack did not start');
    const { page } = stack.browser;
    const statusCards = page.locator('.ac-adaptiveCard').filter({ hasText: 'required permissions granted' });

    // 1. A wrong secret in the form; the form says so in place; pasting the right one in chat continues.
    await clickCardButton(await waitForCard(page, 'Start setup'), 'Start setup');
    const setup = await waitForCard(page, 'Set up the connector check');
    await fillCardInput(setup, 'Directory (tenant) ID', DEMO.tenantId);
    await fillCardInput(setup, 'Application (client) ID', DEMO.clientId);
    await fillCardInput(setup, 'Client secret value', WRONG_SECRET);
    await clickCardButton(setup, 'Check connector');
    await waitForCard(page, /Set up the connector check[\s\S]*(secret|Secret)[\s\S]*(wrong|not|invalid)/i, 60_000);
    await sendMessage(page, DEMO.clientSecret);
    const status = await waitForCard(page, 'Action needed', 60_000);
    expect(await status.innerText()).toContain(DEMO.displayName);
    expect(await page.locator('body').innerText()).not.toContain('I need the tenant and client IDs first');

    // 2. "Remind a channel" answers with a new message; the status card stays a status card.
    const before = await statusCards.count();
    await clickCardButton(status, 'Remind a channel');
    await waitForCard(page, /remind here/);
    expect(await statusCards.count()).toBe(before);

    // 4. Retest always visibly answers.
    await clickCardButton(status, 'Retest');
    await waitForCard(page, 'Checked just now: no change', 60_000);

    // 3. A declined consent reaches the chat, not only the browser tab.
    const consent = await clickCardLink(page, status, 'Grant admin consent');
    await consent.locator('#cancel').click();
    await consent.getByText('Consent was declined').first().waitFor({ timeout: 30_000 });
    await consent.close();
    await waitForCard(page, 'Consent was declined', 30_000);

    const log = stack.botLog.join('\n');
    expect(log).not.toContain(DEMO.clientSecret);
    expect(log).not.toContain(WRONG_SECRET);
  });
});
