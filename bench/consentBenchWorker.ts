import { measureConsentBench } from './consentBenchRuns';
import { printAndExit } from './sandboxWorker';

/** Child-process entry of the consent benchmark: prints the raw measurements as JSON. */
printAndExit('consent', measureConsentBench(Number(process.env.CONSENT_BENCH_RUNS) || 15));
