import type { Store } from '../../src/store/store';

export interface CountingStore<S extends Store> {
  /** The store, every method call counted by name. */
  readonly store: S;
  /** Calls per method name since the last reset, only the methods called. */
  counts(names?: readonly (keyof Store)[]): Record<string, number>;
  reset(): void;
}

/** The methods that read or write the registrations table. */
export const REGISTRATION_CALLS: readonly (keyof Store)[] = [
  'getRegistration',
  'saveRegistration',
  'listRegistrations',
  'deleteRegistration',
  'updateRegistrationIfPresent',
];

/** Wraps a store in a proxy that counts calls, so a test can state how many reads and writes a flow costs. */
export function countingStore<S extends Store>(inner: S): CountingStore<S> {
  const calls = new Map<string, number>();
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]): unknown => {
        calls.set(property, (calls.get(property) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store,
    counts(names) {
      const out: Record<string, number> = {};
      for (const [name, count] of calls) if (!names || names.includes(name as keyof Store)) out[name] = count;
      return out;
    },
    reset: () => calls.clear(),
  };
}
