import { esc } from './consentHtml';

const BANNER = 'Sandbox tenant — not Microsoft';

/** One account offered on the sign-in page. */
export interface SignInChoice {
  readonly objectId: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  /** "Global Administrator", "Application Administrator", … or "User" for a member without admin roles. */
  readonly roleLabel: string;
  readonly tenantName: string;
}

export interface SignInPageModel {
  readonly appName: string;
  readonly appId: string;
  readonly scopes: readonly string[];
  readonly users: readonly SignInChoice[];
  readonly signInToken: string;
  readonly actionPath: string;
}

/**
 * The sign-in page: one button per account, each named "Sign in as <role> (<upn>)" so a browser
 * test can click it by its accessible name, and Cancel. Both post the single-use token.
 */
export function renderSignInPage(m: SignInPageModel): string {
  const buttons = m.users
    .map(
      (u) => `<li><button type="submit" name="user" value="${esc(u.objectId)}" class="account">Sign in as ${esc(
        u.roleLabel,
      )} (${esc(u.userPrincipalName)})</button>
      <span class="small">${esc(u.displayName)} · ${esc(u.tenantName)}</span></li>`,
    )
    .join('');
  const scopes = m.scopes.map((s) => `<li>${esc(s)}</li>`).join('');
  const list =
    buttons === ''
      ? '<p id="no-users">This tenant has no users who can sign in.</p>'
      : `<ul id="accounts">${buttons}</ul>`;
  return page(
    'Sign in to your account',
    `
  <h1>Pick an account</h1>
  <p>to continue to <strong id="app-name">${esc(m.appName)}</strong> <span class="small">(${esc(m.appId)})</span></p>
  <form method="post" action="${esc(m.actionPath)}">
    <input type="hidden" name="signin_token" value="${esc(m.signInToken)}">
    ${list}
    <p class="small">The app asks for:</p><ul id="scopes" class="small">${scopes}</ul>
    <button type="submit" name="action" value="cancel" id="cancel">Cancel</button>
  </form>`,
  );
}

/** The form_post response: an auto-submitting form to the app's redirect URI. */
export function renderFormPost(action: string, fields: readonly (readonly [string, string])[]): string {
  const inputs = fields
    .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Working...</title></head>
<body><form method="post" name="hiddenform" action="${esc(action)}">${inputs}
<noscript><p>Script is disabled. Click Submit to continue.</p><button type="submit">Submit</button></noscript></form>
<script>document.forms[0].submit();</script></body></html>`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · ${BANNER}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.banner{background:#fff4ce;border:1px solid #c19c00;padding:.5rem 1rem;font-weight:600}
.small{color:#605e5c;font-size:.85rem}ul{list-style:none;padding:0}li{margin:.5rem 0}
button{padding:.5rem 1.5rem;margin-right:.5rem}.account{background:#0f6cbd;color:#fff;border:0;min-width:24rem;text-align:left}
</style></head>
<body><div class="banner" role="note">${BANNER}. A local development and test tool.</div>
${body}
</body></html>`;
}
