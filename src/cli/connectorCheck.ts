#!/usr/bin/env node
import { createConnectorChecker, loadProfile, type CheckResult, type PermissionProfile } from '../consent';
import { missingFlags, parseCliArgs, USAGE } from './cliArgs';
import { cloudFromEnv } from './cloudFromEnv';
import { readSecret } from './readSecret';
import { renderResult } from './renderTable';

/**
 * connector-check: the consent core from a terminal. Exit 0 Ready, 1 Action needed, 2 the
 * check could not be done, 3 Check incomplete (Graph reads failed; retry later). The secret comes from the environment or stdin, never argv, and is
 * never printed.
 */

export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** Exit code for a result; scripts can retry on 3 without treating it as a finding. */
export function exitCodeOf(result: CheckResult): 0 | 1 | 2 | 3 {
  if (result.kind === 'failure') return 2;
  if (result.verdict === 'Check incomplete') return 3;
  return result.verdict === 'Ready' ? 0 : 1;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv);
  if (!args.ok) {
    io.stderr.write(`connector-check: ${args.message}\n`);
    return 2;
  }
  if (args.options.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const missing = missingFlags(args.options);
  if (missing.length > 0) {
    io.stderr.write(`connector-check: missing ${missing.join(' and ')}\n\n${USAGE}`);
    return 2;
  }
  const cloud = cloudFromEnv(io.env);
  if (!cloud.ok) {
    io.stderr.write(`connector-check: ${cloud.message}\n`);
    return 2;
  }
  let profile: PermissionProfile;
  try {
    profile = loadProfile(args.options.profile);
  } catch (error) {
    io.stderr.write(`connector-check: ${error instanceof Error ? error.message : 'the profile could not be loaded'}\n`);
    return 2;
  }
  const clientSecret = await readSecret(io);
  const checker = createConnectorChecker({ cloud: cloud.cloud, profile, timeoutMs: args.options.timeoutMs });
  // Progress for people at a terminal; pipes and --json stay clean.
  if ((io.stderr as { isTTY?: boolean }).isTTY && !args.options.json) {
    io.stderr.write(
      `Checking ${args.options.clientId ?? ''} in ${args.options.tenant ?? ''} with Entra ID and Microsoft Graph…\n`,
    );
  }
  const result = await checker.check({
    tenant: args.options.tenant ?? '',
    clientId: args.options.clientId ?? '',
    clientSecret,
  });
  io.stdout.write(args.options.json ? `${JSON.stringify(result, null, 2)}\n` : renderResult(result, cloud.cloud));
  if (
    result.kind === 'failure' &&
    result.field === 'clientSecret' &&
    !io.env.CONNECTOR_CLIENT_SECRET &&
    !args.options.json
  ) {
    io.stderr.write(
      'connector-check: the secret was read from standard input; CONNECTOR_CLIENT_SECRET can provide it instead.\n',
    );
  }
  return exitCodeOf(result);
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  })
    .catch((error: unknown) => {
      process.stderr.write(`connector-check: unexpected error (${error instanceof Error ? error.name : 'unknown'})\n`);
      return 2;
    })
    // A hanging endpoint may keep sockets open after the timeout: exit explicitly once output is flushed.
    .then((code) => process.stdout.write('', () => process.exit(code)));
}
