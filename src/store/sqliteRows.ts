import type { CheckResult } from '../consent';
import type { StoredConversation, StoredRegistration } from './store';
import { StoreDataError } from './storeDataError';
import { isRecord } from '../shared/isRecord';

/** A registrations row as SQLite returns it. */
export interface RegistrationRow {
  id: string;
  owner_id: string;
  owner_tenant_id: string;
  label: string;
  tenant_input: string;
  tenant_id: string;
  client_id: string;
  sealed_secret: string;
  secret_hint: string;
  created_at: string;
  updated_at: string;
  last_result: string | null;
  last_checked_at: string | null;
  status_card: string | null;
  next_due_at: string | null;
}

/** A conversations row as SQLite returns it. */
export interface ConversationRow {
  key: string;
  scope: StoredConversation['scope'];
  tenant_id: string | null;
  user_id: string | null;
  reference: string;
  updated_at: string;
}

/** Parses a JSON column, turning damage into a StoreDataError that names where, not what. */
function parseJson(text: string, table: string, column: string, recordRef: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StoreDataError(table, column, recordRef, 'not valid JSON');
  }
}

/** Maps a row back to the stored shape; optional fields are absent rather than null. */
export function registrationFromRow(row: RegistrationRow): StoredRegistration {
  const ref = JSON.stringify(row.id);
  let lastResult: CheckResult | undefined;
  if (row.last_result !== null) {
    const parsed = parseJson(row.last_result, 'registrations', 'last_result', ref);
    if (!isRecord(parsed) || (parsed.kind !== 'report' && parsed.kind !== 'failure')) {
      throw new StoreDataError('registrations', 'last_result', ref, 'not a check result');
    }
    lastResult = parsed as unknown as CheckResult;
  }
  let statusCard: StoredRegistration['statusCard'];
  if (row.status_card !== null) {
    const parsed = parseJson(row.status_card, 'registrations', 'status_card', ref);
    if (!isRecord(parsed) || typeof parsed.conversationKey !== 'string' || typeof parsed.activityId !== 'string') {
      throw new StoreDataError('registrations', 'status_card', ref, 'not a status card reference');
    }
    statusCard = { conversationKey: parsed.conversationKey, activityId: parsed.activityId };
  }
  return {
    id: row.id,
    ownerId: row.owner_id,
    ownerTenantId: row.owner_tenant_id,
    label: row.label,
    tenantInput: row.tenant_input,
    tenantId: row.tenant_id,
    clientId: row.client_id,
    sealedSecret: row.sealed_secret,
    secretHint: row.secret_hint,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(lastResult === undefined ? {} : { lastResult }),
    ...(row.last_checked_at === null ? {} : { lastCheckedAt: row.last_checked_at }),
    ...(statusCard === undefined ? {} : { statusCard }),
    ...(row.next_due_at === null ? {} : { nextDueAt: row.next_due_at }),
  };
}

export function conversationFromRow(row: ConversationRow): StoredConversation {
  const reference = parseJson(row.reference, 'conversations', 'reference', JSON.stringify(row.key));
  if (!isRecord(reference)) {
    throw new StoreDataError('conversations', 'reference', JSON.stringify(row.key), 'not a JSON object');
  }
  return {
    key: row.key,
    scope: row.scope,
    ...(row.tenant_id === null ? {} : { tenantId: row.tenant_id }),
    ...(row.user_id === null ? {} : { userId: row.user_id }),
    reference,
    updatedAt: row.updated_at,
  };
}

/** Key/value values are named by namespace only: their keys may be single-use tokens. */
export function kvValueFromText<T>(text: string, namespace: string): T {
  return parseJson(text, 'kv', 'value', `in namespace ${JSON.stringify(namespace)}`) as T;
}
