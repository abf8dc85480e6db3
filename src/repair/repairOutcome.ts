import type { RepairStepKind } from './forbiddenText';

/** One write (or group of writes) of a repair, as the admin and the audit trail see it. */
export interface RepairChange {
  readonly step: RepairStepKind;
  /** Plain words, e.g. "Granted admin consent: User.Read.All (Application)". */
  readonly summary: string;
  /** `already-present`: Graph said it exists (400/409), which counts as done. */
  readonly result: 'applied' | 'already-present' | 'failed' | 'not-attempted';
  /** For a failure: what went wrong, in plain words (a 403 is explained by role). Never a token. */
  readonly detail?: string;
}

/** What applying a repair plan did: exactly which steps were made before any failure. */
export interface RepairOutcome {
  /** True when every step is applied or already present. */
  readonly completed: boolean;
  readonly changes: readonly RepairChange[];
  /** The first step that failed, explained; absent when completed. */
  readonly failure?: { readonly step: RepairStepKind; readonly message: string };
  /** Graph HTTP requests made (a $batch counts once), replication retries not included. */
  readonly requests: number;
  /** Requests repeated because a just-created object had not replicated yet (404). */
  readonly replicationRetries: number;
}

/** Who signed in to apply a repair: the claims of the delegated token's ID token. */
export interface SignedInAdmin {
  /** `tid`: the organisation signed in to. */
  readonly tenantId: string;
  /** `oid`: the admin's Entra object id. */
  readonly objectId: string;
  readonly userPrincipalName?: string;
  readonly displayName?: string;
}

/** One entry of a registration's audit trail (kept with the registration, shown by `history`). */
export interface RepairAuditEntry {
  /** ISO time the repair finished. */
  readonly at: string;
  readonly registrationId: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly by: { readonly objectId: string; readonly userPrincipalName?: string };
  readonly completed: boolean;
  readonly changes: readonly RepairChange[];
}
