import { createFormCard } from '../../../src/cards/createFormCard';
import { createPreviewCard } from '../../../src/cards/createPreviewCard';
import { nameTakenCard } from '../../../src/cards/nameTakenCard';
import { rotatePreviewCard } from '../../../src/cards/rotatePreviewCard';
import { rotationCard } from '../../../src/cards/rotationCard';
import { secretOfferCard } from '../../../src/cards/secretOfferCard';
import { Verbs } from '../../../src/cards/verbs';
import { loadProfile } from '../../../src/consent';

const OFFICE365_CONNECTOR_PROFILE = loadProfile();
import { collectActions, collectText } from '../../helpers/validateCard';
import { CLIENT_ID, expectCleanCard, HOSTILE_NAMES, SECRET_HINT, TENANT_ID } from './cardFixtures';

const SIGN_IN = 'https://bot.example.com/api/fix/start?state=abc';
const REVEAL = 'https://bot.example.com/api/secret?id=abc';

describe('Create it for me and Rotate now cards', () => {
  it.each(HOSTILE_NAMES.map((n) => [n]))('stay clean (Teams rules, size, escaping) with the name %j', (name) => {
    const cards = [
      createFormCard({ appName: name, tenant: TENANT_ID, lifetimeMonths: 6, notice: name }),
      createPreviewCard({
        appName: name,
        tenantId: TENANT_ID,
        lifetimeMonths: 12,
        permissions: OFFICE365_CONNECTOR_PROFILE.permissions,
        signInUrl: SIGN_IN,
      }),
      nameTakenCard({
        appName: name,
        tenantId: TENANT_ID,
        existing: [{ appId: CLIENT_ID, displayName: name }],
        lifetimeMonths: 6,
      }),
      secretOfferCard({
        label: name,
        tenantId: TENANT_ID,
        clientId: CLIENT_ID,
        revealUrl: REVEAL,
        linkExpiresAt: '2026-12-03T10:10:00Z',
        secretExpiresAt: '2027-06-03T10:00:00Z',
        lifetimeNote: name,
      }),
      rotatePreviewCard({
        registrationId: 'reg-1',
        label: name,
        current: { hint: SECRET_HINT, endDateTime: '2027-01-01T00:00:00Z' },
        lifetimeMonths: 6,
        signInUrl: SIGN_IN,
      }),
      ...(['added', 'switched', 'done'] as const).map((stage) =>
        rotationCard({
          registrationId: 'reg-1',
          label: name,
          stage,
          newSecret: { hint: 'Ti9', endDateTime: '2027-06-03T10:00:00Z' },
          oldSecret: { hint: SECRET_HINT, endDateTime: '2027-01-01T00:00:00Z' },
          revealUrl: REVEAL,
          removeUrl: SIGN_IN,
          restartUrl: SIGN_IN,
          notice: name,
        }),
      ),
    ];
    for (const card of cards) expectCleanCard(card);
  });

  it('the secret card links to the page and never holds a value; the preview lists the seven permissions', () => {
    const offer = secretOfferCard({
      label: 'Contoso',
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      revealUrl: REVEAL,
      linkExpiresAt: '2026-12-03T10:10:00Z',
    });
    expect(collectActions(offer)).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', url: REVEAL })]);
    expect(collectText(offer)).toContain('once');
    const preview = createPreviewCard({
      appName: 'Contoso',
      tenantId: TENANT_ID,
      lifetimeMonths: 6,
      permissions: OFFICE365_CONNECTOR_PROFILE.permissions,
      signInUrl: SIGN_IN,
    });
    const text = collectText(preview);
    for (const p of OFFICE365_CONNECTOR_PROFILE.permissions) expect(text).toContain(`${p.name} (${p.kind})`);
  });

  it('the rotation card offers removal only after the switch, and says which secret the bot uses', () => {
    const view = {
      registrationId: 'reg-1',
      label: 'Contoso',
      newSecret: { hint: 'Ti9' },
      oldSecret: { hint: 'Abc' },
      revealUrl: REVEAL,
      removeUrl: SIGN_IN,
    };
    const added = rotationCard({ ...view, stage: 'added' });
    expect(collectActions(added).map((a) => a.title)).toEqual(['Show the secret value', "I've updated the connector"]);
    expect(collectText(added)).toContain('I still check with the old secret');
    const switched = rotationCard({ ...view, stage: 'switched' });
    expect(collectActions(switched).map((a) => a.title)).toEqual(['Remove the old secret']);
    expect(collectText(switched)).toContain('I now check with the new secret');
    const done = rotationCard({ ...view, stage: 'done' });
    expect(collectActions(done).map((a) => (a as { verb?: string }).verb)).toEqual([Verbs.retest]);
  });
});
