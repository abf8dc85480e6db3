import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { createRuntime } from '../src/runtime';
import { startConnectorDouble } from '../tools/connector-double/connectorDouble';
import { runFuzz } from '../tools/fuzz/runFuzz';

/**
 * `node lib/bench/edgeFuzz.js [cases] [seed]` (after npm run build): the full seeded fuzz of
 * /api/messages (5,000 cases by default) against the real runtime in local mode on port 0,
 * printing the status counts, every answer >= 500, /healthz failures, unhandled rejections
 * and the p50/p99 answer time. The test suite runs the same generator for 1,000 cases.
 * Exits 1 when any case answered >= 500 or not at all.
 */
async function main(): Promise<number> {
  const cases = Number(process.argv[2] ?? 5000);
  const seed = Number(process.argv[3] ?? 20_240_909);
  let rejections = 0;
  process.on('unhandledRejection', () => {
    rejections += 1;
  });
  const connector = await startConnectorDouble();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ccb-fuzz-'));
  let turnErrors = 0;
  const config = loadConfig({
    BOT_ID: '',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    // No real Microsoft endpoint: a fuzzed check fails fast on a closed local port.
    AUTHORITY_HOST: 'https://localhost:9',
    GRAPH_ENDPOINT: 'https://localhost:9',
  });
  const runtime = createRuntime(config, {
    logSink: (line) => {
      if (line.includes('turn.failed')) turnErrors += 1;
    },
  });
  try {
    const port = await runtime.listen(0, '127.0.0.1');
    const started = Date.now();
    const result = await runFuzz({ botUrl: `http://127.0.0.1:${port}`, serviceUrl: connector.serviceUrl, cases, seed });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const fiveHundreds = result.failures.length;
    process.stdout.write(
      [
        `edge fuzz: ${result.cases} cases, seed ${seed}, ${seconds} s`,
        `statuses: ${JSON.stringify(result.statusCounts)}`,
        `answers >= 500 or none: ${fiveHundreds}`,
        `/healthz: ${result.healthChecks - result.healthFailures}/${result.healthChecks} answered 200`,
        `unhandled rejections: ${rejections}; turn.failed log lines: ${turnErrors}`,
        `answer time: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms`,
        ...result.failures.slice(0, 5).map((f) => `  case ${f.n}: ${f.status} ${f.body} <- ${f.activity}`),
      ].join('\n') + '\n',
    );
    return fiveHundreds === 0 && result.healthFailures === 0 && rejections === 0 ? 0 : 1;
  } finally {
    await runtime.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
