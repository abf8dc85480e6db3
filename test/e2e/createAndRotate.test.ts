/**
 * Create it for me and Rotate now in a real browser, in the Microsoft 365 Agents Playground: the
 * welcome card's "I don't have an app registration yet" → the form → the preview → the sandbox's
 * sign-in page as the Global Administrator → the bot's page offers the secret once → back in
 * Teams the new registration is Ready; then Rotate now on that status card → sign in → the new
 * secret's page → "I've updated the connector" → the bot checks with the new secret.
 * Screenshots as in newcomerFlow.test.ts (UPDATE_DOCS_IMAGES=1 writes the README's).
 */
import { join } from 'path';
import type { Page } from 'playwright-core';
import { DEMO_NEEDS_REPAIR, DEMO_USERS, SIGN_IN_APP } from '../../tools/sandbox-tenant/scenarios';
import { screenshot } from './helpers/playground';
import { startPlaygroundStack, type PlaygroundStack } from './helpers/playgroundStack';
import { clickCardButton, clickCardLink, fillCardInput, waitForCard } from './helpers/playgroundActions';

jest.setTimeout(240_000);

const ROOT = join(__dirname, '..', '..');
const IMAGES =
  process.env.UPDATE_DOCS_IMAGES === '1' ? join(ROOT, 'docs', 'images') : join(ROOT, 'test-results', 'e2e');
const TENANT = DEMO_NEEDS_REPAIR.tenantId;
const APP_NAME = 'Contoso Office 365 connector';
const ENTRA_SECRET = /^[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{34}$/;

/** On the bot's page after a sign-in: Show the secret value → the value, once. */
async function revealOnce(tab: Page): Promise<string> {
  await tab.getByRole('button', { name: 'Show the secret value' }).click();
  await tab.getByRole('heading', { name: /The new client secret of/ }).waitFor({ timeout: 30_000 });
  const secret = await tab.locator('#secret').inputValue();
  expect(secret).toMatch(ENTRA_SECRET);
  return secret;
}

describe('Create it for me and Rotate now in the Microsoft 365 Agents Playground', () => {
  let stack: PlaygroundStack | undefined;
  let created = '';

  beforeAll(async () => {
    stack = await startPlaygroundStack({
      publicUrl: true,
      probeTenantId: TENANT,
      env: {
        ADMIN_SIGNIN_CLIENT_ID: SIGN_IN_APP.clientId,
        ADMIN_SIGNIN_CLIENT_SECRET: SIGN_IN_APP.clientSecret,
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('"I don\'t have an app registration yet" → one sign-in → Ready, the secret shown once on its page', async () => {
    if (!stack) throw new Error('the playground stack did not start');
    const { page } = stack.browser;

    await clickCardButton(
      await waitForCard(page, "I don't have an app registration yet"),
      "I don't have an app registration yet",
    );
    const form = await waitForCard(page, 'Create the app registration for me');
    await fillCardInput(form, 'Name of the app registration', APP_NAME);
    await fillCardInput(form, 'Directory (tenant) ID of your organisation', TENANT);
    await clickCardButton(form, 'Continue');

    const preview = await waitForCard(page, 'Sign in and create', 30_000);
    const plan = await preview.innerText();
    expect(plan).toContain('Accounts in this organisational directory only');
    expect(plan).toContain('Directory.AccessAsUser.All (Delegated)');
    await screenshot(page, join(IMAGES, 'create-preview.png'), { element: preview });

    const tab = await clickCardLink(page, preview, 'Sign in and create');
    expect(new URL(tab.url()).origin).toBe(stack.sandbox.authorityHost);
    await tab.getByRole('button', { name: DEMO_USERS.globalAdministrator.signInButton }).click();
    await tab.getByRole('heading', { name: `Created: ${APP_NAME}` }).waitFor({ timeout: 60_000 });
    created = await revealOnce(tab);
    await screenshot(tab, join(IMAGES, 'secret-reveal.png'));
    await tab.close();

    // Back in Teams: the new registration, checked with its own credentials, and where the secret was.
    const ready = await waitForCard(page, /✅ Ready[\s\S]*Created by/, 90_000);
    const status = await ready.innerText();
    expect(status).toContain(APP_NAME);
    expect(status).toContain('7 of 7 required permissions granted');
    await screenshot(page, join(IMAGES, 'create-ready.png'), { element: ready });
    const offer = await waitForCard(page, `The client secret of ${APP_NAME}`);
    expect(await offer.innerText()).not.toContain(created);
    await screenshot(page, join(IMAGES, 'secret-offer.png'), { element: offer });
    // Once only: the card's link, opened after the value was shown, shows nothing.
    const again = await clickCardLink(page, offer, 'Show the secret value');
    await again.getByRole('heading', { name: 'This secret was already shown' }).waitFor({ timeout: 30_000 });
    expect(await again.content()).not.toContain(created);
    await again.close();

    expect(stack.botLog.join('\n')).not.toContain(created);
    expect(await page.content()).not.toContain(created);
  });

  it('Rotate now: a new secret next to the old one, shown once, taken into use only when confirmed', async () => {
    if (!stack || !created) throw new Error('the registration was not created');
    const { page } = stack.browser;

    const status = await waitForCard(page, /✅ Ready[\s\S]*Created by/);
    await clickCardButton(status, 'Rotate now');
    const preview = await waitForCard(page, 'Sign in and add the new secret', 30_000);
    expect(await preview.innerText()).toContain(`In use now: ${created.slice(0, 3)}`);

    const tab = await clickCardLink(page, preview, 'Sign in and add the new secret');
    await tab.getByRole('button', { name: DEMO_USERS.globalAdministrator.signInButton }).click();
    await tab.getByRole('heading', { name: 'New secret added' }).waitFor({ timeout: 60_000 });
    const rotated = await revealOnce(tab);
    expect(rotated).not.toBe(created);
    await tab.close();

    const rotation = await waitForCard(page, 'I still check with the old secret', 60_000);
    expect(await rotation.innerText()).toContain(`Old secret: ${created.slice(0, 3)}`);
    await screenshot(page, join(IMAGES, 'rotation-added.png'), { element: rotation });
    await clickCardButton(rotation, "I've updated the connector");
    const switched = await waitForCard(page, 'I now check with the new secret', 60_000);
    expect(await switched.innerText()).toContain('Remove the old secret');
    await screenshot(page, join(IMAGES, 'rotation-switched.png'), { element: switched });

    expect(stack.botLog.join('\n')).not.toContain(rotated);
  });
});
