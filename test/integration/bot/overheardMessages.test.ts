import { SCENARIOS } from '../../../tools/sandbox-tenant/scenarios';
import { cardText, cardsIn } from '../../helpers/botHarness';
import { botWithSandbox } from '../../helpers/botWithSandbox';
import { conversation, messageActivity, type TestConversation } from '../../helpers/teamsActivities';

/**
 * With resource-specific consent (ChannelMessage.Read.Group, ChatMessage.Read.Chat) Teams
 * delivers every message of a team or group chat, not only those that @mention the bot. The bot
 * answers none of them, stores nothing of them, and only warns about a pasted client secret.
 */
const harness = botWithSandbox();

/** A message as Teams delivers it through RSC: no mention of the bot. */
function overheard(conv: TestConversation, text: string): Record<string, unknown> {
  const { entities: _mention, ...activity } = messageActivity(conv, harness().connector.serviceUrl, text);
  return { ...activity, text };
}

describe.each(['channel', 'groupChat'] as const)('messages not addressed to the bot in a %s', (scope) => {
  it('warns about a pasted secret without quoting it, and keeps nothing', async () => {
    const conv = conversation({ scope });
    const secret = SCENARIOS.allGranted.clientSecret;
    const turn = await harness().post(overheard(conv, `here is the new one ${secret} for the connector`));
    expect(turn.status).toBe(200);
    const [card] = cardsIn(turn.sent);
    expect(cardText(card)).toContain('A client secret may have been posted here');
    expect(JSON.stringify(turn.sent)).not.toContain(secret);
    expect(await harness().runtime.store.getConversation(conv.id)).toBeUndefined();
  });

  it('answers ordinary chatter with nothing at all, even "setup", "help" or a very long message', async () => {
    const conv = conversation({ scope });
    for (const text of ['lunch at 12?', 'setup', 'help', 'x'.repeat(9000)]) {
      const turn = await harness().post(overheard(conv, text));
      expect(turn.status).toBe(200);
      expect(turn.sent).toEqual([]);
    }
    expect(await harness().runtime.store.getConversation(conv.id)).toBeUndefined();
  });

  it('still answers a message that @mentions it', async () => {
    const conv = conversation({ scope });
    const turn = await harness().send(conv, 'help');
    expect(cardsIn(turn.sent)).toHaveLength(1);
    // Addressed turns keep the conversation reference (so the checks above can fail).
    expect(await harness().runtime.store.getConversation(conv.id)).toBeDefined();
  });
});
