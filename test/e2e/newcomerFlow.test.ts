/**
 * The newcomer flow of `npm run playground`, in a real browser: the sandbox tenant and the bot
 * (in process, local mode) and the Microsoft 365 Agents Playground (a child process), all on
 * free ports. Welcome card → setup form → status card with permissions Not granted → the
 * sandbox's admin-consent page → Retest updates the card in place → Ready.
 * Screenshots go to test-results/e2e/ (git-ignored); with UPDATE_DOCS_IMAGES=1 they replace the
 * README's images in docs/images/.
 *
 * Needs Chromium (/usr/bin/chromium or CHROMIUM_PATH) and NODE_EXTRA_CA_CERTS pointing at the
 * sandbox CA before jest starts (`npm test` sets it).
 */
import { join } from 'path';
import { DEMO } from '../../tools/sandbox-tenant/scenarios';
import { screenshot } from './helpers/playground';
import { startPlaygroundStack, type PlaygroundStack } from './helpers/playgroundStack';
import { clickCardButton, clickCardLink, fillCardInput, sendMessage, waitForCard } from './helpers/playgroundActions';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
const IMAGES =
  process.env.UPDATE_DOCS_IMAGES === '1' ? join(ROOT, 'docs', 'images') : join(ROOT, 'test-results', 'e2e');

describe('newcomer flow in the Microsoft 365 Agents Playground', () => {
  let stack: PlaygroundStack | undefined;

  beforeAll(async () => {
    // No PUBLIC_URL: the consent link names no redirect URI and the sandbox, like Entra ID, sends
    // the browser to the demo app's registered one, which the stack points at its landing page.
    stack = await startPlaygroundStack({ probeTenantId: DEMO.tenantId });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('takes an admin from the welcome card to a Ready status card', async () => {
    if (!stack) throw new Error('the playground stack did not start');
    const { page } = stack.browser;
    const { botLog, sandbox } = stack;

    const welcome = await waitForCard(page, 'Start setup');
    await screenshot(page, join(IMAGES, 'welcome.png'));
    await clickCardButton(welcome, 'Start setup');

    const setup = await waitForCard(page, 'Set up the connector check');
    await fillCardInput(setup, 'Directory (tenant) ID', DEMO.tenantDomain);
    await fillCardInput(setup, 'Application (client) ID', DEMO.clientId);
    await fillCardInput(setup, 'Client secret value', DEMO.clientSecret);
    await screenshot(page, join(IMAGES, 'setup.png'), { element: setup });
    await clickCardButton(setup, 'Check connector');

    const status = await waitForCard(page, 'Action needed', 60_000);
    const before = await status.innerText();
    expect(before).toContain(DEMO.displayName);
    expect(before).toContain('Not granted');
    expect(before).not.toContain(DEMO.clientSecret);
    await screenshot(page, join(IMAGES, 'status-action-needed.png'), { element: status });

    const consent = await clickCardLink(page, status, 'Grant admin consent');
    expect(new URL(consent.url()).origin).toBe(sandbox?.authorityHost);
    await consent.locator('#accept').click();
    await consent.locator('#redirected').waitFor();
    const redirect = new URL(consent.url());
    expect(redirect.searchParams.get('admin_consent')).toBe('True');
    expect(redirect.searchParams.get('tenant')).toBe(DEMO.tenantId);
    await consent.close();

    const statusCards = page.locator('.ac-adaptiveCard').filter({ hasText: 'required permissions granted' });
    const countBefore = await statusCards.count();
    await clickCardButton(status, 'Retest');
    const ready = await waitForCard(page, '✅ Ready', 60_000);
    const after = await ready.innerText();
    expect(after).toContain('7 of 7 required permissions granted');
    // No permission row is left Not granted; the only mentions are the changes Retest reports.
    expect(after).toMatch(/Changed since the last check/);
    expect(after).toMatch(/Not granted → Granted/);
    expect(after.split('Not granted').length).toBe(after.split('Not granted →').length);
    expect(await statusCards.count()).toBe(countBefore);
    await screenshot(page, join(IMAGES, 'status-ready.png'), { element: ready });

    await sendMessage(page, 'overview');
    const overview = await waitForCard(page, 'Your connectors (1)');
    expect(await overview.innerText()).toContain(DEMO.displayName);
    await screenshot(page, join(IMAGES, 'overview.png'), { element: overview });

    expect(botLog.join('\n')).not.toContain(DEMO.clientSecret);
  });
});
