import { spawn } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { ensureSandboxCertificates } from '../tools/sandbox-tenant/certificates';

/**
 * Runs a sandbox measurement in a process that trusts the sandbox CA from its start
 * (NODE_EXTRA_CA_CERTS cannot be added later): the compiled `worker` next to this file prints
 * its raw result as JSON. In a process that already trusts the CA it runs `inProcess` instead.
 */
export async function inSandboxProcess<T>(
  worker: string,
  env: Record<string, string>,
  inProcess: () => Promise<T>,
): Promise<T> {
  const { caPath } = ensureSandboxCertificates();
  const file = join(__dirname, worker);
  if (process.env.NODE_EXTRA_CA_CERTS === caPath || !existsSync(file)) return inProcess();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], {
      env: { ...process.env, ...env, NODE_EXTRA_CA_CERTS: caPath },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the bench worker ${worker} exited with ${code}`));
      try {
        resolve(JSON.parse(out) as T);
      } catch {
        reject(new Error(`the bench worker ${worker} printed no result`));
      }
    });
  });
}

/** A worker's main: prints the measurement as JSON, or the reason it failed, and exits. */
export function printAndExit(name: string, work: Promise<unknown>): void {
  work
    .then((raw) => {
      process.stdout.write(JSON.stringify(raw), () => process.exit(0));
    })
    .catch((error: unknown) => {
      process.stderr.write(`${name} bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
