import { CLOUD_CODES } from './aadstsCloudCodes';
import { CONSENT_PAGE_CODES } from './aadstsConsentCodes';
import type { FailureCode, InputField } from './report';

/**
 * What each Entra ID (AADSTS) error means for the admin, in plain words with a fix. The codes
 * are those a connector check or its consent link meets, from Microsoft's published list
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes); anything else
 * gets a generic explanation that points at Microsoft's own error lookup page.
 */

export interface FailureText {
  readonly code: FailureCode;
  readonly title: string;
  readonly explanation: string;
  readonly fix: string;
  readonly field?: InputField;
  readonly retryable: boolean;
}

const SECRET_VALUE_HINT =
  'In the Azure portal open the app registration, Certificates & secrets, and copy the Value column of a current secret (not the Secret ID). The Value is shown only right after creation; if it is hidden, create a new secret and copy its Value.';

const CATALOG: Readonly<Record<string, FailureText>> = {
  '7000215': {
    code: 'invalid-secret',
    title: 'The client secret is wrong',
    explanation:
      'Entra ID did not accept the client secret for this app. Very often the Secret ID was pasted instead of the secret Value, or the secret belongs to another app registration.',
    fix: SECRET_VALUE_HINT,
    field: 'clientSecret',
    retryable: false,
  },
  '7000218': {
    code: 'invalid-secret',
    title: 'No client secret reached Entra ID',
    explanation:
      'Entra ID received the sign-in request with no client secret (or certificate) in it, so it treated the app as unable to prove who it is.',
    fix: `Give the check the client secret's Value (it must not be empty). ${SECRET_VALUE_HINT}`,
    field: 'clientSecret',
    retryable: false,
  },
  '90014': {
    code: 'invalid-input',
    title: 'A required value is missing from the sign-in request',
    explanation:
      'Entra ID says a field it needs (such as the client id or the client secret) was missing from the request: usually a value pasted empty or cut short.',
    fix: 'Paste the Directory (tenant) ID, the Application (client) ID and the secret Value again in full, then check again.',
    retryable: false,
  },
  '7000222': {
    code: 'secret-expired',
    title: 'The client secret has expired',
    explanation:
      'Entra ID recognised the secret, but its expiry date has passed, so the connector can no longer sign in.',
    fix: 'Create a new client secret under Certificates & secrets, copy its Value, and give it to the connector (and here).',
    field: 'clientSecret',
    retryable: false,
  },
  '700016': {
    code: 'app-not-found',
    title: 'No app with this client id in this tenant',
    explanation:
      'Entra ID found no application with this Application (client) ID in the tenant. Either the client id is wrong (the Object ID is a different GUID) or the app is registered in another tenant.',
    fix: "Copy the Application (client) ID from the app registration's Overview page, and check that the tenant is the one the app is registered in.",
    field: 'clientId',
    retryable: false,
  },
  '7000229': {
    code: 'consent-required',
    title: 'The app has no service principal in this tenant',
    explanation:
      'The app registration exists, but this tenant has no enterprise application (service principal) for it, so it cannot sign in here yet.',
    fix: 'Have an administrator of this tenant grant admin consent for the app; that creates the service principal.',
    retryable: false,
  },
  '90002': {
    code: 'tenant-not-found',
    title: 'Tenant not found',
    explanation:
      'Entra ID has no tenant with this ID or domain in the cloud this check signs in to. It may be mistyped, the domain is not verified in any tenant, the Application (client) ID was pasted in its place (both are GUIDs on the same Overview page), or the tenant lives in a national cloud (US Government or China) while the check uses the public cloud (AZURE_CLOUD=public).',
    fix: "Copy the Directory (tenant) ID from the app registration's Overview page (not the Application (client) ID above it), or use the tenant's onmicrosoft.com domain. For a US Government tenant set AZURE_CLOUD=usgov; for a China (21Vianet) tenant set AZURE_CLOUD=china.",
    field: 'tenant',
    retryable: false,
  },
  '900023': {
    code: 'tenant-invalid',
    title: 'That is not a valid tenant',
    explanation: 'Entra ID says the tenant is neither a tenant ID (GUID) nor a valid domain name.',
    fix: "Use the Directory (tenant) ID from the app registration's Overview page, or a domain such as contoso.onmicrosoft.com.",
    field: 'tenant',
    retryable: false,
  },
  '7000112': {
    code: 'app-disabled',
    title: 'The application is disabled',
    explanation:
      'The app registration (or its enterprise application) is disabled in this tenant, so it cannot sign in.',
    fix: "In Enterprise applications, open the app's Properties and set 'Enabled for users to sign-in?' to Yes (or ask an administrator).",
    retryable: false,
  },
  '70001': {
    code: 'app-disabled',
    title: 'The application is disabled or not available in this tenant',
    explanation: 'Entra ID says the application is disabled or cannot be used in this tenant.',
    fix: "Check the enterprise application's Properties ('Enabled for users to sign-in?') and that the client id and tenant belong together.",
    retryable: false,
  },
  '53003': {
    code: 'conditional-access',
    title: 'Blocked by Conditional Access',
    explanation:
      "A Conditional Access policy in the tenant blocked the app's sign-in (for example a location or workload identity policy).",
    fix: 'Ask a Conditional Access administrator to check the sign-in logs for this app (the correlation id below helps) and exclude or allow it.',
    retryable: false,
  },
  '90033': {
    code: 'service-error',
    title: 'Entra ID had a temporary problem',
    explanation: 'Entra ID answered that a transient error occurred and the request should be tried again.',
    fix: 'Try again in a minute. If it keeps happening, check the Microsoft 365 service health page.',
    retryable: true,
  },
};

const ALL_CODES: Readonly<Record<string, FailureText>> = { ...CATALOG, ...CONSENT_PAGE_CODES, ...CLOUD_CODES };

/** The explanation for an AADSTS code (digits only); unknown codes get a generic text. */
export function explainAadsts(aadsts: string): FailureText {
  const known = Object.hasOwn(ALL_CODES, aadsts) ? ALL_CODES[aadsts] : undefined;
  if (known) return known;
  return {
    code: 'unexpected',
    title: `Entra ID refused the sign-in (AADSTS${aadsts})`,
    explanation: `Entra ID answered with error AADSTS${aadsts}, which this check does not know in detail.`,
    fix: `Look the code up at https://login.microsoftonline.com/error?code=${aadsts} and keep the correlation id for support.`,
    retryable: false,
  };
}

/** The AADSTS codes with a dedicated explanation. */
export const KNOWN_AADSTS_CODES: readonly string[] = Object.keys(ALL_CODES);
