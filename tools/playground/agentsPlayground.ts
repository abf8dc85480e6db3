import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PRODUCT_NAME } from '../../src/cards/productName';
import { spawnGroup, type ChildHandle } from './childProcess';
import { playgroundConfigYaml } from './playgroundConfig';

/** How to start the Microsoft 365 Agents Playground (package @microsoft/m365agentsplayground). */
export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  readonly botEndpoint: string;
  /** 0 = any free port. A busy fixed port makes the playground silently pick another. */
  readonly port?: number;
  /** Where the playground writes its log (default: a new temp folder, not the repo's devTools/). */
  readonly logFile?: string;
  /** Copy its output here (the runner passes process.stdout). */
  readonly echo?: NodeJS.WritableStream;
  readonly startTimeoutMs?: number;
  /** The bot's display name in the playground (default: the product name; at most 42 characters). */
  readonly botName?: string;
}

export interface RunningPlayground {
  /** The page to open, e.g. http://localhost:56150/ */
  readonly url: string;
  readonly port: number;
  readonly process: ChildHandle;
  stop(): Promise<void>;
}

/** The playground's CLI script, started with this Node binary (no npx, no shell). */
export function playgroundCliPath(): string {
  return require.resolve('@microsoft/m365agentsplayground/cli.js');
}

/**
 * Starts the playground offline (no browser, no telemetry) in the Teams channel and resolves
 * once its page answers. It binds all interfaces; it has no option to bind loopback only.
 */
export async function startAgentsPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  // A folder of its own for the configuration file (and the log unless one is named).
  const ownDir = mkdtempSync(join(tmpdir(), 'agents-playground-'));
  const logFile = options.logFile ?? join(ownDir, 'playground.log');
  const configFile = join(ownDir, 'm365agentsplayground.yml');
  writeFileSync(configFile, playgroundConfigYaml(options.botName ?? PRODUCT_NAME), { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
  };
  const args = [
    playgroundCliPath(),
    '--app-endpoint',
    options.botEndpoint,
    '--channel-id',
    'msteams',
    '--port',
    String(options.port ?? 0),
    '--disable-telemetry',
  ];
  const child: ChildHandle = spawnGroup('agents-playground', process.execPath, args, { env, echo: options.echo });
  const stop = async (): Promise<void> => {
    await child.stop();
    rmSync(ownDir, { recursive: true, force: true });
  };
  try {
    const match = await child.waitForOutput(/Listening on (\d+)/, options.startTimeoutMs ?? 60_000);
    const port = Number(match[1]);
    const url = `http://localhost:${port}/`;
    await waitForHttp(url, options.startTimeoutMs ?? 60_000);
    return { url, port, process: child, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Polls `url` until it answers 2xx. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}
