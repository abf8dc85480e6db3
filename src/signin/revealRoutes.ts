import type { Logger } from '../log/logger';
import type { FixHandlers, FixPage, FixRequest } from '../repair/fixRequest';
import type { AdminSessions } from './adminSessions';
import type { FixRouteAnswer } from './fixRoutes';
import type { RevealRefusal, SecretReveals } from './secretReveals';

export const REVEAL_PATH = '/api/secret';

const AGAIN =
  'A secret is shown once, within 10 minutes of its creation, to the administrator who created it. If you did not copy it, select Rotate now on the status card in Teams to create another.';

/** The page for each refusal; nothing about the secret is in any of them. */
export const REVEAL_REFUSED: Record<RevealRefusal, FixPage> = {
  forged: {
    status: 400,
    title: 'This link is not valid',
    message: `It was not issued by this bot, or it was changed. ${AGAIN}`,
  },
  expired: { status: 410, title: 'This secret link has expired', message: `Nothing is shown. ${AGAIN}` },
  used: {
    status: 410,
    title: 'This secret was already shown',
    message: `Its page was opened once already, so nothing is shown now. ${AGAIN}`,
  },
  'other-person': {
    status: 403,
    title: 'This secret is for another administrator',
    message:
      'Only the administrator who created it can open this page, and you signed in as someone else. Nothing was shown, and the link still works for them.',
  },
};

export interface RevealRoutes {
  /** PUBLIC_URL/api/secret?id=…, for the card in personal chat. */
  link(token: string): string;
  /** GET: a page with one button (a link preview or a scanner consumes nothing). */
  show(query: Record<string, unknown>): Promise<FixRouteAnswer>;
  /** POST from that button: the secret for the admin of the session cookie, else their sign-in first. */
  open(body: unknown, cookieHeader: unknown): Promise<FixRouteAnswer>;
}

export interface RevealRoutesDeps {
  readonly reveals: SecretReveals;
  readonly sessions: Pick<AdminSessions, 'fromCookieHeader'>;
  /** The sign-in start link for a request (the same signed single-use states as Fix it for me). */
  readonly signInLink: (request: FixRequest) => Promise<string>;
  readonly logger: Logger;
  readonly publicUrl: string;
}

const page = (p: FixPage): FixRouteAnswer => ({ kind: 'page', page: p });

function tokenOf(source: unknown, name: string): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const value = (source as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length <= 200 ? value : undefined;
}

/**
 * The reveal page of a new client secret, over plain query, body and cookie values (server.ts
 * does HTTP). GET shows a button only; the POST it sends (same origin, so the SameSite=Strict
 * session cookie comes along) opens the secret once for the admin who created it, or sends them
 * through the sign-in, whose callback opens it (see `createRevealHandlers`).
 */
export function createRevealRoutes(deps: RevealRoutesDeps): RevealRoutes {
  const base = deps.publicUrl.replace(/\/+$/, '');
  return {
    link: (token) => `${base}${REVEAL_PATH}?id=${encodeURIComponent(token)}`,

    async show(query) {
      const token = tokenOf(query, 'id');
      const found = await deps.reveals.peek(token);
      if (!found.ok) return page(REVEAL_REFUSED[found.reason]);
      return page({
        status: 200,
        title: `The new client secret of ${found.label}`,
        message:
          'It is shown once: after you open it, this link stops working. Have the connector settings of your product open, so you can paste it straight away. Only the administrator who created it can open it.',
        confirm: { action: REVEAL_PATH, token: token ?? '', label: 'Show the secret value' },
      });
    },

    async open(body, cookieHeader) {
      const token = tokenOf(body, 'id');
      const found = await deps.reveals.peek(token);
      if (!found.ok) return page(REVEAL_REFUSED[found.reason]);
      const session = deps.sessions.fromCookieHeader(cookieHeader);
      if (session) {
        const opened = await deps.reveals.open(token, session);
        if (opened.ok) {
          deps.logger.info('reveal.opened', { via: 'session' });
          return page({
            status: 200,
            title: `The new client secret of ${opened.secret.label}`,
            message: 'Copy it now: this page will not show it again.',
            secret: opened.secret,
          });
        }
        // Another admin's session: they still may sign in as the right one.
        if (opened.reason !== 'other-person') return page(REVEAL_REFUSED[opened.reason]);
      }
      const request: FixRequest = {
        registrationId: '',
        tenantId: found.tenantId,
        // The person is checked by the reveal itself (its refusal page says what happened).
        requestedBy: { teamsUserId: '', tenantId: found.tenantId },
        planHash: '',
        conversationKey: '',
        task: { kind: 'reveal', revealId: token ?? '' },
      };
      deps.logger.info('reveal.sign_in', {});
      return { kind: 'redirect', location: await deps.signInLink(request) };
    },
  };
}

/** The sign-in callback's part for a reveal: the signed-in admin opens it (or is told why not). */
export function createRevealHandlers(deps: { readonly reveals: SecretReveals; readonly logger: Logger }): FixHandlers {
  return {
    async onSignedIn(request, admin) {
      if (request.task?.kind !== 'reveal') return REVEAL_REFUSED.forged;
      const opened = await deps.reveals.open(request.task.revealId, admin);
      if (!opened.ok) {
        deps.logger.info('reveal.refused', { reason: opened.reason });
        return REVEAL_REFUSED[opened.reason];
      }
      deps.logger.info('reveal.opened', { via: 'sign-in' });
      return {
        status: 200,
        title: `The new client secret of ${opened.secret.label}`,
        message: 'Copy it now: this page will not show it again.',
        secret: opened.secret,
        session: admin,
      };
    },
    onNotApplied(_request, reason) {
      return Promise.resolve({
        status: 200,
        title: 'The secret was not shown',
        message: `${reason} Open the link from Teams again to retry; it works until it expires, 10 minutes after the secret was created.`,
      });
    },
  };
}
