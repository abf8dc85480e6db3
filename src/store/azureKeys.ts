import { AzureStoreError } from './azureStoreError';

/**
 * Azure Table keys may not contain `/ \ # ?` or control characters, and are at most 1 KiB
 * (512 UTF-16 characters; Azurite enforces exactly that). Keys are therefore encoded: letters,
 * digits and `- . _ : @ ; = ,` stay as they are (so Teams ids stay readable in Storage
 * Explorer), every other UTF-16 code unit becomes `~` and four hex digits. The code is
 * prefix-free and one-to-one (lone surrogates included), so a key prefix encodes to a RowKey
 * prefix and `listKv` can use a RowKey range. `|` is never produced, so it separates parts.
 */
const SAFE = /^[A-Za-z0-9\-._:@;=,]$/;
const ESCAPE = '~';
export const KEY_SEPARATOR = '|';
export const MAX_KEY_LENGTH = 512;

/** Encodes one key part (see above). */
export function encodeKeyPart(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw.charAt(i);
    out += SAFE.test(ch) ? ch : ESCAPE + raw.charCodeAt(i).toString(16).padStart(4, '0');
  }
  return out;
}

/** Reverses encodeKeyPart; undefined for text it could not have produced. */
export function decodeKeyPart(encoded: string): string | undefined {
  let out = '';
  for (let i = 0; i < encoded.length; i += 1) {
    const ch = encoded.charAt(i);
    if (ch !== ESCAPE) {
      if (!SAFE.test(ch)) return undefined;
      out += ch;
      continue;
    }
    const hex = encoded.slice(i + 1, i + 5);
    if (!/^[0-9a-f]{4}$/.test(hex)) return undefined;
    out += String.fromCharCode(parseInt(hex, 16));
    i += 4;
  }
  return out;
}

/**
 * The exclusive upper bound of every encoded key that starts with `encodedPrefix`: encoded
 * text only holds characters up to `~`, and `~` is always followed by a hex digit.
 */
export function prefixUpperBound(encodedPrefix: string): string {
  return `${encodedPrefix}${ESCAPE}${ESCAPE}`;
}

/** Refuses a key Azure would reject for its length, naming what it is (never its content). */
export function checkKeyLength(encoded: string, what: string): string {
  if (encoded.length > MAX_KEY_LENGTH) {
    throw new AzureStoreError(
      'key-too-long',
      `The ${what} is too long for Azure Table storage: ${encoded.length} characters once encoded, at most ${MAX_KEY_LENGTH}.`,
    );
  }
  return encoded;
}

const MAX_EPOCH_MS = 8_640_000_000_000_000;

/**
 * Fixed-width, order-preserving text for an epoch time, covering every valid Date
 * (±8.64e15 ms): a sign digit, then 16 digits, so no sum ever leaves the exact integer range.
 */
export function sortableTime(epochMs: number): string {
  return epochMs < 0 ? `0${String(MAX_EPOCH_MS + epochMs).padStart(16, '0')}` : `1${String(epochMs).padStart(16, '0')}`;
}
