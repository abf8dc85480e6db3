import { measureConsentBench } from './consentBenchRuns';

/** Child-process entry of the consent benchmark: prints the raw measurements as JSON. */
measureConsentBench(Number(process.env.CONSENT_BENCH_RUNS) || 15)
  .then((raw) => {
    process.stdout.write(JSON.stringify(raw), () => process.exit(0));
  })
  .catch((error: unknown) => {
    process.stderr.write(`consent bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
