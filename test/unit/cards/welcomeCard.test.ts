import { PUBLIC_APP_REGISTRATIONS_URL, welcomeCard } from '../../../src/cards/welcomeCard';
import { Verbs } from '../../../src/cards/verbs';
import { collectActions, collectText } from '../../helpers/validateCard';
import { expectCleanCard, PERMISSIONS } from './cardFixtures';
import manifest from '../../../appPackage/manifest.json';

describe('welcomeCard', () => {
  const card = welcomeCard({ portalAppRegistrationsUrl: PUBLIC_APP_REGISTRATIONS_URL });

  it('is a clean 1.5 card', () => {
    expectCleanCard(card);
    expect(card.version).toBe('1.5');
  });

  it('is headed with the product name, the one the manifest and the chat texts use', () => {
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'Connector Consent Bot' });
    expect(manifest.name.short).toMatch(/^Connector Consent Bot/);
    expect(collectText(card)).not.toMatch(/Connector consent helper/);
  });

  it('summarises both setup steps, warning about the Secret ID', () => {
    const text = collectText(card);
    expect(text).toMatch(/Step 1/);
    expect(text).toMatch(/Step 2/);
    expect(text).toMatch(/Application \(client\) ID/);
    expect(text).toMatch(/Directory \(tenant\) ID/);
    expect(text).toMatch(/\*\*Value\*\*/);
    expect(text).toMatch(/Secret ID/);
    expect(text).toMatch(/Grant admin consent/);
  });

  it('lists the seven permissions by kind', () => {
    const facts = card.body.flatMap((e) => (e.type === 'FactSet' ? e.facts : []));
    const delegated = facts.find((f) => f.title === 'Delegated')?.value ?? '';
    const application = facts.find((f) => f.title === 'Application')?.value ?? '';
    expect(delegated.split(', ')).toEqual(PERMISSIONS.filter((p) => p.kind === 'Delegated').map((p) => p.name));
    expect(application.split(', ')).toEqual(['User.Read.All', 'Directory.Read.All']);
    expect(collectText(card)).toMatch(/7 Microsoft Graph permissions/);
  });

  it('offers Start setup and the App registrations link', () => {
    const actions = collectActions(card);
    expect(actions).toContainEqual(
      expect.objectContaining({ type: 'Action.Execute', title: 'Start setup', verb: Verbs.startSetup }),
    );
    expect(actions).toContainEqual({
      type: 'Action.OpenUrl',
      title: 'Open App registrations',
      url: PUBLIC_APP_REGISTRATIONS_URL,
    });
  });

  it('uses the given portal (sovereign clouds) and profile', () => {
    const gov = welcomeCard({
      portalAppRegistrationsUrl: 'https://portal.azure.us/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
      permissions: [{ name: 'Sites.Read.All', kind: 'Application' }],
    });
    expectCleanCard(gov);
    expect(collectActions(gov).some((a) => String(a.url).startsWith('https://portal.azure.us/'))).toBe(true);
    expect(collectText(gov)).toMatch(/1 Microsoft Graph permission\b/);
  });
});
