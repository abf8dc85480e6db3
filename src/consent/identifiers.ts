/** Shapes of the identifiers Entra ID uses; shared by input validation and text extraction. */

/**
 * A GUID's shape, unanchored and without flags, for patterns that find one inside other text
 * (an issuer URL, an error message); use it with the `i` flag. Whole values go through isGuid.
 */
export const GUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const GUID = new RegExp(`^${GUID_PATTERN}$`, 'i');
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^[a-z]{2,63}$/;

/** True for a well-formed GUID (any case). */
export function isGuid(text: string): boolean {
  return GUID.test(text);
}

/** True for a syntactically valid DNS domain with at least two labels and an alphabetic TLD. */
export function isDomain(text: string): boolean {
  if (text.length > 253) return false;
  const labels = text.toLowerCase().split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  return TLD.test(labels[labels.length - 1] ?? '');
}
