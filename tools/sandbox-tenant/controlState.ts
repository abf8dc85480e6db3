import { Directory } from './directory';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './graphPaging';
import { BatchIdCase, FaultTarget, SandboxControls, SandboxFault, SandboxMode, SandboxRequest } from './types';

/** A fault waiting to fire, with how many more requests it still hits. */
export interface PendingFault {
  readonly fault: SandboxFault;
  remaining: number;
}

/** The mutable state behind SandboxControls, read by the request handlers. */
export interface ControlState {
  latencyMs: number;
  /** Entries per page of a paged collection when the request has no $top. */
  pageSize: number;
  readonly modes: Record<'login' | 'graph', SandboxMode>;
  /** How batch answer ids are written (Graph matches them without case). */
  batchIdCase: BatchIdCase;
  /** Takes one hit of the first fault matching the target (and item URL for graph-item). */
  takeFault(target: FaultTarget, itemUrl?: string): SandboxFault | undefined;
  record(entry: SandboxRequest): void;
  readonly controls: SandboxControls;
}

/** Builds the control state and the public controls over it. */
export function createControlState(directory: Directory, latencyMs: number): ControlState {
  const faults: PendingFault[] = [];
  let log: SandboxRequest[] = [];
  const state: ControlState = {
    latencyMs,
    pageSize: DEFAULT_PAGE_SIZE,
    modes: { login: 'ok', graph: 'ok' },
    batchIdCase: 'as-sent',
    takeFault(target, itemUrl) {
      const pending = faults.find(
        (p) =>
          p.fault.target === target &&
          (target !== 'graph-item' || !p.fault.itemUrlContains || (itemUrl ?? '').includes(p.fault.itemUrlContains)),
      );
      if (!pending) return undefined;
      pending.remaining -= 1;
      if (pending.remaining <= 0) faults.splice(faults.indexOf(pending), 1);
      return pending.fault;
    },
    record(entry) {
      log.push(entry);
    },
    controls: {
      setLatency(ms) {
        if (!Number.isFinite(ms) || ms < 0) throw new RangeError('latency must be a number of milliseconds >= 0');
        state.latencyMs = ms;
      },
      setPageSize(size) {
        if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
          throw new RangeError(`page size must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
        }
        state.pageSize = size;
      },
      setBatchAnswerIdCase(mode) {
        if (mode !== 'as-sent' && mode !== 'upper') throw new RangeError("batch id case must be 'as-sent' or 'upper'");
        state.batchIdCase = mode;
      },
      injectFault(fault) {
        if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) {
          throw new RangeError('fault status must be an HTTP error status (400-599)');
        }
        faults.push({ fault: { ...fault }, remaining: fault.times ?? 1 });
      },
      setMode(target, mode) {
        state.modes[target] = mode;
      },
      grantAdminConsent(tenantId, appId) {
        directory.grantAdminConsent(tenantId, appId);
      },
      revokePermission(tenantId, appId, name, kind) {
        directory.revokePermission(tenantId, appId, name, kind);
      },
      requestLog() {
        return [...log];
      },
      clearRequestLog() {
        log = [];
      },
    },
  };
  return state;
}
