import { driftCard, type DriftCardInput } from '../../../src/cards/driftCard';
import { collectActions, collectText } from '../../helpers/validateCard';
import { expectCleanCard, HOSTILE_NAMES, TENANT_ID } from './cardFixtures';

const base: DriftCardInput = {
  appName: 'Contoso connector',
  tenantId: TENANT_ID,
  changes: [
    { permission: 'Directory.Read.All', kind: 'Application', from: 'Granted', to: 'Not granted' },
    { permission: 'User.Read.All', kind: 'Delegated', from: 'Granted', to: 'Not added' },
  ],
  detectedAt: '2025-03-10T09:30:00Z',
  reportUrl: 'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/CallAnAPI/appId/x',
  personalChatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:bot-id',
};

describe('driftCard', () => {
  it('lists each permission that changed, from and to, with words', () => {
    const card = driftCard(base);
    expectCleanCard(card);
    const text = collectText(card);
    expect(text).toContain('**Directory.Read.All** (Application): Granted → **Not granted**');
    expect(text).toContain('**User.Read.All** (Delegated): Granted → **Not added**');
    expect(text).toContain('10 Mar 2025, 09:30 (UTC)');
    expect(text).not.toMatch(/secret stopped working/);
  });

  it('reports a secret that stopped working, with or without changes', () => {
    const card = driftCard({
      ...base,
      changes: [],
      secretStoppedWorking: true,
      secretProblem: 'The client secret has expired',
      timeZone: 'Europe/Berlin',
    });
    expectCleanCard(card);
    const text = collectText(card);
    expect(text).toMatch(/client secret stopped working/);
    expect(text).toContain('The client secret has expired');
    expect(text).toContain('(Europe/Berlin)');
    expect(text).not.toMatch(/Permissions that changed/);
  });

  it('links to the portal and to the personal chat', () => {
    const actions = collectActions(driftCard(base));
    expect(actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in Azure portal', url: base.reportUrl },
      { type: 'Action.OpenUrl', title: 'Open chat with the bot', url: base.personalChatUrl },
    ]);
    expect(collectActions(driftCard({ ...base, personalChatUrl: undefined }))).toHaveLength(1);
  });

  it.each(HOSTILE_NAMES)('escapes hostile names: %s', (name) => {
    const card = driftCard({
      ...base,
      appName: name,
      changes: [{ ...base.changes[0], permission: name }],
      secretStoppedWorking: true,
      secretProblem: name,
    });
    expectCleanCard(card);
    expect(collectText(card)).not.toMatch(/<at>|(^|[^\\])\[click\]\(/);
  });
});
