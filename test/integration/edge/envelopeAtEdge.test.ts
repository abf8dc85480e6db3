import { startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { conversation, messageActivity } from '../../helpers/teamsActivities';

/** A malformed envelope is answered 400 with a short JSON error before teams-ai or the store see it. */
describe('the activity envelope is checked at the edge', () => {
  let bot: BotHarness;
  const logs: string[] = [];

  beforeAll(async () => {
    bot = await startBotHarness({ overrides: { logSink: (line) => logs.push(line) } });
  });
  afterAll(() => bot.stop());

  it.each([
    ['conversation.id is a number', { conversation: { id: 12345, conversationType: 'personal' } }],
    ['from.id is an array', { from: { id: ['29:x'] } }],
    ['id is missing', { id: undefined }],
    ['conversation.tenantId is an object', { conversation: { id: 'a:1', tenantId: { $gt: '' } } }],
  ])('%s: 400, nothing stored, nothing sent, no turn error', async (_name, patch) => {
    logs.length = 0;
    const conv = conversation();
    const outcome = await bot.post({ ...messageActivity(conv, bot.connector.serviceUrl, 'help'), ...patch });
    expect(outcome.status).toBe(400);
    expect(outcome.body).toEqual({ error: expect.any(String) });
    expect(JSON.stringify(outcome.body).length).toBeLessThan(160);
    expect(outcome.sent).toEqual([]);
    expect(await bot.runtime.store.getConversation(conv.id)).toBeUndefined();
    expect(logs.join('\n')).not.toContain('turn.failed');
  });
});
