import { startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { installOutboundGuard, type OutboundGuard } from '../../helpers/outboundGuard';
import { conversation, messageActivity } from '../../helpers/teamsActivities';

/**
 * Every reply goes to the activity's serviceUrl with the bot's token, so a serviceUrl that is
 * not an allowed Bot Connector host must be refused before the turn runs: no connection to
 * it (the guard refuses and records any attempt, so nothing ever leaves loopback), nothing
 * stored, one warning.
 */
describe('an activity whose serviceUrl is not allowed is refused at the edge (local mode)', () => {
  let bot: BotHarness;
  let guard: OutboundGuard;
  const logs: string[] = [];

  beforeAll(async () => {
    guard = installOutboundGuard();
    bot = await startBotHarness({ env: { LOG_LEVEL: 'warn' }, overrides: { logSink: (line) => logs.push(line) } });
  });
  afterAll(async () => {
    await bot.stop();
    guard.restore();
  });

  it.each([
    'http://169.254.169.254/',
    'http://10.0.0.1/',
    'http://2852039166/',
    'http://[::ffff:a9fe:a9fe]/',
    'https://evil.example/',
  ])('%s: 4xx, no connection attempted, nothing stored, one warning', async (serviceUrl) => {
    guard.clear();
    logs.length = 0;
    const conv = conversation();
    const outcome = await bot.post(messageActivity(conv, serviceUrl, 'help'));
    expect(guard.refused()).toEqual([]);
    expect(outcome.status).toBeGreaterThanOrEqual(400);
    expect(outcome.status).toBeLessThan(500);
    expect(outcome.body).toEqual({ error: expect.stringMatching(/serviceUrl/) });
    expect(outcome.sent).toEqual([]);
    expect(await bot.runtime.store.getConversation(conv.id)).toBeUndefined();
    const warnings = logs.filter((line) => line.includes('"level":"warn"'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('service_url_refused');
  });

  it('a loopback serviceUrl (the connector double) is still answered', async () => {
    const outcome = await bot.send(conversation(), 'help');
    expect(outcome.status).toBe(200);
    expect(outcome.sent.length).toBeGreaterThan(0);
    expect(guard.refused()).toEqual([]);
  });
});
