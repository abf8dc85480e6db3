import profile from '../../../profiles/office365-connector.json';
import type {
  CheckFailure,
  ConsentReport,
  FailureCode,
  PermissionStatus,
  RequiredPermission,
} from '../../../src/consent/report';
import type { Subscription } from '../../../src/reminders/subscriptions';
import type { StoredRegistration } from '../../../src/store/store';

export const DAY = 86_400_000;
export const TENANT = '0a0a0a0a-1111-4222-8333-444444444444';
export const PERMISSIONS = profile.permissions as readonly RequiredPermission[];

/** A report at `checkedAt` whose secret (keyId, hint) ends at `end`; statuses by permission name|kind. */
export function report(args: {
  checkedAt: string;
  end?: string;
  keyId?: string;
  hint?: string;
  clientId?: string;
  statuses?: Readonly<Record<string, PermissionStatus>>;
  identified?: boolean;
}): ConsentReport {
  const clientId = args.clientId ?? 'c1c1c1c1-0000-4000-8000-000000000001';
  const end = args.end ?? '2030-01-01T00:00:00.000Z';
  const identified = args.identified ?? true;
  return {
    kind: 'report',
    checkedAt: args.checkedAt,
    cloud: 'public',
    tenantInput: TENANT,
    tenantId: TENANT,
    clientId,
    profileId: 'office365-connector',
    app: { displayName: `App ${clientId.slice(0, 4)}`, servicePrincipal: 'present', redirectUris: [] },
    permissions: PERMISSIONS.map((permission) => ({
      permission,
      status: args.statuses?.[`${permission.name}|${permission.kind}`] ?? 'Granted',
      source: 'graph',
    })),
    extraPermissions: [],
    secret: identified
      ? {
          valid: true,
          identified: true,
          keyId: args.keyId ?? 'k-1',
          displayName: 'connector secret',
          hint: args.hint ?? 'abc',
          endDateTime: end,
          warnings: [],
        }
      : { valid: true, identified: false, hint: args.hint ?? 'abc', warnings: [] },
    verdict: 'Ready',
    nextSteps: [],
    links: {
      adminConsent: 'https://login.microsoftonline.com/x',
      portalApiPermissions: 'https://portal.azure.com/a',
      portalCredentials: 'https://portal.azure.com/c',
      portalOverview: 'https://portal.azure.com/o',
    },
    notes: [],
  };
}

export function failure(code: FailureCode, checkedAt: string, retryable = false): CheckFailure {
  return { kind: 'failure', code, checkedAt, title: `Failure ${code}`, explanation: 'x', fix: 'y', retryable };
}

/** A stored registration carrying `lastResult`; owner `owner-1` unless given. */
export function registration(
  id: string,
  lastResult: ConsentReport | CheckFailure,
  extra: Partial<StoredRegistration> = {},
): StoredRegistration {
  return {
    id,
    ownerId: 'owner-1',
    ownerTenantId: TENANT,
    label: `Label ${id}`,
    tenantInput: TENANT,
    tenantId: TENANT,
    clientId: lastResult.kind === 'report' ? lastResult.clientId : 'c1c1c1c1-0000-4000-8000-000000000009',
    sealedSecret: 'sealed',
    secretHint: 'abc',
    createdAt: lastResult.checkedAt,
    updatedAt: lastResult.checkedAt,
    lastResult,
    lastCheckedAt: lastResult.checkedAt,
    ...extra,
  };
}

/** An active channel subscription `s1` of registration `r1`, subscribed by `owner-1`. */
export function subscription(extra: Partial<Subscription> = {}): Subscription {
  return {
    id: 's1',
    registrationId: 'r1',
    conversationKey: '19:c@thread.tacv2',
    scope: 'channel',
    subscriberId: 'owner-1',
    createdAt: '2025-03-01T00:00:00.000Z',
    status: 'active',
    ...extra,
  };
}
