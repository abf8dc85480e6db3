import type { SignedInAdmin } from './repairOutcome';

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
}

/** What the browser tab shows when the sign-in comes back (plain text; the chat gets the details). */
export interface FixPage {
  readonly title: string;
  readonly message: string;
  /** 200 for an outcome the admin should read; 4xx when the request itself was refused. */
  readonly status: number;
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
