import { personalChatLink } from '../../../src/bot/channelMessages';

describe('personalChatLink', () => {
  it("opens the user's personal chat with the bot by its app id", () => {
    expect(personalChatLink('3f4c7f1e-55b4-4a39-9d5a-3d1f0d6d8a11')).toBe(
      'https://teams.microsoft.com/l/chat/0/0?users=28:3f4c7f1e-55b4-4a39-9d5a-3d1f0d6d8a11',
    );
  });

  it('is absent in local mode (no BOT_ID), rather than a link to the Teams home page', () => {
    expect(personalChatLink('')).toBeUndefined();
  });
});
