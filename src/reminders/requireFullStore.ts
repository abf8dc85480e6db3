import type { FullStore, Store } from '../store/store';

/**
 * The reminders need the store's optional members (due index, atomic claims, prefix listing).
 * Both built-in stores have them; a store without them fails at start, not at the first sweep.
 */
export function requireFullStore(store: Store): FullStore {
  const missing = (['listDueRegistrations', 'putKvIfAbsent', 'listKv'] as const).filter(
    (name) => typeof store[name] !== 'function',
  );
  if (missing.length > 0) throw new Error(`The configured store cannot run reminders: it lacks ${missing.join(', ')}.`);
  return store as FullStore;
}
