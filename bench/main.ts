import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { BENCH_USAGE, parseBenchArgs, type SectionId } from './benchArgs';
import type { BenchSection } from './benchSection';
import { runBotBench } from './botBench';
import { runConsentBench } from './consentBench';
import { renderSection } from './renderSection';
import { runReminderBench } from './reminderBench';
import { runRepairBench } from './repairBench';

/**
 * `npm run bench`: runs each section, prints it as an aligned table with its notes, and
 * writes every section to lib/bench-results.json (inside the git-ignored build output).
 * Targets show as PASS/MISS in the tables; the exit code is 0 unless a section could not run.
 */

type Runner = (quick: boolean) => Promise<BenchSection>;

const RUNNERS: Record<SectionId, Runner> = {
  consent: (quick) => runConsentBench(quick ? 3 : 15),
  repair: (quick) => runRepairBench(quick ? 2 : 7),
  bot: (quick) => runBotBench({ quick }),
  // runReminderBench has no smaller variant yet: --quick runs it in full (about 100,000 rows).
  reminders: () => runReminderBench(),
};

/** lib/bench-results.json, next to the compiled bench (lib/bench/main.js). */
const RESULTS_PATH = join(__dirname, '..', 'bench-results.json');

interface SectionOutcome {
  readonly id: SectionId;
  readonly seconds: number;
  readonly section?: BenchSection;
  readonly error?: string;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${BENCH_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  const outcomes: SectionOutcome[] = [];
  for (const id of args.sections) {
    const runner = RUNNERS[id];
    process.stderr.write(`[${id}] running${args.quick ? ' (quick)' : ''}...\n`);
    const started = Date.now();
    try {
      const section = await runner(args.quick);
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      outcomes.push({ id, seconds, section });
      process.stdout.write(`\n${renderSection(section)}\n  (${id}: ${seconds} s)\n`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcomes.push({ id, seconds: Math.round((Date.now() - started) / 100) / 10, error: message });
      process.stdout.write(`\n[${id}] FAILED to run: ${message}\n`);
    }
  }
  const results = {
    generatedAt: new Date().toISOString(),
    quick: args.quick,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim(),
      totalMemMb: Math.round(totalmem() / 1_048_576),
      node: process.version,
      platform: process.platform,
    },
    sections: outcomes,
  };
  mkdirSync(dirname(RESULTS_PATH), { recursive: true });
  writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nResults written to ${RESULTS_PATH}\n`);
  return outcomes.some((o) => o.error !== undefined) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
