import { reminderCard, type ReminderCardInput, type ReminderState } from '../../../src/cards/reminderCard';
import { severityForDaysLeft, type ReminderSeverity } from '../../../src/cards/reminderSeverity';
import type { TextBlock } from '../../../src/cards/cardTypes';
import { Verbs } from '../../../src/cards/verbs';
import { collectActions, collectText } from '../../helpers/validateCard';
import { CLIENT_ID, expectCleanCard, HOSTILE_NAMES, LONG_NAME, SECRET_HINT, TENANT_ID } from './cardFixtures';

const base: ReminderCardInput = {
  appName: 'Contoso connector',
  tenantId: TENANT_ID,
  secret: { displayName: 'connector secret 2025', hint: SECRET_HINT },
  endDateTime: '2025-03-13T12:00:00Z',
  daysLeft: 3,
  severity: 'warning',
  portalCredentialsUrl: `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${CLIENT_ID}`,
  personalChatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:bot-id',
  registrationId: 'reg-1',
  subscriptionId: 'sub-1',
};
const title = (card: ReturnType<typeof reminderCard>): TextBlock => card.body[0] as TextBlock;

describe('reminderCard', () => {
  it('names app, tenant, masked secret, expiry in the zone and days left in words', () => {
    const card = reminderCard({ ...base, timeZone: 'America/New_York' });
    expectCleanCard(card);
    const text = collectText(card);
    expect(text).toContain('Contoso connector');
    expect(text).toContain(TENANT_ID);
    expect(text).toContain(`connector secret 2025 (${SECRET_HINT}•••••)`);
    expect(text).toContain('13 Mar 2025, 08:00 (America/New_York)');
    expect(title(card).text).toBe('⚠️ Warning: client secret expires in 3 days');
  });

  it.each<[number, ReminderSeverity, string, string]>([
    [30, 'info', 'expires in 30 days', 'Accent'],
    [7, 'warning', 'expires in 7 days', 'Default'], // not yellow text: hard to read on white
    // Teams' dark theme renders Attention text below 4.5:1 (test/e2e/darkTheme.test.ts): the icon carries it.
    [1, 'critical', 'expires in 1 day', 'Default'],
    [0, 'critical', 'expires in less than a day', 'Default'],
    [-2, 'expired', 'expired 2 days ago', 'Default'],
  ])('%i days left: severity %s drives word, icon and colour', (daysLeft, severity, words, color) => {
    expect(severityForDaysLeft(daysLeft)).toBe(severity);
    const card = reminderCard({ ...base, daysLeft, severity });
    expectCleanCard(card);
    expect(title(card).text).toContain(words);
    expect(title(card).text).toMatch(/^\S+ (Reminder|Warning|Urgent|Expired): /u);
    expect(title(card).color).toBe(color);
  });

  it('says "expired less than a day ago" for the expired reminder sent within a day of expiry', () => {
    expect(title(reminderCard({ ...base, daysLeft: 0, severity: 'expired' })).text).toContain(
      'expired less than a day ago',
    );
  });

  it('active: the four buttons with the right verbs and data', () => {
    const actions = collectActions(reminderCard(base));
    expect(actions.map((a) => a.title)).toEqual([
      'Open Certificates & secrets',
      "I've rotated it",
      'Snooze 1 day',
      'Stop reminders',
    ]);
    expect(actions[0]).toMatchObject({ type: 'Action.OpenUrl', url: base.portalCredentialsUrl });
    const data = { registrationId: 'reg-1', subscriptionId: 'sub-1' };
    expect(actions[1]).toMatchObject({ verb: Verbs.reminderRotated, data: { ...data, verb: Verbs.reminderRotated } });
    expect(actions[2]).toMatchObject({ verb: Verbs.reminderSnooze, data: { ...data, verb: Verbs.reminderSnooze } });
    expect(actions[3]).toMatchObject({ verb: Verbs.reminderStop, data: { ...data, verb: Verbs.reminderStop } });
  });

  it.each<[ReminderState, string[], RegExp]>([
    [
      'snoozed',
      ['Open Certificates & secrets', "I've rotated it", 'Stop reminders'],
      /Snoozed until 11 Mar 2025, 09:30 \(UTC\) by Ada/,
    ],
    ['stopped', ['Open Certificates & secrets'], /Reminders stopped by Ada/],
    ['rotated', ['Open chat with the bot', 'Open Certificates & secrets'], /personal chat/],
  ])('%s state updates text and buttons', (state, titles, message) => {
    const card = reminderCard({ ...base, state, actedBy: 'Ada', snoozedUntil: '2025-03-11T09:30:00Z' });
    expectCleanCard(card);
    expect(collectActions(card).map((a) => a.title)).toEqual(titles);
    expect(collectText(card)).toMatch(message);
  });

  it('rotated state deep-links to the personal chat', () => {
    const actions = collectActions(reminderCard({ ...base, state: 'rotated' }));
    expect(actions[0]).toMatchObject({ type: 'Action.OpenUrl', url: base.personalChatUrl });
  });

  it('never shows more of the secret than its hint', () => {
    const card = reminderCard({ ...base, secret: { hint: 'abcdefghijkl' } });
    expectCleanCard(card);
    expect(JSON.stringify(card)).not.toContain('abcd');
    expect(collectText(card)).toContain('abc•••••');
  });

  it.each([...HOSTILE_NAMES, LONG_NAME])('escapes hostile names: %s', (name) => {
    const card = reminderCard({
      ...base,
      appName: name,
      secret: { displayName: name, hint: '<a' },
      actedBy: name,
      state: 'stopped',
    });
    expectCleanCard(card);
    expect(collectText(card)).not.toMatch(/<at>|<a|(^|[^\\])\[click\]\(/);
  });

  it('offers Rotate now first when the bot can rotate, and says which secret it uses while a rotation is unconfirmed', () => {
    const plainCard = reminderCard(base);
    expect(collectActions(plainCard).map((a) => a.title)).not.toContain('Rotate now');
    const card = reminderCard({
      ...base,
      offerRotate: true,
      pendingRotation: { newHint: 'Ti9', startedBy: 'admin@contoso.com' },
    });
    expectCleanCard(card);
    const titles = collectActions(card).map((a) => a.title);
    expect(titles[0]).toBe('Rotate now');
    expect(titles.length).toBeLessThanOrEqual(6);
    const text = collectText(card);
    expect(text).toContain('admin@contoso.com added a new secret (Ti9•••••)');
    expect(text).toContain(`I still check with this one (${SECRET_HINT}•••••)`);
  });
});
