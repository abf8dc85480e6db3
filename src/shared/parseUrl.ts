/** The parsed URL, or undefined when `text` is empty or not an absolute URL (never throws). */
export function parseUrl(text: string | undefined): URL | undefined {
  if (!text) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
