import { statusCard, type StatusCardContext } from '../../../src/cards/statusCard';
import type { ColumnSet, TextBlock } from '../../../src/cards/cardTypes';
import { Verbs } from '../../../src/cards/verbs';
import type { PermissionStatus } from '../../../src/consent/report';
import { collectActions, collectText } from '../../helpers/validateCard';
import {
  extras,
  expectCleanCard,
  HOSTILE_NAMES,
  LONG_NAME,
  makeReport,
  PERMISSIONS,
  results,
  SECRET_HINT,
  STATUSES,
} from './cardFixtures';

const ctx: StatusCardContext = {
  registrationId: 'reg-1',
  label: 'Contoso',
  consentMode: 'callback',
  consentUrl: 'https://login.microsoftonline.com/t/adminconsent?client_id=c&state=s',
};

/** The permission rows: ColumnSets whose right column holds the status. */
function rows(card: ReturnType<typeof statusCard>): { left: string; status: TextBlock }[] {
  return card.body
    .filter((e): e is ColumnSet => e.type === 'ColumnSet' && e.columns.length === 2)
    .map((row) => ({
      left: row.columns[0].items.map((i) => (i.type === 'TextBlock' ? i.text : '')).join('\n'),
      status: row.columns[1].items[0] as TextBlock,
    }));
}

