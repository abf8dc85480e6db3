import { AzureStoreError } from './azureStoreError';
import { StoreDataError } from './storeDataError';

/** Entity properties as the SDK takes and returns them. */
export type EntityProps = Record<string, unknown>;

/** Strings are stored as UTF-16: 32K characters fill a 64 KiB property. A little under that. */
export const CHUNK_CHARS = 32_000;
/**
 * An entity may hold 1 MiB: Azure counts strings at two bytes a character, Azurite counts the
 * UTF-8 request body. Both are kept under this, leaving room for names and metadata.
 */
export const MAX_ENTITY_BYTES = 1_000_000;

const partsName = (name: string): string => `${name}_parts`;
const chunkName = (name: string, index: number): string => `${name}_${index}`;

/**
 * Stores text that may exceed one property: short text as `name`, long text as `name_parts`
 * (a count) plus `name_0`, `name_1`, ... Chunks never split a surrogate pair.
 */
export function putText(props: EntityProps, name: string, text: string | undefined): void {
  if (text === undefined) return;
  if (text.length <= CHUNK_CHARS) {
    props[name] = text;
    return;
  }
  let index = 0;
  for (let start = 0; start < text.length; index += 1) {
    let end = Math.min(start + CHUNK_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    props[chunkName(name, index)] = text.slice(start, end);
    start = end;
  }
  props[partsName(name)] = index;
}

/** Reads text written by putText; damage (a missing chunk, a wrong type) is a StoreDataError. */
export function getText(entity: EntityProps, name: string, table: string, recordRef: string): string | undefined {
  const single = entity[name];
  if (typeof single === 'string') return single;
  const parts = entity[partsName(name)];
  if (single === undefined && parts === undefined) return undefined;
  if (typeof parts !== 'number' || !Number.isInteger(parts) || parts < 1) {
    throw new StoreDataError(table, name, recordRef, 'not text and not a valid list of parts');
  }
  let text = '';
  for (let i = 0; i < parts; i += 1) {
    const chunk = entity[chunkName(name, i)];
    if (typeof chunk !== 'string')
      throw new StoreDataError(table, name, recordRef, `part ${i + 1} of ${parts} is missing`);
    text += chunk;
  }
  return text;
}

/** Parses JSON text from an entity; damage is a StoreDataError naming where, not what. */
export function getJson(entity: EntityProps, name: string, table: string, recordRef: string): unknown {
  const text = getText(entity, name, table, recordRef);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StoreDataError(table, name, recordRef, 'not valid JSON');
  }
}

/** Refuses an entity over Azure's 1 MiB limit before sending it, naming the record (not its content). */
export function checkEntitySize(props: EntityProps, what: string): void {
  let utf16Bytes = 0;
  for (const [name, value] of Object.entries(props)) {
    utf16Bytes += 8 + name.length * 2 + (typeof value === 'string' ? value.length * 2 : 8);
  }
  const bodyBytes = Buffer.byteLength(JSON.stringify(props), 'utf8');
  const size = Math.max(utf16Bytes, bodyBytes);
  if (size > MAX_ENTITY_BYTES) {
    throw new AzureStoreError(
      'too-large',
      `The ${what} is too large for Azure Table storage: about ${Math.ceil(size / 1024)} KiB, at most ${Math.floor(MAX_ENTITY_BYTES / 1024)} KiB per record. Nothing was written.`,
    );
  }
}
