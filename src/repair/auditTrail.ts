import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger';
import type { FullStore } from '../store/store';
import type { RepairAuditEntry } from './repairOutcome';

const NAMESPACE = 'repair-audit';
/** Entries kept per registration; older ones are dropped as new ones arrive. */
export const AUDIT_ENTRIES_KEPT = 50;
/** Larger than any millisecond time until the year 2286: `MAX - time` sorts newest first. */
const MAX_TIME = 9_999_999_999_999;

/**
 * A registration's repair history, kept with it in the store's key/value records (one key prefix
 * per registration, newest first, bounded) and deleted with it. Each entry recorded is also one
 * structured audit log event; neither ever holds a token.
 */
export interface AuditTrail {
  record(entry: RepairAuditEntry): Promise<void>;
  /** Newest first. */
  list(registrationId: string): Promise<RepairAuditEntry[]>;
  /** Drops every entry of a forgotten registration. */
  forget(registrationId: string): Promise<void>;
}

export interface AuditTrailDeps {
  readonly store: Pick<FullStore, 'putKv' | 'listKv' | 'deleteKv'>;
  readonly logger: Logger;
  readonly keep?: number;
  readonly newId?: () => string;
}

export function createAuditTrail(deps: AuditTrailDeps): AuditTrail {
  const keep = Math.max(1, deps.keep ?? AUDIT_ENTRIES_KEPT);
  const newId = deps.newId ?? randomUUID;
  const prefix = (registrationId: string): string => `${registrationId}|`;
  const list = async (registrationId: string) => deps.store.listKv<RepairAuditEntry>(NAMESPACE, prefix(registrationId));

  return {
    async record(entry) {
      const at = Date.parse(entry.at);
      const order = String(MAX_TIME - (Number.isFinite(at) ? at : 0)).padStart(13, '0');
      await deps.store.putKv<RepairAuditEntry>(NAMESPACE, `${prefix(entry.registrationId)}${order}|${newId()}`, {
        value: entry,
      });
      deps.logger.info('repair.audit', {
        registrationId: entry.registrationId,
        tenantId: entry.tenantId,
        clientId: entry.clientId,
        byObjectId: entry.by.objectId,
        byUpn: entry.by.userPrincipalName,
        completed: entry.completed,
        changes: entry.changes.map((c) => ({ step: c.step, summary: c.summary, result: c.result, detail: c.detail })),
      });
      const entries = await list(entry.registrationId);
      for (const old of entries.slice(keep)) await deps.store.deleteKv(NAMESPACE, old.key);
    },
    async list(registrationId) {
      return (await list(registrationId)).map((e) => e.value);
    },
    async forget(registrationId) {
      for (const e of await list(registrationId)) await deps.store.deleteKv(NAMESPACE, e.key);
    },
  };
}
