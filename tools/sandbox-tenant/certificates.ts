import { X509Certificate } from 'crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import { md, pki, random, util } from 'node-forge';
import { dirname, join, resolve } from 'path';
import { generate } from 'selfsigned';

/** The sandbox's TLS material: a local CA (trusted via NODE_EXTRA_CA_CERTS) and a localhost server cert. */
export interface SandboxCertificates {
  readonly caPath: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly caPem: string;
}

const DAY_MS = 86_400_000;
const CA_NAME = 'Connector Consent Bot sandbox CA (development only)';

/**
 * Returns the cached CA and server certificate from `dir` (default <repo>/.sandbox/certs),
 * creating them when missing, unreadable or about to expire. The CA is kept whenever it is still
 * valid, so processes that already trust it keep working. Safe to call from parallel processes.
 */
export function ensureSandboxCertificates(dir: string = defaultCertDir()): SandboxCertificates {
  const paths = {
    ca: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca-key.pem'),
    cert: join(dir, 'server.pem'),
    key: join(dir, 'server-key.pem'),
  };
  const current = readValid(paths);
  if (current) return current;
  mkdirSync(dir, { recursive: true });
  return withLock(join(dir, '.lock'), () => {
    const again = readValid(paths);
    if (again) return again;
    let ca = readCa(paths.ca, paths.caKey);
    if (!ca) {
      ca = createCa();
      writeAtomic(paths.caKey, ca.keyPem, 0o600);
      writeAtomic(paths.ca, ca.certPem, 0o644);
    }
    const server = createServerCert(ca);
    writeAtomic(paths.key, server.keyPem, 0o600);
    writeAtomic(paths.cert, server.certPem, 0o644);
    return { caPath: paths.ca, certPem: server.certPem, keyPem: server.keyPem, caPem: ca.certPem };
  });
}

/** <repo>/.sandbox/certs, where <repo> is the nearest folder above this file with a package.json. */
export function defaultCertDir(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return resolve(folder, '.sandbox', 'certs');
}

interface Pem {
  readonly certPem: string;
  readonly keyPem: string;
}

function readValid(p: { ca: string; caKey: string; cert: string; key: string }): SandboxCertificates | undefined {
  const ca = readCa(p.ca, p.caKey);
  if (!ca || !existsSync(p.cert) || !existsSync(p.key)) return undefined;
  try {
    const certPem = readFileSync(p.cert, 'utf8');
    const cert = new X509Certificate(certPem);
    const ok =
      cert.verify(new X509Certificate(ca.certPem).publicKey) &&
      cert.checkHost('localhost') !== undefined &&
      cert.checkIP('127.0.0.1') !== undefined &&
      Date.parse(cert.validTo) > Date.now() + DAY_MS;
    return ok ? { caPath: p.ca, certPem, keyPem: readFileSync(p.key, 'utf8'), caPem: ca.certPem } : undefined;
  } catch {
    return undefined;
  }
}

function readCa(certPath: string, keyPath: string): Pem | undefined {
  if (!existsSync(certPath) || !existsSync(keyPath)) return undefined;
  try {
    const certPem = readFileSync(certPath, 'utf8');
    const cert = new X509Certificate(certPem);
    if (!cert.ca || Date.parse(cert.validTo) < Date.now() + 30 * DAY_MS) return undefined;
    return { certPem, keyPem: readFileSync(keyPath, 'utf8') };
  } catch {
    return undefined;
  }
}

/** The CA comes from the `selfsigned` package (node-forge underneath). */
function createCa(): Pem {
  const result = generate(
    [
      { name: 'commonName', value: CA_NAME },
      { name: 'organizationName', value: 'Sandbox tenant' },
    ],
    {
      keySize: 2048,
      days: 3650,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
        { name: 'subjectKeyIdentifier' },
      ],
    },
  );
  return { certPem: result.cert, keyPem: result.private };
}

/** selfsigned cannot sign with another key, so the server certificate is issued with node-forge. */
function createServerCert(ca: Pem): Pem {
  const caCert = pki.certificateFromPem(ca.certPem);
  const keys = pki.rsa.generateKeyPair({ bits: 2048 });
  const cert = pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${util.bytesToHex(random.getBytesSync(15))}`;
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + 397 * DAY_MS);
  cert.setSubject([
    { name: 'commonName', value: 'localhost' },
    { name: 'organizationName', value: 'Sandbox tenant' },
  ]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(pki.privateKeyFromPem(ca.keyPem), md.sha256.create());
  return { certPem: pki.certificateToPem(cert), keyPem: pki.privateKeyToPem(keys.privateKey) };
}

function writeAtomic(path: string, text: string, mode: number): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode });
  renameSync(temp, path);
}

/** A directory lock (mkdir is atomic); a lock older than a minute is taken as abandoned. */
function withLock<T>(lockDir: string, work: () => T): T {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      const age = existsSync(lockDir) ? Date.now() - statSync(lockDir).mtimeMs : 0;
      if (age > 60_000) rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`Timed out waiting for the certificate lock ${lockDir}`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
