import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FullStore } from '../store/store';
import type { Clock } from '../time/clock';

/**
 * One sweeper at a time across instances: a lease record in the shared store that its holder
 * renews while it works. Another instance takes over once the holder stops renewing (crashed,
 * stopped, or cut off from the store) and the lease runs out: within one lease period.
 */
export interface SweepLease {
  /** This instance's id as written in the lease (host, pid and a random part). */
  readonly owner: string;
  /** Takes the lease, or renews it if this instance holds it; false while another holds it. */
  acquire(): Promise<boolean>;
  /**
   * Before each piece of work: true while the lease is held, renewing it once half of it has
   * passed; false once it is lost (the caller stops before its next send).
   */
  keep(): Promise<boolean>;
  /** Lets another instance sweep at once instead of after the lease runs out. */
  release(): Promise<void>;
}

export interface SweepLeaseDeps {
  readonly store: Pick<FullStore, 'putKvIfAbsentOrEqual' | 'getKv' | 'deleteKv'>;
  readonly clock: Clock;
  /** Lease length; default 30 s. */
  readonly leaseMs?: number;
  /** Default: host name, process id and 6 random bytes. */
  readonly owner?: string;
}

const NAMESPACE = 'sweep-lease';
const KEY = 'reminders';

export function createSweepLease(deps: SweepLeaseDeps): SweepLease {
  const leaseMs = deps.leaseMs ?? 30_000;
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
  /** Until when this instance may act on its lease, by its own clock; 0 when it holds none. */
  let heldUntil = 0;
  const now = (): number => deps.clock.now().getTime();

  async function acquire(): Promise<boolean> {
    const start = now();
    const expiresAt = new Date(start + leaseMs).toISOString();
    const won = await deps.store.putKvIfAbsentOrEqual(NAMESPACE, KEY, { value: { owner }, expiresAt });
    heldUntil = won ? start + leaseMs : 0;
    return won;
  }

  return {
    owner,
    acquire,
    async keep() {
      if (heldUntil === 0) return false;
      if (now() < heldUntil - leaseMs / 2) return true;
      return acquire();
    },
    async release() {
      if (heldUntil === 0) return;
      const stillOurs = now() < heldUntil;
      heldUntil = 0;
      const current = await deps.store.getKv<{ owner?: unknown }>(NAMESPACE, KEY);
      if (stillOurs && current?.owner === owner) await deps.store.deleteKv(NAMESPACE, KEY);
    },
  };
}
