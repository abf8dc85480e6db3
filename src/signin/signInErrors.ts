/**
 * Plain words for why an administrator's Fix it for me sign-in did not give a token, from the
 * AADSTS code in Entra ID's answer (the redirect's error_description or the token error).
 * Never quotes the answer itself: it can carry the request's parameters.
 */
const KNOWN: Readonly<Record<string, string>> = {
  '65004': 'The sign-in was cancelled: the permissions the bot asks for were declined.',
  '65001':
    "Your organisation has not consented to the bot's sign-in app yet. A Global Administrator can accept its permissions on the sign-in page.",
  '90094':
    "Your organisation requires an administrator to approve the bot's sign-in app. A Global Administrator can accept its permissions on the sign-in page.",
  '50020': 'That account does not belong to the organisation of this registration. Sign in with one of its accounts.',
  '700016': "The bot's sign-in app is not registered as multi-tenant, so this organisation cannot sign in to it.",
  '50011': "The bot's sign-in app does not list this bot's callback address as a redirect URI.",
  '501481': 'The sign-in could not be verified (PKCE check failed). Start again from Fix it for me.',
  '54005': 'This sign-in was already used. Start again from Fix it for me.',
  '70008': 'The sign-in took too long and expired. Start again from Fix it for me.',
  '50076': 'Your organisation requires multi-factor authentication for this: complete it on the sign-in page.',
  '53003': 'A Conditional Access policy blocked this sign-in. Ask your administrator which policy applies.',
};

/** The AADSTS code in a text, if any. */
export function aadstsIn(text: unknown): string | undefined {
  return typeof text === 'string' ? /AADSTS(\d{4,7})/.exec(text)?.[1] : undefined;
}

export function signInFailureText(error: string, description?: unknown): string {
  const code = aadstsIn(description);
  if (code !== undefined && Object.hasOwn(KNOWN, code)) return `${KNOWN[code]} (AADSTS${code})`;
  if (error === 'access_denied') return 'The sign-in was cancelled or refused.';
  if (error === 'consent_required' || error === 'interaction_required') {
    return 'The sign-in needs more from you (consent or multi-factor authentication) than could be done here.';
  }
  return code !== undefined
    ? `Entra ID refused the sign-in (AADSTS${code}). Look the code up at https://login.microsoftonline.com/error?code=${code}.`
    : `Entra ID refused the sign-in (${/^[a-z_]{1,40}$/.test(error) ? error : 'error'}).`;
}
