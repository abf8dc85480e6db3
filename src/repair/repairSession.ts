import type { PermissionProfile } from '../consent';
import type { RepairOutcome } from './repairOutcome';
import type { PlanInput, RepairPlan } from './repairPlan';

/** The app registration a repair is about, and the profile whose permissions it adds and grants. */
export interface RepairTarget {
  readonly tenantId: string;
  readonly clientId: string;
  readonly profile: PermissionProfile;
  /** The registration's admin-consent link: a 403 on a grant offers it to hand the job over. */
  readonly adminConsentLink?: string;
}

/**
 * One repair with one delegated token: read the current state, then apply a plan made from that
 * read. The composition root binds it to the Graph reader and writer; the fix flow sees only this.
 */
export interface RepairSession {
  read(): Promise<PlanInput>;
  apply(plan: RepairPlan): Promise<RepairOutcome>;
}

/** Opens a session for one repair; the token lives only as long as the session object. */
export type RepairSessionFactory = (target: RepairTarget, accessToken: string) => RepairSession;
