/**
 * True for a plain JSON object (not null, not an array): the one guard every edge uses before
 * reading fields of parsed JSON, Graph bodies, stored rows or card payloads, so they all agree
 * on what counts as an object.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
