/**
 * `npm run sandbox`: runs the sandbox tenant until Ctrl+C. A development and test tool only —
 * the bot and the CLI never use it unless AUTHORITY_HOST and GRAPH_ENDPOINT point at it.
 */
import { loadDemoFixture, loadFixtureFile, SandboxFixture } from './fixture';
import { startSandboxTenant } from './sandboxTenant';

interface CliOptions {
  loginPort: number;
  graphPort: number;
  fixturePath?: string;
  latencyMs: number;
  replicationDelayMs: number;
  pageSize?: number;
}

const USAGE =
  'usage: sandbox [--login-port N] [--graph-port N] [--fixture file.json] [--latency ms] [--replication-delay ms] [--page-size 1..999]';

function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { loginPort: 0, graphPort: 0, latencyMs: 0, replicationDelayMs: 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    const number = (): number => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number >= 0, got "${value}"`);
      return n;
    };
    switch (flag) {
      case '--login-port':
        options.loginPort = number();
        break;
      case '--graph-port':
        options.graphPort = number();
        break;
      case '--latency':
        options.latencyMs = number();
        break;
      case '--replication-delay':
        options.replicationDelayMs = number();
        break;
      case '--page-size':
        options.pageSize = number();
        break;
      case '--fixture':
        options.fixturePath = value;
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const fixture: SandboxFixture = options.fixturePath ? loadFixtureFile(options.fixturePath) : loadDemoFixture();
  const sandbox = await startSandboxTenant({
    fixture,
    loginPort: options.loginPort,
    graphPort: options.graphPort,
    latencyMs: options.latencyMs,
    replicationDelayMs: options.replicationDelayMs,
    pageSize: options.pageSize,
  });
  const tenant = fixture.tenants[0];
  const app = tenant?.applications[0];
  const lines = [
    '',
    '  SANDBOX TENANT — a local development and test double of Entra ID and Microsoft Graph.',
    '  Not Microsoft. Nothing uses it unless you point AUTHORITY_HOST / GRAPH_ENDPOINT at it.',
    '',
    `  AUTHORITY_HOST=${sandbox.authorityHost}`,
    `  GRAPH_ENDPOINT=${sandbox.graphEndpoint}`,
    `  NODE_EXTRA_CA_CERTS=${sandbox.caPath}   (set before starting the bot or the CLI)`,
    '',
  ];
  if (tenant && app) {
    lines.push(
      `  Tenant:        ${tenant.domains[0] ?? tenant.tenantId}  (${tenant.tenantId})`,
      `  Client ID:     ${app.appId}  (${app.displayName})`,
      `  Client secret: ${app.secrets[0]?.value ?? '(none in fixture)'}  (sandbox-only value)`,
      '',
    );
  }
  const signIn = tenant?.applications.find((a) => a.signInAudience === 'AzureADMultipleOrgs');
  if (tenant && signIn) {
    lines.push(
      `  Sign-in app:   ${signIn.appId}  secret ${signIn.secrets[0]?.value ?? '(none)'}  (ADMIN_SIGNIN_CLIENT_ID / _SECRET)`,
      `  Users:         ${tenant.users.map((u) => `${u.userPrincipalName} (${u.roles[0] ?? 'User'})`).join(', ')}`,
      '',
    );
  }
  lines.push(
    `  Admin consent: ${sandbox.authorityHost}/${tenant?.tenantId ?? '{tenant}'}/adminconsent?client_id=${app?.appId ?? '{client}'}`,
    `  Controls:      ${sandbox.authorityHost}/_sandbox/requests  (see tools/sandbox-tenant/README.md)`,
    '',
    '  Ctrl+C stops it.',
    '',
  );
  process.stdout.write(lines.join('\n'));

  const stop = (): void => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
