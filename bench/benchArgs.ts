/** The sections `npm run bench` knows, in the order they run. */
export const SECTION_IDS = ['consent', 'repair', 'bot', 'reminders'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** What the command line asked for. */
export interface BenchArgs {
  /** Sections to run, in SECTION_IDS order. */
  readonly sections: readonly SectionId[];
  /** Fewer iterations: a smoke run that proves the benchmarks work, not numbers to quote. */
  readonly quick: boolean;
  readonly help: boolean;
}

export const BENCH_USAGE = `Usage: node lib/bench/main.js [--only ${SECTION_IDS.join(',')}] [--quick]
  --only LIST   run only these sections (comma-separated; also --only=LIST)
  --quick       fewer iterations, for a smoke run
  --help        this text`;

const isSectionId = (value: string): value is SectionId => (SECTION_IDS as readonly string[]).includes(value);

/**
 * Parses the bench's arguments. Throws an Error whose message names the bad argument, so a
 * typo in --only fails loudly instead of silently running nothing.
 */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let only: Set<SectionId> | undefined;
  let quick = false;
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--quick') quick = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const list = arg === '--only' ? argv[(i += 1)] : arg.slice('--only='.length);
      if (list === undefined || list.trim() === '')
        throw new Error(`--only needs a list of sections: ${SECTION_IDS.join(', ')}`);
      only ??= new Set<SectionId>();
      for (const raw of list.split(',')) {
        const name = raw.trim().toLowerCase();
        if (name === '') continue;
        if (!isSectionId(name))
          throw new Error(`unknown section "${name.slice(0, 40)}" in --only (known: ${SECTION_IDS.join(', ')})`);
        only.add(name);
      }
      if (only.size === 0) throw new Error(`--only needs a list of sections: ${SECTION_IDS.join(', ')}`);
    } else {
      throw new Error(`unknown argument "${arg.slice(0, 40)}"`);
    }
  }
  const sections = SECTION_IDS.filter((id) => !only || only.has(id));
  return { sections, quick, help };
}
