/**
 * The consent core's output types. Everything the bot, the cards, the CLI and the reminders
 * say about a connector comes from these shapes, so they carry words a person can read
 * (status words, explanations, fixes) and never the client secret.
 */

/** Delegated = an OAuth2 scope ("Scope"); Application = an app role ("Role"). */
export type PermissionKind = 'Delegated' | 'Application';

/** One permission a connector needs, as listed in a profile file under profiles/. */
export interface RequiredPermission {
  readonly name: string;
  readonly kind: PermissionKind;
  /** Graph's resourceAccess id (oauth2PermissionScope id or appRole id). */
  readonly id: string;
  readonly adminConsentRequired: boolean;
}

/** A connector's permission profile: data, so another connector is a new file, not new code. */
export interface PermissionProfile {
  readonly id: string;
  readonly displayName: string;
  /** The resource's appId; Microsoft Graph is 00000003-0000-0000-c000-000000000000. */
  readonly resourceAppId: string;
  readonly resourceDisplayName: string;
  readonly permissions: readonly RequiredPermission[];
}

/** The four status words, used verbatim in reports, cards and the CLI. */
export type PermissionStatus = 'Granted' | 'Not granted' | 'Not added' | 'Unknown';

/** Where a status came from: Graph's grant lists, or only the access token's roles claim. */
export type StatusSource = 'graph' | 'token-roles' | 'none';

export interface PermissionResult {
  readonly permission: RequiredPermission;
  readonly status: PermissionStatus;
  readonly source: StatusSource;
  /** Why the status is Unknown, or how it was derived when not from Graph; plain words. */
  readonly reason?: string;
}

/** A Graph permission granted beyond the profile (least-privilege warning). */
export interface ExtraPermission {
  readonly name: string;
  readonly kind: PermissionKind;
  readonly id?: string;
}

export type SecretWarningCode = 'expires-soon' | 'expired' | 'lifetime-over-12-months' | 'not-identified';

export interface SecretWarning {
  readonly code: SecretWarningCode;
  readonly text: string;
}

/** The secret in use. Identified among passwordCredentials by its hint (first 3 characters). */
export interface SecretInfo {
  /** The token request with this secret succeeded. */
  readonly valid: boolean;
  /** False when passwordCredentials could not be read or no hint matched. */
  readonly identified: boolean;
  readonly keyId?: string;
  readonly displayName?: string;
  /** First three characters of the secret value, as Entra ID shows them. */
  readonly hint?: string;
  readonly startDateTime?: string;
  readonly endDateTime?: string;
  /** Whole days from checkedAt to endDateTime, rounded down; negative once expired. */
  readonly daysLeft?: number;
  readonly lifetimeDays?: number;
  readonly warnings: readonly SecretWarning[];
}

/**
 * Ready = everything granted and every read answered; Action needed = something is shown to be
 * missing; Check incomplete = Graph reads failed (throttled, 5xx), so nothing is claimed either way.
 */
export type Verdict = 'Ready' | 'Action needed' | 'Check incomplete';

/** Why a check could not finish, and when a retest is likely to work. Plain words throughout. */
export interface IncompleteCheck {
  /** One sentence per Graph read that failed. */
  readonly reasons: readonly string[];
  /** When to retest, e.g. "Microsoft Graph asked to wait 2 minutes: retest after 09:32 UTC." */
  readonly retry: string;
  /** The longest Retry-After Graph gave for a failed read, when it gave one. */
  readonly retryAfterSeconds?: number;
  /** checkedAt plus retryAfterSeconds (ISO 8601). */
  readonly retryAt?: string;
}

export type NextStepCode =
  | 'grant-admin-consent'
  | 'add-permissions'
  | 'wait-for-replication'
  | 'grant-directory-read'
  | 'add-redirect-uri'
  | 'create-service-principal'
  | 'rotate-secret'
  | 'remove-extra-permissions'
  | 'retest';

export interface NextStep {
  readonly code: NextStepCode;
  readonly text: string;
  readonly link?: string;
}

export interface ReportLinks {
  /** v1 admin-consent URL for the checked app (redirect_uri/state added by the caller if any). */
  readonly adminConsent: string;
  readonly portalApiPermissions: string;
  readonly portalCredentials: string;
  readonly portalOverview: string;
}

export interface AppFacts {
  readonly objectId?: string;
  readonly displayName?: string;
  readonly signInAudience?: string;
  /** Web platform redirect URIs; undefined when the registration could not be read. */
  readonly redirectUris?: readonly string[];
  /** 'unknown' when Graph could not tell (403). */
  readonly servicePrincipal: 'present' | 'missing' | 'unknown';
}

export type CloudName = 'public' | 'usgov' | 'china' | 'custom';

/** A successful check: the token was issued; Graph may still have refused some reads. */
export interface ConsentReport {
  readonly kind: 'report';
  readonly checkedAt: string;
  readonly cloud: CloudName;
  /** What the user typed (GUID or domain) and the tenant GUID it resolved to. */
  readonly tenantInput: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly profileId: string;
  readonly app: AppFacts;
  readonly permissions: readonly PermissionResult[];
  readonly extraPermissions: readonly ExtraPermission[];
  readonly secret: SecretInfo;
  readonly verdict: Verdict;
  /** Set when some Graph reads failed; the verdict is then never Ready. */
  readonly incomplete?: IncompleteCheck;
  readonly nextSteps: readonly NextStep[];
  readonly links: ReportLinks;
  /** Caveats in plain words, e.g. "application permissions read from the token's roles claim". */
  readonly notes: readonly string[];
}

export type FailureCode =
  | 'invalid-input'
  | 'invalid-secret'
  | 'secret-id-given'
  | 'secret-expired'
  | 'app-not-found'
  | 'tenant-not-found'
  | 'tenant-invalid'
  | 'app-disabled'
  | 'conditional-access'
  | 'consent-required'
  | 'reply-address'
  | 'wrong-cloud'
  | 'resource-not-found'
  | 'throttled'
  | 'timeout'
  | 'network'
  | 'tls'
  | 'service-error'
  | 'malformed-response'
  | 'stored-secret-unreadable'
  | 'unexpected';

export type InputField = 'tenant' | 'clientId' | 'clientSecret';

/** A check that could not produce a report. Never carries the secret. */
export interface CheckFailure {
  readonly kind: 'failure';
  readonly code: FailureCode;
  readonly checkedAt: string;
  /** e.g. "7000215" when Entra ID answered with an AADSTS error. */
  readonly aadsts?: string;
  readonly title: string;
  readonly explanation: string;
  readonly fix: string;
  /** The input field to correct, when the failure points at one. */
  readonly field?: InputField;
  readonly correlationId?: string;
  readonly traceId?: string;
  /** Trying again later may succeed (timeouts, throttling, 5xx). */
  readonly retryable: boolean;
  readonly tenantInput?: string;
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly links?: Partial<ReportLinks>;
}

export type CheckResult = ConsentReport | CheckFailure;

/** The three values an admin gives; clientSecret is the secret's Value, never logged. */
export interface ConnectorInput {
  readonly tenant: string;
  readonly clientId: string;
  readonly clientSecret: string;
}
