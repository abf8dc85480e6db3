import type { Logger } from '../log/logger';
import type { FixHandlers, FixPage, FixRequest } from '../repair/fixRequest';
import type { AdminSessions } from './adminSessions';
import type { AdminSignIn, SignInPurpose } from './adminSignIn';
import type { FixStateRefusal, FixStates } from './fixStates';
import { signInFailureText } from './signInErrors';

export const FIX_START_PATH = '/api/fix/start';
export const FIX_CALLBACK_PATH = '/api/fix/callback';

/** What a Fix it for me route answers: the sign-in page to go to, or a page to show. */
export type FixRouteAnswer =
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'page'; readonly page: FixPage; readonly setCookie?: string };

export interface FixRoutes {
  /** The Sign in and apply link for a preview card: PUBLIC_URL/api/fix/start?state=… */
  startLink(request: FixRequest): Promise<string>;
  start(query: Record<string, unknown>): Promise<FixRouteAnswer>;
  callback(query: Record<string, unknown>): Promise<FixRouteAnswer>;
}

export interface FixRoutesDeps {
  readonly states: FixStates;
  readonly signIn: AdminSignIn;
  readonly handlers: FixHandlers;
  readonly logger: Logger;
  readonly publicUrl: string;
  /** Remembers the admin after a sign-in whose page asks for it (the reveal page's cookie). */
  readonly sessions?: Pick<AdminSessions, 'cookieFor'>;
}

const BACK =
  'Nothing was changed. Go back to Teams and start again from the card (Fix it for me, Create it for me or Rotate now).';

const page = (status: number, title: string, message: string): FixRouteAnswer => ({
  kind: 'page',
  page: { status, title, message },
});

const REFUSED: Record<FixStateRefusal, FixRouteAnswer> = {
  forged: page(400, 'This sign-in link is not valid', `It was not issued by this bot, or it was changed. ${BACK}`),
  expired: page(
    400,
    'This sign-in link has expired or was already used',
    `It was older than 10 minutes: a link is good for one sign-in within 10 minutes. ${BACK}`,
  ),
  unknown: page(
    400,
    'This sign-in link has expired or was already used',
    `It was already used: a link is good for one sign-in within 10 minutes. ${BACK}`,
  ),
};

/** Opening a secret's page only needs to know who signs in; everything else manages apps. */
const purposeOf = (request: FixRequest): SignInPurpose => (request.task?.kind === 'reveal' ? 'identify' : 'manage');

/** One query parameter as a bounded string; a repeated or oversized one counts as absent-and-bad. */
function param(query: Record<string, unknown>, name: string, max: number): string | undefined | false {
  const value = query[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' && value.length <= max ? value : false;
}

/**
 * The two HTTP steps of Fix it for me's sign-in, over plain query objects (server.ts does HTTP).
 * /start turns a valid state into the organisation's sign-in page (PKCE S256); /callback takes
 * the state once, then hands the admin and the delegated token to the fix flow, or says why not:
 * cancelled, another organisation, another person, Entra ID's refusal. Bad input is a 400 page
 * that changes nothing; the state, the code and the token are never logged.
 */
export function createFixRoutes(deps: FixRoutesDeps): FixRoutes {
  const base = deps.publicUrl.replace(/\/+$/, '');

  async function notApplied(request: FixRequest, reason: string, status = 200): Promise<FixRouteAnswer> {
    const answer = await deps.handlers.onNotApplied(request, reason);
    return { kind: 'page', page: { ...answer, status: status === 200 ? answer.status : status } };
  }

  return {
    async startLink(request) {
      const { verifier } = await deps.signIn.pkce();
      const state = await deps.states.issue(request, verifier);
      return `${base}${FIX_START_PATH}?state=${encodeURIComponent(state)}`;
    },

    async start(query) {
      const found = await deps.states.peek(param(query, 'state', 200));
      if (!found.ok) {
        deps.logger.info('fix.start_refused', { reason: found.reason });
        return REFUSED[found.reason];
      }
      try {
        const location = await deps.signIn.authUrl({
          state: String(query.state),
          codeVerifier: found.codeVerifier,
          tenantId: found.request.tenantId,
          purpose: purposeOf(found.request),
        });
        deps.logger.info('fix.sign_in_started', { registrationId: found.request.registrationId });
        return { kind: 'redirect', location };
      } catch (error) {
        deps.logger.warn('fix.sign_in_unavailable', { errorName: error instanceof Error ? error.name : typeof error });
        return page(
          502,
          'Could not reach the sign-in page',
          'Entra ID did not answer when the sign-in was prepared. Wait a moment and open the link again.',
        );
      }
    },

    async callback(query) {
      const found = await deps.states.take(param(query, 'state', 200));
      if (!found.ok) {
        deps.logger.info('fix.callback_refused', { reason: found.reason });
        return REFUSED[found.reason];
      }
      const { request } = found;
      const error = param(query, 'error', 100);
      const code = param(query, 'code', 4000);
      if (error !== undefined) {
        const description = param(query, 'error_description', 2000);
        deps.logger.info('fix.sign_in_declined', { registrationId: request.registrationId });
        return notApplied(request, signInFailureText(error || 'error', description || undefined));
      }
      if (!code) {
        return notApplied(request, 'The sign-in came back without a result, so it could not be used.', 400);
      }
      const redeemed = await deps.signIn.redeem({
        code,
        codeVerifier: found.codeVerifier,
        tenantId: request.tenantId,
        purpose: purposeOf(request),
      });
      if (!redeemed.ok) {
        deps.logger.warn('fix.sign_in_failed', { registrationId: request.registrationId });
        return notApplied(request, redeemed.reason);
      }
      const { admin, accessToken } = redeemed;
      if (admin.tenantId !== request.tenantId.toLowerCase()) {
        deps.logger.warn('fix.wrong_tenant', { registrationId: request.registrationId });
        return notApplied(
          request,
          `You signed in to another organisation (tenant ${admin.tenantId}); this registration is in tenant ${request.tenantId}. Sign in with an administrator account of that organisation.`,
        );
      }
      const asked = request.requestedBy;
      // Only comparable when the Teams user belongs to the registration's organisation; an
      // admin of a customer tenant has another object id there than in the bot's tenant.
      const sameOrganisation = asked.tenantId?.toLowerCase() === request.tenantId.toLowerCase();
      if (asked.objectId && sameOrganisation && asked.objectId.toLowerCase() !== admin.objectId) {
        deps.logger.warn('fix.other_person', { registrationId: request.registrationId });
        return notApplied(
          request,
          'You signed in as someone else than the person who asked in Teams. The one who selected Fix it for me must sign in.',
        );
      }
      deps.logger.info('fix.signed_in', {
        registrationId: request.registrationId,
        task: request.task?.kind ?? 'repair',
      });
      const done = await deps.handlers.onSignedIn(request, admin, accessToken);
      const cookie = done.session && deps.sessions ? deps.sessions.cookieFor(done.session) : undefined;
      return { kind: 'page', page: done, ...(cookie ? { setCookie: cookie } : {}) };
    },
  };
}
