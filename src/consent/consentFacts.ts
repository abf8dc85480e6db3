/**
 * What Graph told us about one app registration, each read kept separately: a 403 on one read
 * makes only what that read answers unknown, not the whole check.
 */

/** One Graph read: its value, or why it could not be read (plain words in `reason`). */
export type ReadResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly status: number;
      readonly code?: string;
      readonly reason: string;
      /** Graph's Retry-After on the failed answer, when it sent one: when a retest may work. */
      readonly retryAfterSeconds?: number;
    };

export interface ResourceAccess {
  readonly id: string;
  /** "Scope" = delegated, "Role" = application. */
  readonly type: string;
}

export interface RequiredResourceAccess {
  readonly resourceAppId: string;
  readonly resourceAccess: readonly ResourceAccess[];
}

export interface PasswordCredential {
  readonly keyId?: string;
  readonly displayName?: string;
  readonly hint?: string;
  readonly startDateTime?: string;
  readonly endDateTime?: string;
}

export interface ApplicationFacts {
  readonly id?: string;
  readonly appId?: string;
  readonly displayName?: string;
  readonly signInAudience?: string;
  readonly requiredResourceAccess: readonly RequiredResourceAccess[];
  readonly passwordCredentials: readonly PasswordCredential[];
  readonly redirectUris: readonly string[];
}

export interface AppRoleAssignment {
  readonly appRoleId: string;
  readonly resourceId: string;
}

export interface PermissionGrant {
  /** The grant's object id (a repair PATCHes its scope). */
  readonly id?: string;
  readonly clientId?: string;
  readonly consentType: string;
  readonly resourceId: string;
  readonly scope: string;
}

/** The resource's (Graph's) service principal: its object id and app role names by id. */
export interface ResourceServicePrincipal {
  readonly id: string;
  readonly appRoles: readonly { readonly id: string; readonly value: string }[];
}

export interface ConsentFacts {
  readonly application: ReadResult<ApplicationFacts>;
  readonly appRoleAssignments: ReadResult<readonly AppRoleAssignment[]>;
  readonly oauth2PermissionGrants: ReadResult<readonly PermissionGrant[]>;
  readonly resourceServicePrincipal: ReadResult<ResourceServicePrincipal>;
  /** The access token's roles claim: application permission names granted at issue time. */
  readonly tokenRoles: readonly string[];
}
