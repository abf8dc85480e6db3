import type { Clock } from '../time/clock';
/** How many conversations, and for how long, the process remembers as already stored. */
export interface StoredReferencesOptions {
  /** Least recently used entries are dropped beyond this; default 5000. */
  readonly maxEntries?: number;
  /** An entry older than this no longer counts, so another instance's change is re-read; default 10 min. */
  readonly ttlMs?: number;
  readonly clock: Clock;
}

/**
 * An in-process memory of which conversation reference this process last saw in the store,
 * by conversation key. It lets a turn skip reading (and re-writing) an unchanged reference; it
 * is only a hint: a miss, a different reference or an expired entry means "ask the store", and
 * nothing is lost on restart because the store was written before the entry was remembered.
 */
export interface StoredReferences {
  /** True when `fingerprint` is what the store held for `key` recently (and refreshes its LRU place). */
  isStored(key: string, fingerprint: string): boolean;
  /** Call only after the store holds `fingerprint` for `key` (read back or written). */
  remember(key: string, fingerprint: string): void;
  /** Drops `key`, e.g. when its conversation is removed or a lifecycle event must reach the store. */
  forget(key: string): void;
  readonly size: number;
}

interface Entry {
  readonly fingerprint: string;
  readonly storedAtMs: number;
}

/** A bounded LRU (a Map in use order) with a time-to-live per entry. */
export function createStoredReferences(options: StoredReferencesOptions): StoredReferences {
  const maxEntries = Math.max(1, options.maxEntries ?? 5000);
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const entries = new Map<string, Entry>();
  return {
    isStored(key, fingerprint) {
      const entry = entries.get(key);
      if (!entry) return false;
      entries.delete(key);
      if (options.clock.now().getTime() - entry.storedAtMs >= ttlMs) return false;
      entries.set(key, entry);
      return entry.fingerprint === fingerprint;
    },
    remember(key, fingerprint) {
      entries.delete(key);
      entries.set(key, { fingerprint, storedAtMs: options.clock.now().getTime() });
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
    forget(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
