/**
 * `npm run playground`: the sandbox tenant, the bot in local mode and the Microsoft 365 Agents
 * Playground, started together so a newcomer can do the whole setup flow in a browser.
 * Development only: the bot runs without Bot Framework authentication against a fake tenant.
 */
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'fs';
import { dirname, join, relative } from 'path';
import { ensureSandboxCertificates } from '../sandbox-tenant/certificates';
import demoFixture from '../sandbox-tenant/fixtures/demo.json';
import { DEMO, DEMO_NEEDS_REPAIR, SIGN_IN_APP } from '../sandbox-tenant/scenarios';
import { withRedirectOrigin } from '../sandbox-tenant/fixtureRedirects';
import { startAgentsPlayground, waitForHttp } from './agentsPlayground';
import { renderBanner } from './banner';
import { spawnGroup, type ChildHandle } from './childProcess';
import { busyPorts, resolvePorts } from './playgroundSettings';

/** The demo app's registered redirect URI in fixtures/demo.json. */
const START_TIMEOUT_MS = 60_000;

function repoRoot(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

const children: ChildHandle[] = [];
let shuttingDown = false;

async function shutdown(code: number, message?: string): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    if (message) process.stderr.write(`${message}\n`);
    for (const child of [...children].reverse()) await child.stop();
  }
  process.exit(code);
}

function watch(child: ChildHandle): ChildHandle {
  children.push(child);
  void child.exited.then((code) => {
    if (shuttingDown) return;
    void shutdown(
      1,
      `\n${child.name} stopped unexpectedly (exit code ${String(code)}). Its last output:\n${child.output().slice(-3000)}`,
    );
  });
  return child;
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void shutdown(0, '\nStopping the playground, the bot and the sandbox tenant…'));
  process.once('SIGTERM', () => void shutdown(0));
  process.on('exit', () => children.forEach((child) => child.killNow()));

  const root = repoRoot();
  const botEntry = join(root, 'lib', 'src', 'index.js');
  const sandboxEntry = join(root, 'lib', 'tools', 'sandbox-tenant', 'main.js');
  for (const entry of [botEntry, sandboxEntry]) {
    if (!existsSync(entry))
      throw new Error(
        `${relative(root, entry)} is missing: run \`npm run build\` first (\`npm run playground\` does).`,
      );
  }
  const ports = resolvePorts(root);
  const busy = await busyPorts(ports);
  if (busy.length > 0) {
    throw new Error(
      [
        'Cannot start the playground:',
        ...busy.map((line) => `  - ${line}`),
        'Stop whatever uses it (an earlier `npm run playground`?), or pick other ports, e.g.',
        '  PORT=4978 PLAYGROUND_PORT=57150 npm run playground   (or edit env/.env.playground)',
      ].join('\n'),
    );
  }

  const certs = ensureSandboxCertificates(join(root, '.sandbox', 'certs'));
  const dataDir = join(root, 'data', 'playground');
  const logsDir = join(dataDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const log = (name: string): NodeJS.WritableStream => createWriteStream(join(logsDir, `${name}.log`), { flags: 'a' });

  // The demo app's redirect URI must name the bot's port for the consent callback to work.
  const publicUrl = `http://localhost:${ports.bot}`;
  const fixturePath = join(dataDir, 'sandbox-fixture.json');
  writeFileSync(fixturePath, JSON.stringify(withRedirectOrigin(demoFixture, publicUrl), null, 2));

  process.stdout.write('Starting the sandbox tenant…\n');
  const sandbox = watch(
    spawnGroup(
      'The sandbox tenant',
      process.execPath,
      [
        sandboxEntry,
        '--login-port',
        String(ports.sandboxLogin),
        '--graph-port',
        String(ports.sandboxGraph),
        '--fixture',
        fixturePath,
      ],
      { cwd: root, echo: log('sandbox') },
    ),
  );
  const authorityHost = (await sandbox.waitForOutput(/AUTHORITY_HOST=(\S+)/, START_TIMEOUT_MS))[1];
  const graphEndpoint = (await sandbox.waitForOutput(/GRAPH_ENDPOINT=(\S+)/, START_TIMEOUT_MS))[1];

  process.stdout.write('Starting the bot…\n');
  const bot = watch(
    spawnGroup('The bot', process.execPath, [botEntry], {
      cwd: root,
      echo: log('bot'),
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(ports.bot),
        BOT_ID: '',
        BOT_PASSWORD: '',
        DATA_DIR: dataDir,
        AUTHORITY_HOST: authorityHost,
        GRAPH_ENDPOINT: graphEndpoint,
        PUBLIC_URL: publicUrl,
        // The sandbox's sign-in app (sandbox-only values): turns on Fix it for me.
        ADMIN_SIGNIN_CLIENT_ID: SIGN_IN_APP.clientId,
        ADMIN_SIGNIN_CLIENT_SECRET: SIGN_IN_APP.clientSecret,
        NODE_EXTRA_CA_CERTS: certs.caPath,
      },
    }),
  );
  await Promise.race([
    waitForHttp(`http://127.0.0.1:${ports.bot}/healthz`, START_TIMEOUT_MS),
    bot.exited.then((code) =>
      Promise.reject(new Error(`The bot exited (code ${String(code)}):\n${bot.output().slice(-3000)}`)),
    ),
  ]);

  process.stdout.write('Starting the Microsoft 365 Agents Playground…\n');
  const playground = await startAgentsPlayground({
    botEndpoint: `http://127.0.0.1:${ports.bot}/api/messages`,
    port: ports.playground,
    logFile: join(logsDir, 'agents-playground.log'),
    echo: log('agents-playground-console'),
  });
  watch(playground.process);

  process.stdout.write(
    renderBanner({
      playgroundUrl: playground.url,
      ports,
      demo: DEMO,
      needsRepair: DEMO_NEEDS_REPAIR,
      dataDir: relative(process.cwd(), dataDir) || '.',
      logsDir: relative(process.cwd(), logsDir),
      caPath: relative(process.cwd(), certs.caPath),
    }),
  );
}

main().catch((error: unknown) => {
  void shutdown(1, `\n${error instanceof Error ? error.message : String(error)}`);
});
