import type { SandboxFixture } from './fixture';

/** How to start a sandbox; every field is optional so `startSandboxTenant()` gives the demo tenant. */
export interface SandboxOptions {
  /** Default: the demo fixture (tools/sandbox-tenant/fixtures/demo.json). */
  fixture?: SandboxFixture;
  /** Default 0 (random); the "login.microsoftonline.com" double. */
  loginPort?: number;
  /** Default 0 (random); the "graph.microsoft.com" double. */
  graphPort?: number;
  /** Default <repo>/.sandbox/certs. */
  certDir?: string;
  /** Added to every request, default 0. */
  latencyMs?: number;
  /** Consent becomes visible after this delay (on the sandbox clock), default 0. */
  replicationDelayMs?: number;
  /** Default 3599. */
  tokenLifetimeSeconds?: number;
  /** Entries per page of appRoleAssignments / oauth2PermissionGrants without $top; default 100 (as Graph). */
  pageSize?: number;
  /**
   * Overrides users' object ids by userPrincipalName, e.g. to make the demo Global Administrator
   * the same person as a Teams test user (`{ 'admin@contoso-sandbox.onmicrosoft.com': aadObjectId }`).
   */
  userObjectIds?: Readonly<Record<string, string>>;
  /** Clock for secret expiry, tokens and replication; relative fixture dates resolve against it at start. */
  now?: () => Date;
}

/** A running sandbox: Entra ID and Graph doubles on two loopback HTTPS listeners. */
export interface SandboxTenant {
  /** e.g. https://localhost:41234 (no trailing slash). */
  readonly authorityHost: string;
  /** e.g. https://localhost:41235 (no trailing slash, no version). */
  readonly graphEndpoint: string;
  /** The CA certificate clients must trust (NODE_EXTRA_CA_CERTS). */
  readonly caPath: string;
  readonly controls: SandboxControls;
  stop(): Promise<void>;
}

export type FaultTarget = 'discovery' | 'token' | 'graph-batch' | 'graph-item';

/** A scripted failure: the next `times` matching requests answer `status`. */
export interface SandboxFault {
  target: FaultTarget;
  status: number;
  times?: number;
  retryAfterSeconds?: number;
  /** Only for graph-item: the item's URL must contain this text. */
  itemUrlContains?: string;
}

export type SandboxMode = 'ok' | 'refuse' | 'hang';

/** How the sandbox writes batch answer ids: as the request sent them, or upper-cased. */
export type BatchIdCase = 'as-sent' | 'upper';

/** One request the sandbox saw (control routes under /_sandbox/ are not logged). */
export interface SandboxRequest {
  readonly host: 'login' | 'graph';
  readonly method: string;
  /** Path without the query string (never carries secrets). */
  readonly path: string;
  /** HTTP status sent; 0 when the connection was refused or left hanging. */
  readonly status: number;
  readonly at: Date;
  /** For a Graph $batch: the item URLs it carried, in request order. */
  readonly batchItemUrls?: readonly string[];
  /** For a Graph $batch: each item's answered status, in the same order as batchItemUrls. */
  readonly batchItemStatuses?: readonly number[];
}

/** Test and demo levers over a running sandbox. */
export interface SandboxControls {
  setLatency(ms: number): void;
  /**
   * Default page size (1..999) of the paged collections (appRoleAssignments, oauth2PermissionGrants)
   * when a request has no `$top`; Graph's is 100. Lets tests page without 100+ grants.
   */
  setPageSize(size: number): void;
  /**
   * 'upper' answers batch items with their ids upper-cased ("application" -> "APPLICATION"):
   * Graph treats batch ids without case, so clients must match answers the same way. Default 'as-sent'.
   */
  setBatchAnswerIdCase(mode: BatchIdCase): void;
  /** Next `times` (default 1) matching requests answer `status` (with Retry-After if given). */
  injectFault(fault: SandboxFault): void;
  /** 'refuse' destroys connections, 'hang' never answers, 'ok' back to normal. */
  setMode(target: 'login' | 'graph', mode: SandboxMode): void;
  /** Grants everything configured (visible after the replication delay); creates a missing service principal. */
  grantAdminConsent(tenantId: string, appId: string): void;
  revokePermission(tenantId: string, appId: string, name: string, kind: 'Delegated' | 'Application'): void;
  requestLog(): readonly SandboxRequest[];
  clearRequestLog(): void;
}
