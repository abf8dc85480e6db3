import type { ConsentFacts, PasswordCredential, ReadResult } from '../../../../src/consent/consentFacts';
import { OFFICE365_CONNECTOR_PROFILE } from '../../../../src/consent/profile';
import type { RequiredPermission } from '../../../../src/consent/report';

/** Builds ConsentFacts for unit tests: start from "everything readable, nothing configured". */

export const GRAPH_SP_ID = '11111111-2222-4333-8444-555555555555';
export const OTHER_SP_ID = '99999999-2222-4333-8444-555555555555';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const PROFILE = OFFICE365_CONNECTOR_PROFILE;

export function forbidden<T>(): ReadResult<T> {
  return { ok: false, status: 403, code: 'Authorization_RequestDenied', reason: 'Microsoft Graph refused (403).' };
}

export function perm(name: string, kind: 'Delegated' | 'Application'): RequiredPermission {
  const found = PROFILE.permissions.find((p) => p.name === name && p.kind === kind);
  if (!found) throw new Error(`no ${name} ${kind}`);
  return found;
}

export interface FactsSpec {
  configured?: readonly RequiredPermission[] | 'unreadable';
  grantedDelegated?: readonly string[] | 'unreadable';
  grantedRoleIds?: readonly string[] | 'unreadable';
  tokenRoles?: readonly string[];
  resourceSp?: 'ok' | 'unreadable';
  appRoles?: readonly { id: string; value: string }[];
  passwordCredentials?: readonly PasswordCredential[];
  redirectUris?: readonly string[];
}

export function facts(spec: FactsSpec = {}): ConsentFacts {
  const configured = spec.configured ?? [];
  return {
    application:
      configured === 'unreadable'
        ? forbidden()
        : {
            ok: true,
            value: {
              id: 'app-object-id',
              appId: 'client',
              displayName: 'Test app',
              requiredResourceAccess: [
                {
                  resourceAppId: GRAPH_APP_ID,
                  resourceAccess: configured.map((p) => ({
                    id: p.id,
                    type: p.kind === 'Delegated' ? 'Scope' : 'Role',
                  })),
                },
              ],
              passwordCredentials: spec.passwordCredentials ?? [],
              redirectUris: spec.redirectUris ?? ['https://example.test/callback'],
            },
          },
    oauth2PermissionGrants:
      spec.grantedDelegated === 'unreadable'
        ? forbidden()
        : {
            ok: true,
            value: (spec.grantedDelegated ?? []).length
              ? [
                  {
                    consentType: 'AllPrincipals',
                    resourceId: GRAPH_SP_ID,
                    scope: (spec.grantedDelegated as string[]).join(' '),
                  },
                ]
              : [],
          },
    appRoleAssignments:
      spec.grantedRoleIds === 'unreadable'
        ? forbidden()
        : { ok: true, value: (spec.grantedRoleIds ?? []).map((appRoleId) => ({ appRoleId, resourceId: GRAPH_SP_ID })) },
    resourceServicePrincipal:
      spec.resourceSp === 'unreadable'
        ? forbidden()
        : { ok: true, value: { id: GRAPH_SP_ID, appRoles: spec.appRoles ?? [] } },
    tokenRoles: spec.tokenRoles ?? [],
  };
}
