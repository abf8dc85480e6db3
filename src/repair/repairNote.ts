import type { RepairOutcome } from './repairOutcome';

/** What the status card says about a repair just made: who made it and what it did or where it stopped. */
export interface RepairNote {
  /** The admin who signed in: UPN, else display name, else object id. */
  readonly by: string;
  readonly outcome: RepairOutcome;
  /** What the admin did: "Fixed" (default) or "Created" (Create it for me). */
  readonly action?: 'Fixed' | 'Created';
}