describe('statusCard', () => {
  it.each(STATUSES)('shows the word, an icon and a colour for every permission when all are %s', (status) => {
    const card = statusCard(makeReport({ permissions: results([status]) }), ctx);
    expectCleanCard(card);
    const shown = rows(card);
    expect(shown).toHaveLength(PERMISSIONS.length);
    shown.forEach((row, i) => {
      expect(row.left).toContain(PERMISSIONS[i].name);
      expect(row.left).toContain(PERMISSIONS[i].kind);
      expect(row.status.text).toMatch(new RegExp(`^\\S+ ${status}$`, 'u'));
      expect(row.status.color).toBeDefined();
    });
    if (status === 'Unknown') expect(shown[0].left).toMatch(/No directory-read permission/);
  });

  it('distinguishes the four statuses by icon as well as word, in colours every Teams theme renders legibly', () => {
    const mixed: PermissionStatus[] = ['Granted', 'Not granted', 'Not added', 'Unknown'];
    const card = statusCard(makeReport({ permissions: results(mixed) }), ctx);
    expectCleanCard(card);
    const shown = rows(card).slice(0, 4);
    expect(new Set(shown.map((r) => r.status.text.split(' ')[0])).size).toBe(4);
    // Good text is under 4.5:1 on Teams' light theme, Attention on its dark one (darkTheme.test.ts).
    for (const r of shown) expect(['Default', 'Accent']).toContain(r.status.color);
  });

  it('puts the verdict first and prominently', () => {
    const ready = statusCard(makeReport(), ctx);
    const needed = statusCard(makeReport({ permissions: results(['Granted', 'Not granted']) }), ctx);
    expectCleanCard(ready);
    expectCleanCard(needed);
    expect(collectText(ready)).toMatch(/✅ Ready/);
    expect(collectText(needed)).toMatch(/⚠️ Action needed/);
    expect(collectText(needed)).toMatch(/1 of 7 required permissions granted/);
  });

  it('names app and tenant and shows the secret masked with expiry in the given zone', () => {
    const card = statusCard(makeReport(), { ...ctx, timeZone: 'Asia/Tokyo' });
    const text = collectText(card);
    expect(text).toContain('Contoso connector');
    expect(text).toContain('contoso.onmicrosoft.com');
    expect(text).toContain(`(${SECRET_HINT}•••••)`);
    expect(text).toContain('13 Mar 2025, 21:00 (Asia/Tokyo)');
    expect(text).toContain('expires in 3 days');
    expect(text).toContain('The client secret expires in 3 days.');
    expect(text).toMatch(/Last checked 10 Mar 2025, 18:30 \(Asia\/Tokyo\)/);
  });

  it('recomputes days left from `now` and falls back to UTC for a bad zone', () => {
    const card = statusCard(makeReport(), { ...ctx, timeZone: 'Bad/Zone', now: new Date('2025-03-15T00:00:00Z') });
    const text = collectText(card);
    expect(text).toContain('expired 1 day ago'); // 1.5 days since expiry: whole days, as everywhere
    expect(text).toContain('(UTC)');
  });

  it('says when the secret could not be identified', () => {
    const report = makeReport();
    const card = statusCard(
      {
        ...report,
        secret: { valid: true, identified: false, warnings: [{ code: 'not-identified', text: 'No secret matched.' }] },
      },
      ctx,
    );
    expectCleanCard(card);
    expect(collectText(card)).toMatch(/could not tell which/);
  });

  it('lists 30 extra permissions with a least-privilege warning and stays small', () => {
    const card = statusCard(
      makeReport({ extraPermissions: extras(30), notes: ['Application permissions were read from the token.'] }),
      ctx,
    );
    expectCleanCard(card);
    const text = collectText(card);
    expect(text).toMatch(/30 extra permissions/);
    expect(text).toMatch(/least privilege/);
    expect(text).toContain('Extra.Permission29.ReadWrite.All');
    expect(text).toContain('Application permissions were read from the token.');
  });

  it('numbers the next steps and links safely', () => {
    const card = statusCard(makeReport({ permissions: results(['Not granted']) }), ctx);
    const steps = card.body.find((e): e is TextBlock => e.type === 'TextBlock' && e.text.startsWith('1. '));
    expect(steps?.text).toMatch(
      /^1\. Grant admin consent.*\(https:\/\/login\.microsoftonline\.com\/.*\)\n2\. Press Retest\.$/s,
    );
  });

  it('has the buttons with the right verbs and data, within six top-level actions', () => {
    const report = makeReport({ permissions: results(['Not granted']) });
    const card = statusCard(report, ctx);
    expect(card.actions.length).toBeLessThanOrEqual(6);
    const byTitle = new Map(collectActions(card).map((a) => [a.title, a]));
    expect(byTitle.get('Grant admin consent')).toMatchObject({ type: 'Action.OpenUrl', url: ctx.consentUrl });
    expect(byTitle.get('Open in Azure portal')).toMatchObject({
      type: 'Action.OpenUrl',
      url: report.links.portalApiPermissions,
    });
    expect(byTitle.get('Retest')).toMatchObject({
      verb: Verbs.retest,
      data: { verb: Verbs.retest, registrationId: 'reg-1' },
    });
    expect(byTitle.get('Update credentials')).toMatchObject({
      verb: Verbs.updateCredentials,
      data: { registrationId: 'reg-1' },
    });
    expect(byTitle.get('Remind a channel')).toMatchObject({
      verb: Verbs.remindChannel,
      data: { registrationId: 'reg-1' },
    });
    expect(byTitle.has("I've granted consent")).toBe(false);
    expect(collectText(card)).toMatch(/re-check on my own/);
  });

  it("in manual consent mode explains the redirect URI / portal button and offers I've granted consent", () => {
    const card = statusCard(makeReport({ permissions: results(['Not granted']) }), { ...ctx, consentMode: 'manual' });
    expectCleanCard(card);
    const granted = collectActions(card).find((a) => a.title === "I've granted consent");
    expect(granted).toMatchObject({
      verb: Verbs.consentGranted,
      data: { verb: Verbs.consentGranted, registrationId: 'reg-1' },
    });
    expect(card.actions).not.toContainEqual(granted);
    expect(collectText(card)).toMatch(/redirect URI/);
    expect(collectText(card)).toMatch(/Grant admin consent for/);
    expect(card.actions.length + 1).toBeLessThanOrEqual(6);
  });

  it('drops Grant admin consent when everything is granted', () => {
    const card = statusCard(makeReport(), { ...ctx, consentMode: 'manual' });
    const titles = collectActions(card).map((a) => a.title);
    expect(titles).not.toContain('Grant admin consent');
    expect(titles).not.toContain("I've granted consent");
    expect(titles).toEqual(expect.arrayContaining(['Retest', 'Open in Azure portal', 'Update credentials']));
  });

  it('drops a consent button whose URL is not safe', () => {
    const card = statusCard(makeReport({ permissions: results(['Not granted']) }), {
      ...ctx,
      consentUrl: 'javascript:alert(1)',
    });
    expectCleanCard(card);
    expect(collectActions(card).map((a) => a.title)).not.toContain('Grant admin consent');
  });

  it('uses the label when Graph gave no display name, and handles long names', () => {
    const report = makeReport();
    const unnamed = statusCard({ ...report, app: { servicePrincipal: 'unknown' } }, ctx);
    expect(collectText(unnamed)).toContain('**Contoso**');
    const long = statusCard({ ...report, app: { ...report.app, displayName: LONG_NAME } }, ctx);
    expectCleanCard(long);
  });

  it.each(HOSTILE_NAMES)('escapes a hostile app name: %s', (name) => {
    const report = makeReport({ extraPermissions: [{ name, kind: 'Application' }], notes: [name] });
    const card = statusCard(
      { ...report, app: { ...report.app, displayName: name }, secret: { ...report.secret, displayName: name } },
      ctx,
    );
    expectCleanCard(card);
    const text = collectText(card);
    expect(text).not.toMatch(/<at>/i);
    expect(text).not.toMatch(/(^|[^\\])\[click\]\(/);
    expect(text).not.toMatch(/(^|[^\\])\*\*bold/);
    expect(text).not.toContain('{{DATE');
    expect(text).not.toContain('\u202e');
  });

  it("mentions a custom endpoint so sandbox results are not mistaken for Microsoft's", () => {
    expect(collectText(statusCard(makeReport({ cloud: 'custom' }), ctx))).toMatch(/custom endpoint/);
  });
});

describe('custom endpoint wording', () => {
  it("is said once: the core's note (with the endpoints) replaces the footer's mention", () => {
    const withNote = makeReport({ cloud: 'custom' });
    const report = {
      ...withNote,
      notes: ['Checked against a custom endpoint (https://localhost:1, https://localhost:2), not a Microsoft cloud.'],
    };
    const text = collectText(statusCard(report, ctx));
    expect(text.match(/custom endpoint/g)).toHaveLength(1);
    expect(text).toContain('localhost:1');
  });
});
