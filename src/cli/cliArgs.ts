import { parseArgs } from 'util';

/** What the command line asked for; the secret is deliberately not among it. */
export interface CliOptions {
  readonly tenant?: string;
  readonly clientId?: string;
  readonly json: boolean;
  readonly help: boolean;
  readonly timeoutMs?: number;
  readonly profile?: string;
}

export type CliArgsResult = { ok: true; options: CliOptions } | { ok: false; message: string };

/** Command-line arguments are visible to every user of the machine (ps, shell history). */
const SECRET_FLAG = /^--?(client[-_]?)?secret(=|$)|^--password(=|$)/i;

export const USAGE = `Usage: connector-check --tenant <tenant id or domain> --client-id <application id> [--json]

Checks an Entra ID app registration for the Office 365 connector: which Microsoft Graph
permissions are granted, and when its client secret expires.

The client secret is read from the CONNECTOR_CLIENT_SECRET environment variable, or from
standard input (typed hidden at a terminal, or piped). It is never accepted as an argument.

Options:
  --tenant <value>     Directory (tenant) ID, or a domain such as contoso.onmicrosoft.com
  --client-id <value>  Application (client) ID of the app registration
  --json               Print the full result as JSON instead of a table
  --timeout <seconds>  Give up after this many seconds (default 20)
  --profile <id>       Permission profile from profiles/ (default office365-connector)
  -h, --help           Show this help

Environment:
  CONNECTOR_CLIENT_SECRET  The client secret's Value
  AZURE_CLOUD              public (default) | usgov | china
  AUTHORITY_HOST           Override the sign-in authority (https), e.g. a test double
  GRAPH_ENDPOINT           Override the Microsoft Graph endpoint (https)

Exit codes: 0 Ready, 1 Action needed, 2 the check could not be done (error),
            3 Check incomplete (Microsoft Graph reads failed or were throttled; retry later).
`;

/**
 * The required flags the command line left out, e.g. ['--client-id']. Checked before the secret
 * is read, so a forgotten flag is named instead of surfacing later as a confusing input error.
 */
export function missingFlags(options: CliOptions): string[] {
  const missing: string[] = [];
  if (!options.tenant?.trim()) missing.push('--tenant');
  if (!options.clientId?.trim()) missing.push('--client-id');
  return missing;
}

/** Parses argv (without node and script); refuses a secret given as an argument, with the reason. */
export function parseCliArgs(argv: readonly string[]): CliArgsResult {
  if (argv.some((arg) => SECRET_FLAG.test(arg))) {
    return {
      ok: false,
      message:
        'The client secret is not accepted as a command-line argument: arguments are visible to other users (ps) and kept in shell history. Set CONNECTOR_CLIENT_SECRET or pipe the secret on standard input instead.',
    };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        tenant: { type: 'string' },
        'client-id': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        timeout: { type: 'string' },
        profile: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    const text = error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'invalid arguments';
    return { ok: false, message: `${text.slice(0, 200)}. Run connector-check --help for usage.` };
  }
  let timeoutMs: number | undefined;
  if (typeof values.timeout === 'string') {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
      return { ok: false, message: '--timeout must be a number of seconds between 0 and 600.' };
    }
    timeoutMs = Math.round(seconds * 1000);
  }
  return {
    ok: true,
    options: {
      tenant: typeof values.tenant === 'string' ? values.tenant : undefined,
      clientId: typeof values['client-id'] === 'string' ? values['client-id'] : undefined,
      json: values.json === true,
      help: values.help === true,
      timeoutMs,
      profile: typeof values.profile === 'string' ? values.profile : undefined,
    },
  };
}
