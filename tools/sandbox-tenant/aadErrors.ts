import { newTraceId } from './tokenIssuer';

/** An Entra ID (AADSTS) error as the token and discovery endpoints report it. */
export interface AadError {
  readonly status: number;
  readonly error: string;
  readonly code: number;
  readonly message: string;
}

/** The JSON body Entra ID sends with an error; ids and timestamp also sit in the description. */
export interface AadErrorBody {
  readonly error: string;
  readonly error_description: string;
  readonly error_codes: readonly number[];
  readonly timestamp: string;
  readonly trace_id: string;
  readonly correlation_id: string;
  readonly error_uri: string;
}

/** Builds the error body; `correlationId` echoes the client's client-request-id when it sent one. */
export function aadErrorBody(err: AadError, authorityHost: string, now: Date, correlationId?: string): AadErrorBody {
  const traceId = newTraceId();
  const correlation = correlationId && /^[0-9a-f-]{36}$/i.test(correlationId) ? correlationId : newTraceId();
  const timestamp = aadTimestamp(now);
  return {
    error: err.error,
    error_description: [
      `AADSTS${err.code}: ${err.message}`,
      `Trace ID: ${traceId}`,
      `Correlation ID: ${correlation}`,
      `Timestamp: ${timestamp}`,
    ].join('\r\n'),
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `${authorityHost}/error?code=${err.code}`,
  };
}

/** "2025-01-31 09:41:07Z", the format of AADSTS timestamps. */
export function aadTimestamp(at: Date): string {
  return at
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** The AADSTS errors the sandbox produces, with Entra ID's wording and HTTP statuses. */
export const AAD = {
  tenantNotFound: (tenant: string): AadError => ({
    status: 400,
    error: 'invalid_tenant',
    code: 90002,
    message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  }),
  tenantMalformed: (tenant: string): AadError => ({
    status: 400,
    error: 'invalid_request',
    code: 900023,
    message: `Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`,
  }),
  missingParameter: (name: string): AadError => ({
    status: 400,
    error: 'invalid_request',
    code: 900144,
    message: `The request body must contain the following parameter: '${name}'.`,
  }),
  postOnly: (): AadError => ({
    status: 400,
    error: 'invalid_request',
    code: 900561,
    message: 'The endpoint only accepts POST requests. Received a GET request.',
  }),
  unsupportedGrant: (grant: string): AadError => ({
    status: 400,
    error: 'unsupported_grant_type',
    code: 70003,
    message: `The app requested an unsupported grant type '${grant}'. The sandbox tenant supports client_credentials and authorization_code only.`,
  }),
  clientIdMalformed: (clientId: string): AadError => ({
    status: 400,
    error: 'unauthorized_client',
    code: 700038,
    message: `${clientId} is not a valid application identifier.`,
  }),
  appNotFound: (appId: string, tenant: string): AadError => ({
    status: 400,
    error: 'unauthorized_client',
    code: 700016,
    message: `Application with identifier '${appId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  }),
  appDisabled: (appId: string, name: string): AadError => ({
    status: 400,
    error: 'unauthorized_client',
    code: 7000112,
    message: `Application '${appId}'(${name}) is disabled.`,
  }),
  missingSecret: (): AadError => ({
    status: 401,
    error: 'invalid_client',
    code: 7000218,
    message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  }),
  invalidSecret: (appId: string): AadError => ({
    status: 401,
    error: 'invalid_client',
    code: 7000215,
    message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
  }),
  expiredSecret: (appId: string): AadError => ({
    status: 401,
    error: 'invalid_client',
    code: 7000222,
    message: `The provided client secret keys for app '${appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
  }),
  missingServicePrincipal: (appId: string, tenantId: string): AadError => ({
    status: 400,
    error: 'invalid_client',
    code: 7000229,
    message: `The client application ${appId} is missing service principal in the tenant ${tenantId}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`,
  }),
  invalidScope: (scope: string): AadError => ({
    status: 400,
    error: 'invalid_scope',
    code: 1002012,
    message: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  }),
  resourceNotFound: (resource: string, tenant: string): AadError => ({
    status: 400,
    error: 'invalid_resource',
    code: 500011,
    message: `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  }),
  noReplyAddress: (): AadError => ({
    status: 400,
    error: 'invalid_request',
    code: 500113,
    message: 'No reply address is registered for the application.',
  }),
  replyMismatch: (uri: string, appId: string): AadError => ({
    status: 400,
    error: 'invalid_request',
    code: 50011,
    message: `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
  }),
  transient: (status: number): AadError => ({
    status,
    error: 'temporarily_unavailable',
    code: 90033,
    message: 'A transient error has occurred. Please try again.',
  }),
} as const;
