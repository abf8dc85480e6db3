import { spawn } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { join } from 'path';
import { SCENARIOS, WRONG_SECRET } from '../../../tools/sandbox-tenant/scenarios';
import { startSandboxTenant } from '../../../tools/sandbox-tenant/sandboxTenant';
import { loadScenarioFixture } from '../../../tools/sandbox-tenant/scenarios';
import type { SandboxTenant } from '../../../tools/sandbox-tenant/types';

/**
 * connector-check end to end: the CLI compiled by tsc, run as its own Node process against the
 * sandbox over HTTPS (trusting the sandbox CA through NODE_EXTRA_CA_CERTS), checked for exit
 * codes, JSON shape and that the secret never appears in its output.
 */

const ROOT = join(__dirname, '..', '..', '..');
let outDir: string;
let cli: string;
let sandbox: SandboxTenant;

function run(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

beforeAll(async () => {
  // The CLI and what it imports, compiled with the project's compiler settings into a fresh
  // folder under lib/ (git-ignored; node_modules resolves from there), so the test does not
  // depend on a previous `npm run build` nor race with one.
  mkdirSync(join(ROOT, 'lib'), { recursive: true });
  outDir = mkdtempSync(join(ROOT, 'lib', '.e2e-connector-check-'));
  const tsc = await run(process.execPath, [
    join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
    'src/cli/connectorCheck.ts',
    '--outDir',
    outDir,
    '--rootDir',
    '.',
    '--module',
    'commonjs',
    '--target',
    'ES2022',
    '--moduleResolution',
    'node',
    '--strict',
    '--esModuleInterop',
    '--resolveJsonModule',
    '--skipLibCheck',
    '--types',
    'node',
  ]);
  if (tsc.code !== 0) throw new Error(`tsc failed: ${tsc.stdout}${tsc.stderr}`);
  cli = join(outDir, 'src', 'cli', 'connectorCheck.js');
  sandbox = await startSandboxTenant({ fixture: loadScenarioFixture() });
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

afterEach(() => sandbox.controls.setMode('graph', 'ok'));

function envFor(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_EXTRA_CA_CERTS: sandbox.caPath,
    AUTHORITY_HOST: sandbox.authorityHost,
    GRAPH_ENDPOINT: sandbox.graphEndpoint,
    ...extra,
  };
  delete env.AZURE_CLOUD;
  if (extra.AZURE_CLOUD) env.AZURE_CLOUD = extra.AZURE_CLOUD;
  if (!('CONNECTOR_CLIENT_SECRET' in extra)) delete env.CONNECTOR_CLIENT_SECRET;
  return env;
}

function expectNoSecret(out: { stdout: string; stderr: string }, secret: string): void {
  expect(out.stdout).not.toContain(secret);
  expect(out.stderr).not.toContain(secret);
}

test('the compiled bin starts with a node shebang', () => {
  expect(readFileSync(cli, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
});

test('all granted, --json: exit 0 and the full report', async () => {
  const s = SCENARIOS.allGranted;
  const out = await run(process.execPath, [cli, '--tenant', s.tenantId, '--client-id', s.clientId, '--json'], {
    env: envFor({ CONNECTOR_CLIENT_SECRET: s.clientSecret }),
  });
  expect(out.code).toBe(0);
  const json = JSON.parse(out.stdout) as {
    kind: string;
    verdict: string;
    cloud: string;
    permissions: { status: string }[];
    secret: { hint: string; daysLeft: number };
    links: { adminConsent: string };
  };
  expect(json).toMatchObject({ kind: 'report', verdict: 'Ready', cloud: 'custom' });
  expect(json.permissions.map((p) => p.status)).toEqual(Array(7).fill('Granted'));
  expect(json.secret.hint).toBe(s.clientSecret.slice(0, 3));
  expect(json.links.adminConsent.startsWith(sandbox.authorityHost)).toBe(true);
  expectNoSecret(out, s.clientSecret);
});

test('partly consented, table, secret piped on stdin: exit 1 with statuses and next steps', async () => {
  const s = SCENARIOS.partlyConsented;
  const out = await run(process.execPath, [cli, '--tenant', s.tenantDomain, '--client-id', s.clientId], {
    env: envFor(),
    input: `${s.clientSecret}\n`,
  });
  expect(out.code).toBe(1);
  expect(out.stdout).toMatch(/^Connector check: Action needed/);
  expect(out.stdout).toMatch(/\[ \] User\.Read\.All\s+Delegated\s+Not granted/);
  expect(out.stdout).toMatch(/\[x\] Directory\.Read\.All\s+Application\s+Granted/);
  expect(out.stdout).toMatch(/Next steps:\n {2}1\. Grant admin consent/);
  expectNoSecret(out, s.clientSecret);
});

test('Graph reads throttled past the retries: exit 3, Check incomplete in the JSON with why and when', async () => {
  const s = SCENARIOS.allGranted;
  sandbox.controls.injectFault({
    target: 'graph-item',
    status: 429,
    times: 3,
    retryAfterSeconds: 0,
    itemUrlContains: 'oauth2PermissionGrants',
  });
  const out = await run(process.execPath, [cli, '--tenant', s.tenantId, '--client-id', s.clientId, '--json'], {
    env: envFor({ CONNECTOR_CLIENT_SECRET: s.clientSecret }),
  });
  expect(out.code).toBe(3);
  const json = JSON.parse(out.stdout) as { verdict: string; incomplete?: { reasons: string[]; retry: string } };
  expect(json.verdict).toBe('Check incomplete');
  expect(json.incomplete?.reasons.join(' ')).toMatch(/throttling/);
  expect(json.incomplete?.retry).toMatch(/retest/);
  expectNoSecret(out, s.clientSecret);
});

test('wrong secret: exit 2 with the explanation', async () => {
  const s = SCENARIOS.allGranted;
  const out = await run(process.execPath, [cli, '--tenant', s.tenantId, '--client-id', s.clientId], {
    env: envFor(),
    input: WRONG_SECRET,
  });
  expect(out.code).toBe(2);
  expect(out.stdout).toMatch(/Connector check failed: The client secret is wrong/);
  expect(out.stdout).toMatch(/For support: AADSTS7000215, Correlation ID [0-9a-f-]{36}/);
  expectNoSecret(out, WRONG_SECRET);
});

test('Secret ID given: exit 2, JSON failure with the field to fix, no request made', async () => {
  const s = SCENARIOS.allGranted;
  sandbox.controls.clearRequestLog();
  const out = await run(process.execPath, [cli, '--tenant', s.tenantId, '--client-id', s.clientId, '--json'], {
    env: envFor({ CONNECTOR_CLIENT_SECRET: s.secretKeyId }),
  });
  expect(out.code).toBe(2);
  expect(JSON.parse(out.stdout)).toMatchObject({ kind: 'failure', code: 'secret-id-given', field: 'clientSecret' });
  expect(sandbox.controls.requestLog()).toEqual([]);
});

test('a secret on the command line is refused, and not echoed', async () => {
  const s = SCENARIOS.allGranted;
  for (const flag of [['--secret', s.clientSecret], [`--client-secret=${s.clientSecret}`]]) {
    const out = await run(process.execPath, [cli, '--tenant', s.tenantId, '--client-id', s.clientId, ...flag], {
      env: envFor(),
    });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/not accepted as a command-line argument.*CONNECTOR_CLIENT_SECRET/);
    expectNoSecret(out, s.clientSecret);
  }
});

test('a Graph endpoint that hangs: exit 2 after --timeout, the process does not hang', async () => {
  const s = SCENARIOS.allGranted;
  sandbox.controls.setMode('graph', 'hang');
  const out = await run(
    process.execPath,
    [cli, '--tenant', s.tenantId, '--client-id', s.clientId, '--json', '--timeout', '1.5'],
    { env: envFor({ CONNECTOR_CLIENT_SECRET: s.clientSecret }) },
  );
  expect(out.code).toBe(2);
  expect(JSON.parse(out.stdout)).toMatchObject({ kind: 'failure', code: 'timeout', retryable: true });
});

test('--help, unknown options and a bad AZURE_CLOUD', async () => {
  const help = await run(process.execPath, [cli, '--help'], { env: envFor() });
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/Usage: connector-check --tenant/);
  const unknown = await run(process.execPath, [cli, '--frobnicate'], { env: envFor() });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/frobnicate/);
  const cloud = await run(process.execPath, [cli, '--tenant', 'x.com', '--client-id', 'y'], {
    env: envFor({ AZURE_CLOUD: 'mars', CONNECTOR_CLIENT_SECRET: 'z' }),
  });
  expect(cloud.code).toBe(2);
  expect(cloud.stderr).toMatch(/AZURE_CLOUD must be public, usgov or china/);
  const http = await run(process.execPath, [cli, '--tenant', 'x.com', '--client-id', 'y'], {
    env: envFor({ AUTHORITY_HOST: 'http://localhost:1' }),
  });
  expect(http.code).toBe(2);
  expect(http.stderr).toMatch(/AUTHORITY_HOST must be an https:\/\/ URL/);
});

test('a missing flag is named, with the usage, exit 2, before any secret is read', async () => {
  const s = SCENARIOS.allGranted;
  const noClient = await run(process.execPath, [cli, '--tenant', s.tenantId], {
    env: envFor({ CONNECTOR_CLIENT_SECRET: 'x' }),
  });
  expect(noClient.code).toBe(2);
  expect(noClient.stderr).toMatch(/^connector-check: missing --client-id/);
  expect(noClient.stderr).toContain('Usage: connector-check --tenant');
  expect(noClient.stdout).toBe('');
  expect(noClient.stderr).not.toMatch(/Enter the client id|too short|Client secret/);
  const neither = await run(process.execPath, [cli], { env: envFor(), input: 'x\n' });
  expect(neither.code).toBe(2);
  expect(neither.stderr).toMatch(/^connector-check: missing --tenant and --client-id/);
});

test('an input error says it once, with plural forms right', async () => {
  const s = SCENARIOS.allGranted;
  const out = await run(process.execPath, [cli, '--tenant', s.tenantId, '--client-id', s.clientId], {
    env: envFor({ CONNECTOR_CLIENT_SECRET: 'x' }),
  });
  expect(out.code).toBe(2);
  expect(out.stdout).toContain('That is too short to be a client secret (1 character;');
  expect(out.stdout.match(/too short to be a client secret/g)).toHaveLength(1);
  expect(out.stdout).not.toContain('Fix:');
});

test('a connection error names the host that was tried', async () => {
  const s = SCENARIOS.allGranted;
  const out = await run(process.execPath, [cli, '--tenant', s.tenantId, '--client-id', s.clientId], {
    env: envFor({ CONNECTOR_CLIENT_SECRET: s.clientSecret, AUTHORITY_HOST: 'https://127.0.0.1:9' }),
  });
  expect(out.code).toBe(2);
  expect(out.stdout).toMatch(/^Connector check failed/);
  expect(out.stdout).toContain('Host tried: https://127.0.0.1:9');
});
