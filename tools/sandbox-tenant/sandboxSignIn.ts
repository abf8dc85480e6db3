import { sandboxRequest, SandboxResponse } from './sandboxClient';

/** The browser's view of a sandbox sign-in: where it was sent back to, or the page it stopped on. */
export interface SandboxSignInResult {
  /** The Location the sandbox redirected to (the app's redirect URI with code or error), if it did. */
  readonly location?: URL;
  /** The last page when there was no redirect (an AADSTS error page, or a form_post form). */
  readonly page?: SandboxResponse;
}

/**
 * Plays the browser for tests without one: opens an authorization URL (e.g. from msal-node's
 * `getAuthCodeUrl`), finds the button whose accessible name is `button` ("Sign in as Global
 * Administrator (admin@…)" or "Cancel") and submits it, returning the redirect. Throws when the
 * page has no such button, so a test cannot pass by accident.
 */
export async function signInThroughSandbox(authorizeUrl: string, button: string): Promise<SandboxSignInResult> {
  const page = await sandboxRequest(authorizeUrl);
  if (page.status === 302) return { location: new URL(String(page.headers.location)) };
  if (page.status !== 200) return { page };
  const token = /name="signin_token" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token) return { page };
  const fields: Record<string, string> = { signin_token: token };
  if (button === 'Cancel') {
    fields.action = 'cancel';
  } else {
    const buttons = [
      ...page.text.matchAll(/<button type="submit" name="user" value="([^"]+)"[^>]*>([^<]+)<\/button>/g),
    ];
    const match = buttons.find((b) => unescapeHtml(b[2]) === button);
    if (!match) {
      throw new Error(`no button "${button}" on the sign-in page; it offers: ${buttons.map((b) => b[2]).join(' | ')}`);
    }
    fields.user = match[1];
  }
  const answer = await sandboxRequest(new URL(new URL(authorizeUrl).pathname, authorizeUrl).toString(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return answer.status === 302 ? { location: new URL(String(answer.headers.location)) } : { page: answer };
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
