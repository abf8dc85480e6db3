import type {
  ApplicationFacts,
  AppRoleAssignment,
  ConsentFacts,
  PasswordCredential,
  PermissionGrant,
  ReadResult,
  RequiredResourceAccess,
  ResourceServicePrincipal,
} from './consentFacts';
import type { BatchItemRequest, BatchItemResponse } from './graphBatch';
import { isRecord } from '../shared/isRecord';
import { parseRetryAfterMs } from '../time/retryAfter';

/**
 * The four independent Graph reads that tell an app registration's consent state, as batch
 * items, and the parsing of their answers into ConsentFacts. Everything Graph sends is
 * validated here; unexpected shapes become an unreadable ReadResult, never a crash.
 */

const APP_SELECT = 'id,appId,displayName,requiredResourceAccess,passwordCredentials,web,signInAudience';

/** Batch items for one app; ids are stable so parsing and tests can name them. */
export function consentReadRequests(clientId: string, resourceAppId: string): BatchItemRequest[] {
  const app = encodeURIComponent(clientId);
  const resource = encodeURIComponent(resourceAppId);
  return [
    { id: 'application', url: `/applications(appId='${app}')?$select=${APP_SELECT}` },
    { id: 'appRoleAssignments', url: `/servicePrincipals(appId='${app}')/appRoleAssignments` },
    { id: 'oauth2PermissionGrants', url: `/servicePrincipals(appId='${app}')/oauth2PermissionGrants` },
    { id: 'resourceServicePrincipal', url: `/servicePrincipals(appId='${resource}')?$select=id,appRoles` },
  ];
}

/** The reads whose answers are collections Graph pages (follow their `@odata.nextLink`). */
export const PAGED_READ_IDS: readonly string[] = ['appRoleAssignments', 'oauth2PermissionGrants'];

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function graphErrorCode(body: unknown): string | undefined {
  return isRecord(body) && isRecord(body.error) ? str(body.error.code) : undefined;
}

/** Plain words for why a read failed, by status and Graph error code. */
export function describeReadFailure(status: number, code: string | undefined, what: string): string {
  if (status === 403) {
    return `Microsoft Graph refused to show ${what} (403${code ? ` ${code}` : ''}): the app has no directory-read permission granted yet.`;
  }
  if (status === 404) return `Microsoft Graph could not find ${what} (404${code ? ` ${code}` : ''}).`;
  if (status === 429)
    return `Microsoft Graph was still throttling the read of ${what} (429) after the allowed retries.`;
  if (status === 401) return `Microsoft Graph did not accept the access token when reading ${what} (401).`;
  if (status >= 500)
    return `Microsoft Graph failed while reading ${what} (HTTP ${status}); trying again later may work.`;
  return `Microsoft Graph could not read ${what} (HTTP ${status}${code ? ` ${code}` : ''}).`;
}

function readOf<T>(
  item: BatchItemResponse | undefined,
  what: string,
  parse: (body: unknown) => T | undefined,
  now: Date,
): ReadResult<T> {
  if (!item) return { ok: false, status: 0, reason: `Microsoft Graph did not answer the read of ${what}.` };
  if (item.incomplete) {
    return {
      ok: false,
      status: 0,
      code: item.incomplete.code,
      reason: `Not all of ${what} could be read: ${item.incomplete.reason}`,
    };
  }
  if (item.status >= 200 && item.status < 300) {
    const value = parse(item.body);
    if (value !== undefined) return { ok: true, value };
    return {
      ok: false,
      status: item.status,
      code: 'MalformedResponse',
      reason: `Microsoft Graph's answer about ${what} could not be read.`,
    };
  }
  const code = graphErrorCode(item.body);
  const retryAfterMs = parseRetryAfterMs(item.headers['retry-after'], now);
  return {
    ok: false,
    status: item.status,
    code,
    reason: describeReadFailure(item.status, code, what),
    ...(retryAfterMs === undefined ? {} : { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) }),
  };
}

