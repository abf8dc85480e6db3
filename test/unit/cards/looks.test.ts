import { Verbs } from '../../../src/cards/verbs';
import { noticeCard } from '../../../src/cards/noticeCard';
import { registrationPickerCard } from '../../../src/cards/registrationPickerCard';
import { reminderCard } from '../../../src/cards/reminderCard';
import { setupCard } from '../../../src/cards/setupCard';
import { statusCard } from '../../../src/cards/statusCard';
import { CLIENT_ID, extras, makeReport, results, SECRET_HINT, TENANT_ID } from './cardFixtures';

/**
 * What the cards look like in Teams' light, dark and high-contrast themes: status colours from
 * roles every theme renders legibly (never the yellow `Warning` text colour, hard to read on
 * white), always with an icon and a word; GUIDs kept whole; placeholders that fit a narrow input.
 */
describe('card looks', () => {
  const status = statusCard(
    makeReport({
      permissions: results(['Granted', 'Not granted', 'Not added', 'Unknown']),
      extraPermissions: extras(2),
      secret: {
        valid: true,
        identified: true,
        hint: SECRET_HINT,
        endDateTime: '2025-03-13T12:00:00Z',
        warnings: [
          { code: 'expires-soon', text: 'The secret expires in 3 days.' },
          { code: 'lifetime-over-12-months', text: 'Valid for more than 12 months.' },
        ],
      },
    }),
    { registrationId: 'r', label: 'L', consentMode: 'callback', consentUrl: 'https://login.microsoftonline.com/x' },
  );
  const reminder = reminderCard({
    appName: 'Contoso connector',
    tenantId: TENANT_ID,
    secret: { displayName: 'connector secret', hint: SECRET_HINT },
    endDateTime: '2025-03-13T12:00:00Z',
    daysLeft: 5,
    severity: 'warning',
    portalCredentialsUrl: 'https://portal.azure.com/c',
    personalChatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:b',
    registrationId: 'r',
    subscriptionId: 's',
  });
  const picker = registrationPickerCard({
    purpose: 'status',
    verb: Verbs.pickRegistration,
    registrations: [{ id: 'r', label: 'Contoso', tenantId: TENANT_ID, clientId: CLIENT_ID, verdict: 'Action needed' }],
  });
  const notice = noticeCard({ tone: 'warning', title: 'Reminders stopped', text: 'Add me again.' });

  it.each([
    ['status', status],
    ['reminder', reminder],
    ['picker', picker],
    ['notice', notice],
  ])('the %s card never uses the yellow Warning text colour', (_name, card) => {
    expect(JSON.stringify(card)).not.toMatch(/"color":"Warning"/);
  });

  it('"Not granted" reads as needing action by its icon and word, in the default colour (legible in every theme)', () => {
    expect(JSON.stringify(status)).toMatch(
      /\{"type":"TextBlock","text":"⚠️ Not granted","wrap":true,"color":"Default"/,
    );
    expect(JSON.stringify([status, reminder, picker, notice])).not.toMatch(/"color":"(Good|Attention)"/);
  });

  it('the picker keeps each GUID on one line instead of breaking it at a hyphen', () => {
    const json = JSON.stringify(picker);
    for (const guid of [TENANT_ID, CLIENT_ID]) {
      // wrap is left out: false is its default (and an explicit default does not survive a round trip).
      expect(json).toMatch(new RegExp(`\\{"type":"TextBlock","text":"[^"]*${guid}[^"]*","maxLines":1`));
    }
  });

  it('setup placeholders fit a narrow input (40 characters at most)', () => {
    const inputs = setupCard().body.filter(
      (e): e is Extract<typeof e, { type: 'Input.Text' }> => e.type === 'Input.Text',
    );
    expect(inputs.length).toBe(3);
    for (const input of inputs) expect((input.placeholder ?? '').length).toBeLessThanOrEqual(40);
  });
});
