import type { StoredRegistration } from '../store/store';

export type Pick =
  | { readonly kind: 'none' }
  | { readonly kind: 'one'; readonly registration: StoredRegistration }
  | { readonly kind: 'many'; readonly registrations: StoredRegistration[] };

/**
 * Finds the registration a command means: the only one, or the one whose label or client id
 * matches the argument; otherwise the candidates to choose from.
 */
export function pickRegistration(registrations: StoredRegistration[], argument: string): Pick {
  if (registrations.length === 0) return { kind: 'none' };
  const wanted = argument.trim().toLowerCase();
  if (!wanted) {
    const [only] = registrations;
    return registrations.length === 1 && only ? { kind: 'one', registration: only } : { kind: 'many', registrations };
  }
  const exact = registrations.filter(
    (r) => r.label.toLowerCase() === wanted || r.clientId === wanted || r.id === wanted,
  );
  const matches = exact.length > 0 ? exact : registrations.filter((r) => r.label.toLowerCase().includes(wanted));
  const [first] = matches;
  if (matches.length === 1 && first) return { kind: 'one', registration: first };
  return { kind: 'many', registrations: matches.length > 0 ? matches : registrations };
}
