import { GraphPermission } from './graphPermissions';

const BANNER = 'Sandbox tenant — not Microsoft';

/** What the admin-consent screen shows and posts back. */
export interface ConsentPageModel {
  readonly tenantName: string;
  readonly tenantId: string;
  readonly appName: string;
  readonly appId: string;
  readonly permissions: readonly GraphPermission[];
  readonly consentToken: string;
  readonly actionPath: string;
  readonly redirectUri: string | null;
}

/** The consent screen: app, requested permissions, Accept / Cancel as a POST form. */
export function renderConsentPage(m: ConsentPageModel): string {
  const rows = m.permissions
    .map((p) => `<li><span class="perm">${esc(p.name)}</span> <span class="kind">${esc(p.kind)}</span></li>`)
    .join('');
  const list =
    rows === '' ? '<p>This app requests no Microsoft Graph permissions.</p>' : `<ul id="permissions">${rows}</ul>`;
  const target = m.redirectUri ? `<p class="small">You will be sent back to ${esc(m.redirectUri)}</p>` : '';
  return page(
    'Permissions requested',
    `
  <h1>Permissions requested</h1>
  <p><strong id="app-name">${esc(m.appName)}</strong> <span class="small">(${esc(m.appId)})</span></p>
  <p>Accept for your organization <strong>${esc(m.tenantName)}</strong> <span class="small">(${esc(m.tenantId)})</span>.
     This app would have these Microsoft Graph permissions:</p>
  ${list}
  ${target}
  <form method="post" action="${esc(m.actionPath)}">
    <input type="hidden" name="consent_token" value="${esc(m.consentToken)}">
    <button type="submit" name="action" value="cancel" id="cancel">Cancel</button>
    <button type="submit" name="action" value="accept" id="accept">Accept</button>
  </form>`,
  );
}

/** A sign-in error screen carrying the AADSTS code, like Entra ID's. */
export function renderErrorPage(
  code: number,
  message: string,
  traceId: string,
  correlationId: string,
  timestamp: string,
): string {
  return page(
    'Sign in error',
    `
  <h1>Sorry, but we’re having trouble signing you in.</h1>
  <p id="error"><strong>AADSTS${code}</strong>: ${esc(message)}</p>
  <p class="small">Trace ID: ${esc(traceId)}<br>Correlation ID: ${esc(correlationId)}<br>Timestamp: ${esc(timestamp)}</p>`,
  );
}

/** The end screen when there is nowhere to redirect. */
export function renderDonePage(title: string, text: string): string {
  return page(title, `<h1 id="done">${esc(title)}</h1><p>${esc(text)}</p>`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · ${BANNER}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.banner{background:#fff4ce;border:1px solid #c19c00;padding:.5rem 1rem;font-weight:600}
.small{color:#605e5c;font-size:.85rem}.kind{color:#605e5c;font-size:.85rem;margin-left:.5rem}
button{padding:.5rem 1.5rem;margin-right:.5rem}#accept{background:#0f6cbd;color:#fff;border:0}
</style></head>
<body><div class="banner" role="note">${BANNER}. A local development and test tool.</div>
${body}
</body></html>`;
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
