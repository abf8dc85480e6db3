import { randomBytes } from 'crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { openRegistrationSecret, sealRegistrationSecret } from '../../../src/store/registrationSecrets';
import { SealError } from '../../../src/store/sealError';
import { createSealer, keyIdOf, loadOrCreateKeyFile, parseEncryptionKey } from '../../../src/store/sealing';

const SECRET = 'kQz8Q~a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7';

function thrown(fn: () => unknown): SealError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SealError) return error;
    throw error;
  }
  throw new Error('expected a SealError');
}

describe('createSealer', () => {
  const key = randomBytes(32);
  const sealer = createSealer(key);

  it('round-trips text, including unicode and empty strings', () => {
    for (const plain of [SECRET, '', 'ünïcödé 🔑', 'x'.repeat(10_000)]) {
      expect(sealer.open(sealer.seal(plain))).toBe(plain);
      expect(sealer.open(sealer.seal(plain, 'ctx'), 'ctx')).toBe(plain);
    }
  });

  it('writes v1.<keyId>.<iv>.<tag>.<ciphertext> with a fresh IV each time and no plaintext', () => {
    const a = sealer.seal(SECRET);
    const b = sealer.seal(SECRET);
    expect(a).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a.split('.')[1]).toBe(keyIdOf(key));
    expect(sealer.keyId).toBe(keyIdOf(key));
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(a).not.toContain(SECRET.slice(0, 8));
    expect(Buffer.from(a.split('.')[4] ?? '', 'base64url').toString('latin1')).not.toContain('Q~');
  });

  it('recognises a value sealed with another key and says how to fix it, without secrets', () => {
    const other = createSealer(randomBytes(32));
    const sealed = other.seal(SECRET);
    const error = thrown(() => sealer.open(sealed));
    expect(error.code).toBe('wrong-key');
    expect(error.keyId).toBe(sealer.keyId);
    expect(error.sealedWithKeyId).toBe(other.keyId);
    expect(error.message).toContain(`key id ${sealer.keyId}, sealed with ${other.keyId}`);
    expect(error.message).toMatch(/cannot be opened with this SECRET_ENCRYPTION_KEY/);
    expect(error.message).toMatch(/Restore the original key/);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain(sealed.split('.')[4] ?? 'unreachable');
    expect(error.message).not.toContain(key.toString('hex'));
  });

  it('detects tampering and a wrong context (aad)', () => {
    const sealed = sealer.seal(SECRET, 'registration:a');
    expect(thrown(() => sealer.open(sealed, 'registration:b')).code).toBe('tampered');
    expect(thrown(() => sealer.open(sealed)).code).toBe('tampered');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString('base64url');
    const error = thrown(() => sealer.open(parts.join('.'), 'registration:a'));
    expect(error.code).toBe('tampered');
    expect(error.message).not.toContain(SECRET);
  });

  it.each([
    ['', 'malformed'],
    ['plain text secret', 'malformed'],
    ['v2.abcdef01.a.b.c', 'malformed'],
    ['v1.ABC.a.b.c', 'malformed'],
    ['v1.%KEY%.AAAA.AAAA.AAAA', 'malformed'],
    ['v1.%KEY%.!!!.AAAA.AAAA', 'malformed'],
  ])('reports %j as %s', (text, code) => {
    expect(thrown(() => sealer.open(text.replace('%KEY%', sealer.keyId))).code).toBe(code);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(thrown(() => createSealer(randomBytes(16))).code).toBe('invalid-key');
  });
});

describe('parseEncryptionKey', () => {
  const bytes = randomBytes(32);

  it('accepts 64 hex characters and base64 / base64url of 32 bytes, trimming whitespace', () => {
    expect(parseEncryptionKey(bytes.toString('hex')).equals(bytes)).toBe(true);
    expect(parseEncryptionKey(` ${bytes.toString('hex').toUpperCase()}\n`).equals(bytes)).toBe(true);
    expect(parseEncryptionKey(bytes.toString('base64')).equals(bytes)).toBe(true);
    expect(parseEncryptionKey(bytes.toString('base64url')).equals(bytes)).toBe(true);
  });

  it.each([
    ['', /is empty/],
    ['abc', /64 hex characters or base64 of 32 bytes \(it has 3 characters\)/],
    [randomBytes(16).toString('hex'), /64 hex characters/],
    [randomBytes(24).toString('base64'), /base64 of 32 bytes/],
    ['z'.repeat(64), /64 hex characters/],
    ['0'.repeat(64), /placeholder/],
  ])('rejects %j with a clear message that does not echo it', (text, message) => {
    const error = thrown(() => parseEncryptionKey(text));
    expect(error.code).toBe('invalid-key');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/randomBytes\(32\)/);
    if (text.length > 3) expect(error.message).not.toContain(text);
  });

  it('names the source it was given', () => {
    expect(thrown(() => parseEncryptionKey('x', '/data/secret.key')).message).toMatch(/^\/data\/secret\.key /);
  });
});

describe('loadOrCreateKeyFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyfile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates DATA_DIR/secret.key with mode 0600, then reads the same key', () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = loadOrCreateKeyFile(dataDir);
    expect(first.created).toBe(true);
    expect(first.path).toBe(join(dataDir, 'secret.key'));
    expect(first.key).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.path, 'utf8').trim()).toBe(first.key.toString('hex'));
    const second = loadOrCreateKeyFile(dataDir);
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
    const sealed = createSealer(first.key).seal(SECRET);
    expect(createSealer(second.key).open(sealed)).toBe(SECRET);
  });

  it('tightens a key file others can read', () => {
    if (process.platform === 'win32') return;
    const created = loadOrCreateKeyFile(dir);
    chmodSync(created.path, 0o644);
    const again = loadOrCreateKeyFile(dir);
    expect(again.permissionsFixed).toBe(true);
    expect(statSync(created.path).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged key file with a message naming the file, not its content', () => {
    writeFileSync(join(dir, 'secret.key'), 'not-a-key\n', { mode: 0o600 });
    const error = thrown(() => loadOrCreateKeyFile(dir));
    expect(error.code).toBe('invalid-key');
    expect(error.message).toContain(join(dir, 'secret.key'));
    expect(error.message).not.toContain('not-a-key');
  });
});

describe('registration secrets', () => {
  const sealer = createSealer(randomBytes(32));

  it('seal and open by registration', () => {
    const sealedSecret = sealRegistrationSecret(sealer, 'reg-1', SECRET);
    expect(sealedSecret).not.toContain(SECRET);
    expect(openRegistrationSecret(sealer, { id: 'reg-1', sealedSecret })).toBe(SECRET);
  });

  it('a sealed secret moved to another registration does not open', () => {
    const sealedSecret = sealRegistrationSecret(sealer, 'reg-1', SECRET);
    const error = thrown(() => openRegistrationSecret(sealer, { id: 'reg-2', sealedSecret }));
    expect(error.code).toBe('tampered');
  });
});
