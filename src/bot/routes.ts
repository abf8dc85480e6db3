/**
 * The bot's public HTTP paths that something outside the server must know: the consent
 * callback is both a restify route (server.ts) and a redirect URI the consent link names
 * (resultCard.ts), so it lives here rather than in either.
 */
export const CONSENT_CALLBACK_PATH = '/api/consent/callback';

/** The callback URL the app must list as a Web redirect URI for the consent round trip. */
export function consentCallbackUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${CONSENT_CALLBACK_PATH}`;
}
