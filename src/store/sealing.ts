import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { SealError } from './sealError';

/**
 * Seals short secrets (connector client secrets) for storage with AES-256-GCM. The text
 * format `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts) names its key by fingerprint,
 * so a value sealed under another key is reported as exactly that rather than as corruption.
 * `aad` binds a value to its context (e.g. the registration id) so it cannot be moved.
 */
export interface Sealer {
  /** First 8 hex characters of sha256(key): safe to log, identifies the key. */
  readonly keyId: string;
  seal(plain: string, aad?: string): string;
  /** Throws SealError ('wrong-key', 'tampered' or 'malformed'); never returns partial data. */
  open(sealed: string, aad?: string): string;
}

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_FILE_NAME = 'secret.key';

/** The fingerprint used in sealed values and messages. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Creates a Sealer for a 32-byte key (see parseEncryptionKey). */
export function createSealer(key: Buffer): Sealer {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new SealError('invalid-key', `The encryption key must be ${KEY_BYTES} bytes.`);
  }
  const secretKey = Buffer.from(key);
  const keyId = keyIdOf(secretKey);
  const header = (id: string): string => `${VERSION}.${id}`;
  const aadBytes = (id: string, aad: string | undefined): Buffer => Buffer.from(`${header(id)}|${aad ?? ''}`, 'utf8');

  return {
    keyId,
    seal(plain: string, aad?: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secretKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aadBytes(keyId, aad));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [header(keyId), iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed: string, aad?: string): string {
      const parts = typeof sealed === 'string' ? sealed.split('.') : [];
      const [version, sealedWith, ivText, tagText, bodyText] = parts;
      if (parts.length !== 5 || version !== VERSION || !/^[0-9a-f]{8}$/.test(sealedWith ?? '')) {
        throw new SealError(
          'malformed',
          'The stored secret is not in a known sealed format (expected v1). Ask the user to enter the client secret again.',
          keyId,
        );
      }
      if (sealedWith !== keyId) throw SealError.wrongKey(keyId, sealedWith ?? '');
      const iv = decode(ivText);
      const tag = decode(tagText);
      const body = decode(bodyText);
      if (!iv || iv.length !== IV_BYTES || !tag || tag.length !== TAG_BYTES || !body) {
        throw new SealError(
          'malformed',
          'The stored secret is damaged (its sealed parts have the wrong size). Ask the user to enter the client secret again.',
          keyId,
          sealedWith,
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', secretKey, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aadBytes(sealedWith, aad));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new SealError(
          'tampered',
          'The stored secret failed its integrity check: it was altered, or it belongs to another record. Ask the user to enter the client secret again.',
          keyId,
          sealedWith,
        );
      }
    },
  };
}

function decode(text: string | undefined): Buffer | undefined {
  if (text === undefined || !/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  return Buffer.from(text, 'base64url');
}

const GENERATE_HINT = "generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"";

/**
 * Reads SECRET_ENCRYPTION_KEY: 64 hex characters, or base64/base64url of 32 bytes.
 * `source` names where the text came from in error messages; the text itself never appears.
 */
export function parseEncryptionKey(text: string, source = 'SECRET_ENCRYPTION_KEY'): Buffer {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') throw new SealError('invalid-key', `${source} is empty; ${GENERATE_HINT}.`);
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    key = Buffer.from(trimmed, 'hex');
  } else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const decoded = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (decoded.length === KEY_BYTES) key = decoded;
  }
  if (!key) {
    throw new SealError(
      'invalid-key',
      `${source} must be 64 hex characters or base64 of 32 bytes (it has ${trimmed.length} characters); ${GENERATE_HINT}.`,
    );
  }
  if (key.every((byte) => byte === key?.[0])) {
    throw new SealError(
      'invalid-key',
      `${source} is a placeholder (all bytes equal), not a random key; ${GENERATE_HINT}.`,
    );
  }
  return key;
}

/** What loadOrCreateKeyFile found or made. */
export interface KeyFile {
  readonly key: Buffer;
  readonly path: string;
  /** True when the file did not exist and was just written. */
  readonly created: boolean;
  /** True when an existing file was readable by others and was tightened to 0600. */
  readonly permissionsFixed: boolean;
}

/**
 * Local mode's key: DATA_DIR/secret.key (hex, mode 0600), created on first start and read on
 * every later one. Creation is exclusive, so two processes starting at once share one key.
 */
export function loadOrCreateKeyFile(dataDir: string): KeyFile {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, KEY_FILE_NAME);
  try {
    writeFileSync(path, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    return { key: parseEncryptionKey(readFileSync(path, 'utf8'), path), path, created: true, permissionsFixed: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let permissionsFixed = false;
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
    permissionsFixed = true;
  }
  return { key: parseEncryptionKey(readFileSync(path, 'utf8'), path), path, created: false, permissionsFixed };
}
