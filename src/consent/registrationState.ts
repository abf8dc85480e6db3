import type { ConsentFacts, ReadResult, RequiredResourceAccess } from './consentFacts';
import { consentReadRequests, PAGED_READ_IDS, parseConsentReads } from './consentReads';
import { deriveStatuses } from './deriveStatuses';
import { createGraphBatchClient, type BatchItemResponse, type GraphBatchOptions } from './graphBatch';
import { createGraphPageReader } from './graphPages';
import type { PermissionProfile, PermissionResult } from './report';
import { isRecord } from '../shared/isRecord';
import { systemClock } from '../time/clock';

/**
 * An app registration's consent state read with an administrator's delegated token, with the
 * object ids a repair writes to: the same four reads as the check (so the statuses mean the same)
 * plus the app's own service principal, in one batch.
 */
export interface RegistrationState {
  /** The application object's id (not its appId): PATCH /applications/{id}. */
  readonly applicationObjectId: string;
  readonly displayName?: string;
  /** As Graph holds it; a repair sends it back whole with the missing entries added. */
  readonly requiredResourceAccess: readonly RequiredResourceAccess[];
  /** The app's enterprise application; absent when it does not exist in the tenant. */
  readonly servicePrincipalId?: string;
  /** The resource API's (Microsoft Graph's) service principal id. */
  readonly resourceServicePrincipalId: string;
  /** The tenant-wide (AllPrincipals) delegated grant to the resource, if there is one. */
  readonly delegatedGrant?: { readonly id: string; readonly scope: string };
  /** One status per profile permission, derived exactly as a check derives them. */
  readonly permissions: readonly PermissionResult[];
  /** Graph HTTP requests this read made: the batch, plus one per paged collection followed. */
  readonly requests: number;
}

/** The state could not be read well enough to plan a repair (plain words, no token). */
export class RegistrationReadError extends Error {
  override readonly name = 'RegistrationReadError';
}

export interface RegistrationStateReader {
  read(accessToken: string, clientId: string, profile: PermissionProfile): Promise<RegistrationState>;
}

const OWN_SP = 'servicePrincipal';

function failed<T>(read: ReadResult<T>): string | undefined {
  return read.ok ? undefined : read.reason;
}

/** Without a service principal the app has no grants at all: its grant reads answer 404. */
function withoutServicePrincipal(facts: ConsentFacts): ConsentFacts {
  return { ...facts, appRoleAssignments: { ok: true, value: [] }, oauth2PermissionGrants: { ok: true, value: [] } };
}

function ownServicePrincipal(item: BatchItemResponse | undefined): string | undefined | 'unreadable' {
  if (item?.status === 404) return undefined;
  if (item && item.status === 200 && isRecord(item.body) && typeof item.body.id === 'string') {
    return item.body.id.toLowerCase();
  }
  return 'unreadable';
}

/** Creates the reader for one Graph endpoint; holds no token. */
export function createRegistrationStateReader(
  options: GraphBatchOptions & { readonly timeoutMs?: number },
): RegistrationStateReader {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const batch = createGraphBatchClient(options);
  const pages = createGraphPageReader(options);

  return {
    async read(accessToken, clientId, profile) {
      const deadline = clock.now().getTime() + timeoutMs;
      const send = { accessToken, deadline, timeoutMs };
      const requests = [
        ...consentReadRequests(clientId, profile.resourceAppId),
        { id: OWN_SP, url: `/servicePrincipals(appId='${encodeURIComponent(clientId)}')?$select=id` },
      ];
      const items = await batch.send(requests, send);
      const paged = PAGED_READ_IDS.filter((id) => {
        const body = items.get(id)?.body;
        return isRecord(body) && typeof body['@odata.nextLink'] === 'string';
      }).length;
      const whole = await pages.complete(items, PAGED_READ_IDS, send);
      const sp = ownServicePrincipal(items.get(OWN_SP));
      if (sp === 'unreadable') {
        throw new RegistrationReadError(
          `Microsoft Graph did not show whether the app has an enterprise application (HTTP ${items.get(OWN_SP)?.status ?? 0}).`,
        );
      }
      let facts = parseConsentReads(whole, [], clock.now());
      if (sp === undefined) facts = withoutServicePrincipal(facts);
      const problem =
        failed(facts.application) ??
        failed(facts.resourceServicePrincipal) ??
        failed(facts.appRoleAssignments) ??
        failed(facts.oauth2PermissionGrants);
      if (problem !== undefined || !facts.application.ok || !facts.resourceServicePrincipal.ok) {
        throw new RegistrationReadError(problem ?? 'Microsoft Graph did not show the app registration.');
      }
      const application = facts.application.value;
      if (!application.id)
        throw new RegistrationReadError("Microsoft Graph's answer about the app registration has no id.");
      const resourceSp = facts.resourceServicePrincipal.value.id;
      const grant =
        facts.oauth2PermissionGrants.ok && sp !== undefined
          ? facts.oauth2PermissionGrants.value.find(
              (g) => g.consentType === 'AllPrincipals' && g.resourceId === resourceSp && g.id !== undefined,
            )
          : undefined;
      return {
        applicationObjectId: application.id,
        ...(application.displayName ? { displayName: application.displayName } : {}),
        requiredResourceAccess: application.requiredResourceAccess,
        ...(sp !== undefined ? { servicePrincipalId: sp } : {}),
        resourceServicePrincipalId: resourceSp,
        ...(grant?.id ? { delegatedGrant: { id: grant.id, scope: grant.scope } } : {}),
        permissions: deriveStatuses(profile, facts).permissions,
        requests: 1 + paged,
      };
    },
  };
}