function parseApplication(body: unknown): ApplicationFacts | undefined {
  if (!isRecord(body)) return undefined;
  const requiredResourceAccess: RequiredResourceAccess[] = list(body.requiredResourceAccess)
    .filter(isRecord)
    .map((r) => ({
      resourceAppId: (str(r.resourceAppId) ?? '').toLowerCase(),
      resourceAccess: list(r.resourceAccess)
        .filter(isRecord)
        .map((a) => ({ id: (str(a.id) ?? '').toLowerCase(), type: str(a.type) ?? '' })),
    }));
  const passwordCredentials: PasswordCredential[] = list(body.passwordCredentials)
    .filter(isRecord)
    .map((p) => ({
      keyId: str(p.keyId),
      displayName: str(p.displayName),
      hint: str(p.hint),
      startDateTime: str(p.startDateTime),
      endDateTime: str(p.endDateTime),
    }));
  const web = isRecord(body.web) ? body.web : {};
  return {
    id: str(body.id),
    appId: str(body.appId),
    displayName: str(body.displayName),
    signInAudience: str(body.signInAudience),
    requiredResourceAccess,
    passwordCredentials,
    redirectUris: list(web.redirectUris).filter((u): u is string => typeof u === 'string'),
  };
}

function parseCollection<T>(body: unknown, map: (item: Record<string, unknown>) => T | undefined): T[] | undefined {
  if (!isRecord(body) || !Array.isArray(body.value)) return undefined;
  return body.value.filter(isRecord).flatMap((entry) => {
    const mapped = map(entry);
    return mapped === undefined ? [] : [mapped];
  });
}

function parseAssignment(entry: Record<string, unknown>): AppRoleAssignment | undefined {
  const appRoleId = str(entry.appRoleId);
  const resourceId = str(entry.resourceId);
  return appRoleId && resourceId
    ? { appRoleId: appRoleId.toLowerCase(), resourceId: resourceId.toLowerCase() }
    : undefined;
}

function parseGrant(entry: Record<string, unknown>): PermissionGrant | undefined {
  const consentType = str(entry.consentType);
  const resourceId = str(entry.resourceId);
  if (!consentType || !resourceId) return undefined;
  const id = str(entry.id);
  return {
    ...(id ? { id } : {}),
    clientId: str(entry.clientId),
    consentType,
    resourceId: resourceId.toLowerCase(),
    scope: str(entry.scope) ?? '',
  };
}

function parseResourceSp(body: unknown): ResourceServicePrincipal | undefined {
  if (!isRecord(body) || typeof body.id !== 'string') return undefined;
  const appRoles = list(body.appRoles)
    .filter(isRecord)
    .flatMap((r) =>
      typeof r.id === 'string' && typeof r.value === 'string' ? [{ id: r.id.toLowerCase(), value: r.value }] : [],
    );
  return { id: body.id.toLowerCase(), appRoles };
}

/**
 * Turns the batch answers into facts; `tokenRoles` comes from the access token, `now` (the
 * check's clock) turns an HTTP-date Retry-After into a wait.
 */
export function parseConsentReads(
  items: ReadonlyMap<string, BatchItemResponse>,
  tokenRoles: readonly string[],
  now: Date = new Date(),
): ConsentFacts {
  return {
    application: readOf(items.get('application'), 'the app registration', parseApplication, now),
    appRoleAssignments: readOf(
      items.get('appRoleAssignments'),
      "the app's granted application permissions",
      (b) => parseCollection(b, parseAssignment),
      now,
    ),
    oauth2PermissionGrants: readOf(
      items.get('oauth2PermissionGrants'),
      "the app's granted delegated permissions",
      (b) => parseCollection(b, parseGrant),
      now,
    ),
    resourceServicePrincipal: readOf(
      items.get('resourceServicePrincipal'),
      "Microsoft Graph's service principal",
      parseResourceSp,
      now,
    ),
    tokenRoles,
  };
}
