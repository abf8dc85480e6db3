import { measureRepairBench } from './repairBenchRuns';
import { printAndExit } from './sandboxWorker';

/** Child-process entry of the repair benchmark: prints the raw measurements as JSON. */
printAndExit('repair', measureRepairBench(Number(process.env.REPAIR_BENCH_RUNS) || 7));
