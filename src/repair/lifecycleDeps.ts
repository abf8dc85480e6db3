import type { CheckResult, ConnectorInput, PermissionProfile } from '../consent';
import type { Logger } from '../log/logger';
import type { Rotations } from '../registrations/rotations';
import type { Owner, RegistrationService } from '../registrations/registrationService';
import type { Clock } from '../time/clock';
import type { AuditTrail } from './auditTrail';
import type { FixPage, FixRequest } from './fixRequest';
import type { AppLifecycle } from './graphAppLifecycle';
import type { LifecycleChat } from './lifecycleChat';
import type { RepairSessionFactory } from './repairSession';

/** What Create it for me and Rotate now are built from; runtime.ts wires the real parts. */
export interface LifecycleDeps {
  /** The app-registration writes with one admin's delegated token. */
  readonly openLifecycle: (accessToken: string) => AppLifecycle;
  /** The repair session of Fix it for me: service principal and admin consent for a new app. */
  readonly openSession: RepairSessionFactory;
  readonly registrations: Pick<RegistrationService, 'register' | 'get' | 'recheck'>;
  /** A check of values that are not stored (a new secret before the admin confirms it). */
  readonly check: (input: ConnectorInput) => Promise<CheckResult>;
  readonly rotations: Rotations;
  /** Keeps a new secret for its one-time page; answers the page's link and where its button posts. */
  readonly reveal: {
    offer(input: {
      secret: string;
      admin: { objectId: string; tenantId: string };
      clientId: string;
      label: string;
      expiresOn?: string;
    }): Promise<{ url: string; confirm: NonNullable<FixPage['confirm']>; expiresAt: string }>;
  };
  /** A sign-in start link for a follow-up task (removing the old secret). */
  readonly signInLink: (request: FixRequest) => Promise<string>;
  readonly audit: Pick<AuditTrail, 'record'>;
  readonly chat: LifecycleChat;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly profile: PermissionProfile;
  /** Waits before trying a just-created app or secret again (Entra ID replicates for a while). */
  readonly replicationDelaysMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
}

export const BACK_TO_TEAMS = 'You can close this tab and go back to Teams.';
export const DEFAULT_REPLICATION_DELAYS_MS = [2000, 4000, 8000, 15_000];

/** The owner a request acts for (the Teams user's Entra object id, else the Teams user id). */
export const ownerIdOf = (request: FixRequest): string =>
  request.requestedBy.objectId ?? request.requestedBy.teamsUserId;

export type { Owner };
