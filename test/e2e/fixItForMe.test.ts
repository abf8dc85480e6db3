/**
 * Fix it for me in a real browser, in the Microsoft 365 Agents Playground: the demo app with a
 * permission "Not added" → Fix it for me → the preview → Sign in and apply → the sandbox's sign-in
 * page as the Global Administrator → back in Teams the same status card shows Ready by itself.
 * The bot's PUBLIC_URL is its own http://localhost address (the sandbox, like Entra ID, ignores
 * the port of a localhost redirect URI), so nothing else listening on this machine is contacted.
 * Screenshots as in newcomerFlow.test.ts (UPDATE_DOCS_IMAGES=1).
 */
import { join } from 'path';
import { DEMO_NEEDS_REPAIR, DEMO_USERS, SIGN_IN_APP } from '../../tools/sandbox-tenant/scenarios';
import { screenshot } from './helpers/playground';
import { startPlaygroundStack, type PlaygroundStack } from './helpers/playgroundStack';
import { clickCardButton, clickCardLink, fillCardInput, waitForCard } from './helpers/playgroundActions';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
const IMAGES =
  process.env.UPDATE_DOCS_IMAGES === '1' ? join(ROOT, 'docs', 'images') : join(ROOT, 'test-results', 'e2e');

describe('Fix it for me in the Microsoft 365 Agents Playground', () => {
  let stack: PlaygroundStack | undefined;

  beforeAll(async () => {
    stack = await startPlaygroundStack({
      publicUrl: true,
      probeTenantId: DEMO_NEEDS_REPAIR.tenantId,
      env: {
        ADMIN_SIGNIN_CLIENT_ID: SIGN_IN_APP.clientId,
        ADMIN_SIGNIN_CLIENT_SECRET: SIGN_IN_APP.clientSecret,
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('turns "Not added" into Ready with one sign-in, on the same card', async () => {
    if (!stack) throw new Error('the playground stack did not start');
    const { page } = stack.browser;

    await clickCardButton(await waitForCard(page, 'Start setup'), 'Start setup');
    const setup = await waitForCard(page, 'Set up the connector check');
    await fillCardInput(setup, 'Directory (tenant) ID', DEMO_NEEDS_REPAIR.tenantId);
    await fillCardInput(setup, 'Application (client) ID', DEMO_NEEDS_REPAIR.clientId);
    await fillCardInput(setup, 'Client secret value', DEMO_NEEDS_REPAIR.clientSecret);
    await clickCardButton(setup, 'Check connector');

    const status = await waitForCard(page, 'Action needed', 60_000);
    expect(await status.innerText()).toContain('Not added');
    await clickCardButton(status, 'Fix it for me');

    const preview = await waitForCard(page, 'Sign in and apply', 30_000);
    const plan = await preview.innerText();
    expect(plan).toContain('Add to the registration: Directory.AccessAsUser.All (Delegated)');
    expect(plan).toMatch(/Nothing is (ever )?removed/i);
    await screenshot(page, join(IMAGES, 'repair-preview.png'), { element: preview });

    const signIn = await clickCardLink(page, preview, 'Sign in and apply');
    expect(new URL(signIn.url()).origin).toBe(stack.sandbox.authorityHost);
    await signIn.getByRole('button', { name: DEMO_USERS.globalAdministrator.signInButton }).click();
    await signIn.getByRole('heading', { name: 'Done: go back to Teams' }).waitFor({ timeout: 60_000 });
    await signIn.close();

    // No click in Teams: the card updates itself once the connector's own check sees the grants.
    const ready = await waitForCard(page, /Fixed by .*Ready|Ready[\s\S]*Fixed by/, 90_000);
    const after = await ready.innerText();
    expect(after).toContain('✅ Ready');
    expect(after).toContain(`Fixed by ${DEMO_USERS.globalAdministrator.userPrincipalName}`);
    await screenshot(page, join(IMAGES, 'repair-fixed.png'), { element: ready });

    const log = stack.botLog.join('\n');
    expect(log).not.toContain(DEMO_NEEDS_REPAIR.clientSecret);
    expect(log).not.toMatch(/eyJ[\w-]{10,}\.eyJ/);
    expect(log).toContain('"repair.audit"');
  });
});
