import type { StoredRegistration } from '../store/store';

/** What a command's argument picks out of a list. */
export type Picked<T> =
  | { readonly kind: 'none' }
  | { readonly kind: 'one'; readonly item: T }
  | { readonly kind: 'many'; readonly items: readonly T[] };

/**
 * The one name matching of the bot's commands. With no argument: the only item, else all of
 * them to choose from. With one: the items whose name or one of whose ids equals it (case
 * aside), failing that those whose name contains it; several (or none) matching leaves the
 * candidates to choose from (the matches, or every item when nothing matched).
 */
export function pickByName<T>(
  items: readonly T[],
  argument: string,
  keysOf: (item: T) => { readonly name: string; readonly ids?: readonly string[] },
): Picked<T> {
  if (items.length === 0) return { kind: 'none' };
  const wanted = argument.trim().toLowerCase();
  const name = (item: T): string => keysOf(item).name.toLowerCase();
  const exact = items.filter(
    (item) => name(item) === wanted || (keysOf(item).ids ?? []).some((id) => id.toLowerCase() === wanted),
  );
  const matches = !wanted ? items : exact.length > 0 ? exact : items.filter((item) => name(item).includes(wanted));
  const [first] = matches;
  if (matches.length === 1 && first !== undefined) return { kind: 'one', item: first };
  return { kind: 'many', items: matches.length > 0 ? matches : items };
}

/** The registration a command means, by label, client id or id. */
export function pickRegistration(registrations: readonly StoredRegistration[], argument: string) {
  return pickByName(registrations, argument, (r) => ({ name: r.label, ids: [r.clientId, r.id] }));
}
