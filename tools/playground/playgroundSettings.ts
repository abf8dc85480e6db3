import { existsSync, readFileSync } from 'fs';
import { createServer } from 'net';
import { join } from 'path';

/** The fixed ports `npm run playground` uses; fixed so the sandbox demo app's redirect URI matches. */
export interface PlaygroundPorts {
  /** The bot (PORT). */
  readonly bot: number;
  /** The Agents Playground page (PLAYGROUND_PORT). */
  readonly playground: number;
  /** The sandbox's Entra ID double (SANDBOX_LOGIN_PORT). */
  readonly sandboxLogin: number;
  /** The sandbox's Microsoft Graph double (SANDBOX_GRAPH_PORT). */
  readonly sandboxGraph: number;
}

const DEFAULTS = { PORT: 3978, PLAYGROUND_PORT: 56150, SANDBOX_LOGIN_PORT: 44300, SANDBOX_GRAPH_PORT: 44301 } as const;
type PortKey = keyof typeof DEFAULTS;

/** KEY=VALUE lines of a Teams Toolkit style env file (comments and blanks skipped). */
export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const values: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match && !line.trim().startsWith('#')) values[match[1]] = match[2];
  }
  return values;
}

/**
 * Ports from the process environment, else env/.env.playground, else the defaults.
 * Throws a readable error naming the key when a value is not a port number.
 */
export function resolvePorts(repoRoot: string, env: NodeJS.ProcessEnv = process.env): PlaygroundPorts {
  const file = readEnvFile(join(repoRoot, 'env', '.env.playground'));
  const port = (key: PortKey): number => {
    const text = env[key]?.trim() || file[key]?.trim() || String(DEFAULTS[key]);
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > 65535)
      throw new Error(`${key}=${text} is not a port number (1-65535)`);
    return value;
  };
  return {
    bot: port('PORT'),
    playground: port('PLAYGROUND_PORT'),
    sandboxLogin: port('SANDBOX_LOGIN_PORT'),
    sandboxGraph: port('SANDBOX_GRAPH_PORT'),
  };
}

/** True when something already listens on `port` (checked on every interface). */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'EADDRINUSE' || error.code === 'EACCES'),
    );
    probe.listen({ port, exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

/** Lists every busy port with the setting that moves it; empty when all are free. */
export async function busyPorts(ports: PlaygroundPorts): Promise<string[]> {
  const named: [string, number][] = [
    ['PORT (the bot)', ports.bot],
    ['PLAYGROUND_PORT (Agents Playground)', ports.playground],
    ['SANDBOX_LOGIN_PORT (sandbox Entra ID)', ports.sandboxLogin],
    ['SANDBOX_GRAPH_PORT (sandbox Graph)', ports.sandboxGraph],
  ];
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const [name, port] of named) {
    if (seen.has(port)) problems.push(`${name}: port ${port} is used twice in this configuration`);
    else if (await portInUse(port)) problems.push(`${name}: port ${port} is already in use`);
    seen.add(port);
  }
  return problems;
}
