import type { FailureText } from './aadstsCatalog';

/**
 * AADSTS errors an admin meets on the admin-consent page (or its redirect back), rather than
 * when the connector signs in: each with what it means and what to do next.
 * Source: https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
export const CONSENT_PAGE_CODES: Readonly<Record<string, FailureText>> = {
  '65001': {
    code: 'consent-required',
    title: 'Consent is missing',
    explanation: 'The app has not been given consent for the permissions it asked for.',
    fix: 'Have an administrator grant admin consent for the app (the admin-consent link, or Grant admin consent in API permissions).',
    retryable: false,
  },
  '65004': {
    code: 'consent-required',
    title: 'Consent was declined',
    explanation: 'The person on the consent page declined (Cancel) instead of accepting, so nothing was granted.',
    fix: 'Open the consent link again and select Accept, signed in as an administrator who may grant tenant-wide consent (a Global Administrator or Privileged Role Administrator).',
    retryable: false,
  },
  '90094': {
    code: 'consent-required',
    title: 'Admin consent is required',
    explanation: 'The permissions requested need an administrator to consent for the whole organisation.',
    fix: 'Ask a Global Administrator or Privileged Role Administrator to open the admin-consent link or use Grant admin consent in API permissions.',
    retryable: false,
  },
  '50034': {
    code: 'consent-required',
    title: 'That account is not in this tenant',
    explanation:
      "The account used on the consent page does not exist in the app's tenant: it belongs to another directory (a personal or other organisation's account).",
    fix: 'Open the consent link in a private browser window and sign in with an administrator account of this tenant (for example admin@contoso.onmicrosoft.com).',
    retryable: false,
  },
  '500113': {
    code: 'reply-address',
    title: 'The app has no reply address',
    explanation:
      'The admin-consent link sends the admin back to a redirect URI registered on the app, and the app has no redirect URI at all.',
    fix: "Add a Web redirect URI on the app registration's Authentication page (this bot's consent callback URL), then use the consent link again; or grant consent with Grant admin consent on the API permissions page instead.",
    retryable: false,
  },
  '50011': {
    code: 'reply-address',
    title: 'The reply address does not match',
    explanation:
      "The redirect URI in the admin-consent link is not one of the app's registered redirect URIs, character for character.",
    fix: "Copy the redirect URI from the error page and add it exactly as a Web redirect URI on the app registration's Authentication page: the same https or http, host, path and trailing slash. Or use Grant admin consent on the API permissions page.",
    retryable: false,
  },
  '650056': {
    code: 'consent-required',
    title: 'The application is misconfigured for consent',
    explanation:
      'Entra ID could not show the consent request, often because the app lists no permissions or a permission it cannot request.',
    fix: 'Check API permissions on the app registration (the seven Microsoft Graph permissions), then try the consent link again.',
    retryable: false,
  },
};
