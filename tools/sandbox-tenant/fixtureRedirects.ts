/** The origin the fixtures register their apps' redirect URIs on (the bot's default port). */
export const FIXTURE_REDIRECT_ORIGIN = 'http://localhost:3978';

/**
 * The fixture (parsed, or its JSON) with every redirect URI on FIXTURE_REDIRECT_ORIGIN moved to `origin` (path kept),
 * so a bot on another port is where the sandbox sends the browser back, and nothing that may
 * listen on port 3978 is ever contacted. The playground runner and the browser tests use it.
 */
export function withRedirectOrigin<T>(fixture: T, origin: string): T {
  const base = origin.replace(/\/+$/, '');
  const moved = JSON.stringify(fixture).split(`"${FIXTURE_REDIRECT_ORIGIN}/`).join(`"${base}/`);
  return JSON.parse(moved) as T;
}
