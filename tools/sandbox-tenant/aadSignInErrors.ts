import { AadError } from './aadErrors';

const GRAPH = '00000003-0000-0000-c000-000000000000';

/**
 * The AADSTS errors of the authorization code flow (authorize page and code redemption), with
 * Entra ID's codes and wording where they are published in its error-code reference
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes).
 */
export const AAD_SIGNIN = {
  notMultiTenant: (appId: string): AadError => ({
    status: 400,
    error: 'invalid_request',
    code: 50194,
    message: `Application '${appId}' is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.`,
  }),
  responseType: (type: string): AadError => ({
    status: 400,
    error: 'unsupported_response_type',
    code: 700054,
    message: `response_type '${type}' is not enabled for the application.`,
  }),
  responseMode: (mode: string): AadError => ({
    status: 400,
    error: 'invalid_request',
    code: 900144,
    message: `The provided value for the input parameter 'response_mode' is not valid: '${mode}'. Use query, fragment or form_post.`,
  }),
  challengeMethod: (): AadError => ({
    status: 400,
    error: 'invalid_request',
    code: 50149,
    message: 'Invalid Code_Challenge_method parameter.',
  }),
  challengeSize: (): AadError => ({
    status: 400,
    error: 'invalid_request',
    code: 501491,
    message: 'Invalid size of Code_Challenge parameter.',
  }),
  invalidScope: (scope: string): AadError => ({
    status: 400,
    error: 'invalid_scope',
    code: 70011,
    message: `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
  }),
  scopeNotOnGraph: (appName: string, scope: string): AadError => ({
    status: 400,
    error: 'invalid_client',
    code: 650053,
    message: `The application '${appName}' asked for scope '${scope}' that doesn't exist on the resource '${GRAPH}'. Contact the app vendor.`,
  }),
  declined: (): AadError => ({
    status: 400,
    error: 'access_denied',
    code: 65004,
    message: 'User declined to consent to access the app.',
  }),
  loginRequired: (): AadError => ({
    status: 400,
    error: 'login_required',
    code: 50058,
    message: 'A silent sign-in request was sent but no user is signed in.',
  }),
  codeMalformed: (): AadError => ({
    status: 400,
    error: 'invalid_grant',
    code: 9002313,
    message: 'Invalid request. Request is malformed or invalid.',
  }),
  codeNotForThisRequest: (what: string): AadError => ({
    status: 400,
    error: 'invalid_grant',
    code: 70000,
    message: `The provided value for the 'code' parameter is not valid. ${what}`,
  }),
  codeRedeemed: (): AadError => ({
    status: 400,
    error: 'invalid_grant',
    code: 54005,
    message:
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
  }),
  codeExpired: (): AadError => ({
    status: 400,
    error: 'invalid_grant',
    code: 70008,
    message:
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
  }),
  verifierMismatch: (): AadError => ({
    status: 400,
    error: 'invalid_grant',
    code: 501481,
    message: 'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
  }),
} as const;
