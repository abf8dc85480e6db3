import { isParentMessage, type BotKind, type ChildMessage } from './botProcessProtocol';

/**
 * Child-process entry of the bot benchmark: `node lib/bench/botProcess.js --kind real|echo`.
 * Serves one bot on 127.0.0.1 (port 0) so its memory and start-up are its own, tells the
 * parent its port over IPC (or prints `port=N` when run by hand), answers memory requests and
 * stops on request, on SIGTERM, or when the parent goes away. The real bot reads its
 * configuration from the environment exactly like `npm start`.
 */

interface Served {
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

function kindFromArgs(argv: readonly string[]): BotKind {
  const i = argv.indexOf('--kind');
  const value = i >= 0 ? argv[i + 1] : undefined;
  if (value === 'real' || value === 'echo') return value;
  throw new Error('usage: botProcess --kind real|echo');
}

async function build(kind: BotKind): Promise<Served> {
  if (kind === 'echo') {
    const { createEchoBot } = await import('./echoBot');
    return createEchoBot();
  }
  const [{ loadConfig }, { createRuntime }] = await Promise.all([import('../src/config'), import('../src/runtime')]);
  return createRuntime(loadConfig(process.env));
}

function tell(message: ChildMessage, then: () => void = () => undefined): void {
  if (process.send) {
    process.send(message, undefined, {}, () => then());
    return;
  }
  if (message.type === 'listening') process.stdout.write(`port=${message.port}\n`);
  else if (message.type === 'failed') process.stderr.write(`${message.message}\n`);
  then();
}

async function main(): Promise<void> {
  const bot = await build(kindFromArgs(process.argv.slice(2)));
  const port = await bot.listen(0, '127.0.0.1');
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    const exit = (): void => process.exit(0);
    setTimeout(exit, 3000).unref();
    bot.stop().then(exit, exit);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  process.on('message', (message: unknown) => {
    if (!isParentMessage(message)) return;
    if (message.type === 'stop') return stop();
    const { rss, heapUsed } = process.memoryUsage();
    const { user, system } = process.cpuUsage();
    tell({ type: 'memory', rss, heapUsed, cpuMicros: user + system });
  });
  tell({ type: 'listening', port });
}

main().catch((error: unknown) => {
  tell({ type: 'failed', message: error instanceof Error ? error.message : String(error) }, () => process.exit(1));
});
