import { AAD, AadError, aadErrorBody } from './aadErrors';
import type { AuthCodes } from './authCodes';
import type { AuthorizeRequest } from './authorizeRequest';
import type { PendingConsent } from './consentPage';
import { ControlState } from './controlState';
import { Directory } from './directory';
import { FixtureTenant } from './fixture';
import { PageTokens } from './graphPaging';
import { isGuid } from './fixtureReader';
import { RequestContext, sendJson } from './httpKit';
import { TokenIssuer } from './tokenIssuer';

/** Everything the request handlers share; the hosts are filled in once both listeners are up. */
export interface SandboxContext {
  readonly directory: Directory;
  readonly issuer: TokenIssuer;
  readonly state: ControlState;
  readonly now: () => Date;
  readonly tokenLifetimeSeconds: number;
  readonly pendingConsents: Map<string, PendingConsent>;
  /** Sign-in pages shown and not answered yet, by their single-use token. */
  readonly pendingSignIns: Map<string, AuthorizeRequest>;
  readonly authCodes: AuthCodes;
  /** Signs and reads the $skiptoken of collection pages. */
  readonly pageTokens: PageTokens;
  authorityHost: string;
  graphEndpoint: string;
}

const DNS_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;

/** Resolves the tenant path segment like Entra ID: GUID or verified domain; else 90002 or 900023. */
export function resolveTenant(ctx: SandboxContext, segment: string): { tenant: FixtureTenant } | { error: AadError } {
  if (!isGuid(segment) && !DNS_NAME.test(segment)) return { error: AAD.tenantMalformed(segment) };
  const tenant = ctx.directory.findTenant(segment);
  return tenant ? { tenant } : { error: AAD.tenantNotFound(segment) };
}

/** Answers an AADSTS error with Entra ID's JSON body and headers. */
export function sendAadError(ctx: SandboxContext, rc: RequestContext, err: AadError, retryAfterSeconds?: number): void {
  const correlation = rc.query.get('client-request-id') ?? headerValue(rc, 'client-request-id');
  const body = aadErrorBody(err, ctx.authorityHost, ctx.now(), correlation);
  sendJson(rc.res, err.status, body, {
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
    'x-ms-request-id': body.trace_id,
    'client-request-id': body.correlation_id,
    ...(retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {}),
  });
}

/** Answers an injected fault for this target, if one is pending; true when it did. */
export function answerLoginFault(ctx: SandboxContext, rc: RequestContext, target: 'discovery' | 'token'): boolean {
  const fault = ctx.state.takeFault(target);
  if (!fault) return false;
  sendAadError(ctx, rc, AAD.transient(fault.status), fault.retryAfterSeconds);
  return true;
}

/** A request header as one string (first value when repeated). */
export function headerValue(rc: RequestContext, name: string): string | undefined {
  const value = rc.req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
