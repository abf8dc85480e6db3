import { cardText, invokeCard, startBotHarness, type BotHarness } from '../../helpers/botHarness';
import { conversation } from '../../helpers/teamsActivities';

/**
 * A card verb is looked up as an own property only: names every object inherits must not
 * resolve to Object.prototype members (they answered 501 "extension.handle is not a function").
 */
describe('card verbs that name Object.prototype members', () => {
  let bot: BotHarness;

  beforeAll(async () => {
    bot = await startBotHarness();
  });
  afterAll(() => bot.stop());

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    '%s gets the "Unknown button" card',
    async (verb) => {
      const outcome = await bot.click(conversation(), verb, {});
      expect(outcome.status).toBe(200);
      expect(cardText(invokeCard(outcome))).toMatch(/Unknown button/);
    },
  );
});
