import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Azurite's documented development account key (public, not a secret). */
export const AZURITE_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A running Azurite table service on loopback, private to one test file. */
export interface Azurite {
  readonly port: number;
  readonly tableEndpoint: string;
  /** What STORE=azure takes as AZURE_STORAGE_CONNECTION_STRING. */
  readonly connectionString: string;
  /** Kills the process (SIGTERM, then SIGKILL) and removes its working directory. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function startOnce(workDir: string): Promise<{ child: ChildProcess; port: number } | { error: string }> {
  const port = await freePort();
  const script = require.resolve('azurite/dist/src/table/main.js');
  const args = [
    '--tableHost',
    '127.0.0.1',
    '--tablePort',
    String(port),
    '--inMemoryPersistence',
    '--skipApiVersionCheck',
    '--loose',
    '--silent',
    '--disableTelemetry',
  ];
  const child = spawn(process.execPath, [script, ...args], { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      return { error: `Azurite exited early: ${output.trim().slice(-500)}` };
    if (await answers(port)) return { child, port };
    await sleep(50);
  }
  await stopChild(child);
  return { error: `Azurite did not answer on port ${port} within 20 s: ${output.trim().slice(-500)}` };
}

/**
 * Starts `azurite-table` (the npm devDependency, as a child process: its main module cannot be
 * imported) on a free loopback port with in-memory persistence and telemetry off, and waits
 * until the port answers. A port taken between choosing and binding is retried on another.
 */
export async function startAzurite(): Promise<Azurite> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'ccb-azurite-'));
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const started = await startOnce(workDir);
    if ('error' in started) {
      lastError = started.error;
      continue;
    }
    const { child, port } = started;
    const tableEndpoint = `http://127.0.0.1:${port}/devstoreaccount1`;
    return {
      port,
      tableEndpoint,
      connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_ACCOUNT_KEY};TableEndpoint=${tableEndpoint};`,
      async stop() {
        await stopChild(child);
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  }
  rmSync(workDir, { recursive: true, force: true });
  throw new Error(lastError);
}
