import { startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { conversation } from '../../helpers/teamsActivities';

/**
 * Teams gives up on a request after ~15 s and re-sends it, so a reply the Bot Connector
 * throttles must not hold the request: retries happen only within the turn's reply budget
 * (2 s here), past it the reply is dropped with a log line and the request is answered.
 */
describe('an in-turn reply never holds the request past the reply budget', () => {
  let bot: BotHarness;
  const logs: string[] = [];

  beforeAll(async () => {
    bot = await startBotHarness({
      env: { LOG_LEVEL: 'warn' },
      overrides: { replyBudgetMs: 2_000, logSink: (line) => logs.push(line) },
    });
  });
  afterAll(() => bot.stop());

  it('429 with Retry-After: 3600 is not waited out: the request is answered and the drop is logged', async () => {
    logs.length = 0;
    const conv = conversation();
    bot.connector.injectFault({ status: 429, retryAfterSeconds: 3600, conversationId: conv.id, times: 20 });
    const started = Date.now();
    const outcome = await bot.send(conv, 'help');
    // Generous bound that cannot flake: the Retry-After alone is 3,600 s.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(outcome.status).toBe(200);
    expect(outcome.sent.filter((c) => c.status === 429).length).toBeGreaterThan(0);
    expect(logs.some((line) => line.includes('reply.dropped_past_budget'))).toBe(true);
    expect(logs.join('\n')).not.toContain('turn.failed');
  });

  it('a short Retry-After within the budget is retried and the reply arrives', async () => {
    const conv = conversation();
    bot.connector.injectFault({ status: 429, retryAfterSeconds: 1, conversationId: conv.id, times: 1 });
    const outcome = await bot.send(conv, 'help');
    expect(outcome.status).toBe(200);
    expect(outcome.sent.map((c) => c.status)).toEqual([429, 200]);
    expect(outcome.sent[1]?.activity?.type).toBe('message');
  });
});
