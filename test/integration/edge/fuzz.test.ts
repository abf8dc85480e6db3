import { runFuzz, type FuzzResult } from '../../../tools/fuzz/runFuzz';
import { startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { installOutboundGuard, type OutboundGuard } from '../../helpers/outboundGuard';

const CASES = 1_000;
const SEED = 20_240_909;

/**
 * A seeded fuzz of mutated activities and card payloads against the real server on port 0:
 * no answer >= 500, no unhandled rejection, /healthz always 200, nothing leaves loopback.
 * The full 5,000-case run with timings is bench/edgeFuzz.ts (docs/benchmarks.md).
 */
describe(`seeded fuzz of the /api/messages edge (${CASES} cases, seed ${SEED})`, () => {
  let bot: BotHarness;
  let guard: OutboundGuard;
  let result: FuzzResult;
  const rejections: unknown[] = [];
  const turnErrors: string[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };

  beforeAll(async () => {
    guard = installOutboundGuard();
    process.on('unhandledRejection', onRejection);
    bot = await startBotHarness({
      overrides: { logSink: (line) => line.includes('turn.failed') && turnErrors.push(line.slice(0, 500)) },
    });
    result = await runFuzz({ botUrl: bot.url, serviceUrl: bot.connector.serviceUrl, cases: CASES, seed: SEED });
  }, 240_000); // ~10 s on an idle 2-core VM; ~95 s when both jest workers and other builds share it
  afterAll(async () => {
    await bot.stop();
    process.off('unhandledRejection', onRejection);
    guard.restore();
  });

  it('answers every case, none with a status >= 500', () => {
    expect(result.failures).toEqual([]);
    expect(Object.values(result.statusCounts).reduce((a, b) => a + b, 0)).toBe(CASES);
  });

  it('exercises both refusals and real turns (the fuzz is not all 400s)', () => {
    expect(result.statusCounts['200'] ?? 0).toBeGreaterThan(CASES / 5);
    expect(result.statusCounts['400'] ?? 0).toBeGreaterThan(CASES / 10);
  });

  it('keeps /healthz at 200, raises no unhandled rejection and no turn error', () => {
    expect(result.healthChecks).toBeGreaterThanOrEqual(CASES / 100);
    expect(result.healthFailures).toBe(0);
    expect(rejections).toEqual([]);
    expect(turnErrors).toEqual([]);
  });

  it('never connects outside loopback', () => {
    expect(guard.refused()).toEqual([]);
  });
});
