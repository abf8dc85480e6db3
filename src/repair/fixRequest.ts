import type { SignedInAdmin } from './repairOutcome';

/**
 * What a sign-in is for besides Fix it for me (absent: a repair). `create`: a new registration;
 * `rotate`: a new secret for the registration; `remove-secret`: delete the old one after the
 * product was confirmed to use the new one; `reveal`: prove who opens a secret's reveal page.
 */
export type AdminTask =
  | {
      readonly kind: 'create';
      readonly displayName: string;
      readonly lifetimeMonths: number;
      /** Whose registration it becomes in the bot (the Teams user and tenant, as `setup` keeps them). */
      readonly owner: { readonly ownerId: string; readonly ownerTenantId: string };
    }
  | { readonly kind: 'rotate'; readonly lifetimeMonths: number }
  | { readonly kind: 'remove-secret'; readonly keyId: string }
  | { readonly kind: 'reveal'; readonly revealId: string };

/**
 * A pending "Fix it for me": what the signed sign-in state is bound to. Created when the admin
 * presses Sign in and apply on the preview card, taken (once) by the sign-in callback.
 */
export interface FixRequest {
  readonly registrationId: string;
  /** The registration's tenant: a token for another organisation is refused. */
  readonly tenantId: string;
  /**
   * The Teams user who asked; a sign-in by anyone else is refused where that can be told (the
   * Teams user's organisation, `tenantId`, is the registration's).
   */
  readonly requestedBy: { readonly teamsUserId: string; readonly objectId?: string; readonly tenantId?: string };
  /** planHash() of the plan shown on the preview card. */
  readonly planHash: string;
  /** The personal chat to answer in, and the card there to update in place. */
  readonly conversationKey: string;
  readonly cardActivityId?: string;
  /** Absent for Fix it for me (then `planHash` is the plan's); else what the sign-in is for. */
  readonly task?: AdminTask;
}

/** A new secret's value for the reveal page (only ever in a page sent with no-store). */
export interface RevealedSecret {
  readonly value: string;
  readonly label: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly expiresOn?: string;
}

/** What the browser tab shows when the sign-in comes back (plain text; the chat gets the details). */
export interface FixPage {
  readonly title: string;
  readonly message: string;
  /** 200 for an outcome the admin should read; 4xx when the request itself was refused. */
  readonly status: number;
  /** The reveal page: the secret's value with a copy button, shown once. */
  readonly secret?: RevealedSecret;
  /** A button that POSTs `token` to `action` (same origin): a page that consumes something is never a plain GET. */
  readonly confirm?: { readonly action: string; readonly token: string; readonly label: string };
  /** The admin who just signed in: a short-lived session cookie lets them open a reveal page without signing in again. */
  readonly session?: SignedInAdmin;
}

/**
 * What the sign-in routes hand over once the state is verified and taken. Implemented by the
 * fix flow; the routes know nothing of repairs, the flow nothing of HTTP or msal.
 */
export interface FixHandlers {
  /** The admin signed in to the right tenant as the right user; the token is for this repair only. */
  onSignedIn(request: FixRequest, admin: SignedInAdmin, accessToken: string): Promise<FixPage>;
  /** The admin cancelled or Entra ID returned an error (`reason` in plain words), or the sign-in was refused. */
  onNotApplied(request: FixRequest, reason: string): Promise<FixPage>;
}
