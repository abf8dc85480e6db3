import { historyCard, MAX_HISTORY_ENTRIES } from '../../../src/cards/historyCard';
import { planSteps } from '../../../src/cards/planSteps';
import { repairPreviewCard } from '../../../src/cards/repairPreviewCard';
import { statusCard, type StatusCardContext } from '../../../src/cards/statusCard';
import { Verbs } from '../../../src/cards/verbs';
import { loadProfile } from '../../../src/consent';
import type { PermissionResult } from '../../../src/consent/report';
import type { RepairAuditEntry, RepairOutcome } from '../../../src/repair/repairOutcome';
import { planInputFromReport, planRepair } from '../../../src/repair/repairPlan';
import { collectActions, collectText } from '../../helpers/validateCard';
import { CLIENT_ID, expectCleanCard, HOSTILE_NAMES, makeReport, results, TENANT_ID } from './cardFixtures';

const PROFILE = loadProfile();
const ctx: StatusCardContext = {
  registrationId: 'reg-1',
  label: 'Contoso',
  consentMode: 'callback',
  consentUrl: 'https://login.microsoftonline.com/t/adminconsent?client_id=c&state=s',
};
const SIGN_IN = 'https://bot.example/api/fix/start?state=abc';

/** A report with one Delegated permission Not added and one Application permission Not granted. */
function brokenReport(servicePrincipal: 'present' | 'missing' = 'present') {
  const permissions: PermissionResult[] = results(['Granted']).map((r) =>
    r.permission.name === 'Directory.AccessAsUser.All'
      ? { ...r, status: 'Not added' }
      : r.permission.name === 'User.Read.All' && r.permission.kind === 'Application'
        ? { ...r, status: 'Not granted' }
        : r,
  );
  return makeReport({ permissions, verdict: 'Action needed', app: { displayName: 'Contoso', servicePrincipal } });
}

const outcome = (over: Partial<RepairOutcome>): RepairOutcome => ({
  completed: true,
  changes: [],
  requests: 2,
  replicationRetries: 0,
  ...over,
});

describe('Fix it for me on the status card', () => {
  it('shows the button only when offered, sending the fix verb with the registration', () => {
    const offered = statusCard(brokenReport(), { ...ctx, offerFix: true });
    expectCleanCard(offered);
    const fix = collectActions(offered).filter((a) => a.verb === Verbs.fix);
    expect(fix).toHaveLength(1);
    expect(fix[0]?.data).toEqual({ registrationId: 'reg-1', verb: Verbs.fix });
    expect(collectActions(statusCard(brokenReport(), ctx)).some((a) => a.verb === Verbs.fix)).toBe(false);
    // The admin-consent link stays either way.
    expect(collectActions(offered).some((a) => a.title === 'Grant admin consent')).toBe(true);
  });

  it('says who fixed it and what, when the repair completed', () => {
    const card = statusCard(makeReport(), {
      ...ctx,
      repair: {
        by: 'ada@contoso.example',
        outcome: outcome({
          changes: [
            {
              step: 'grant-application',
              summary: 'Granted admin consent: User.Read.All (Application)',
              result: 'applied',
            },
          ],
        }),
      },
    });
    expectCleanCard(card);
    expect(collectText(card)).toMatch(/Fixed by ada@contoso\.example just now: Granted admin consent: User\.Read\.All/);
  });

  it('names the failed step, why, and what was done before it', () => {
    const card = statusCard(brokenReport(), {
      ...ctx,
      repair: {
        by: 'app.admin@contoso.example',
        outcome: outcome({
          completed: false,
          failure: { step: 'grant-application', message: 'needs a Privileged Role Administrator' },
          changes: [
            {
              step: 'add-permissions',
              summary: 'Added to the registration: Directory.AccessAsUser.All (Delegated)',
              result: 'applied',
            },
            {
              step: 'grant-application',
              summary: 'Grant admin consent: User.Read.All (Application)',
              result: 'failed',
              detail: 'Your account cannot grant application permissions: ask a Privileged Role Administrator.',
            },
          ],
        }),
      },
    });
    expectCleanCard(card);
    const shown = collectText(card);
    expect(shown).toMatch(/stopped: Grant admin consent: User\.Read\.All \(Application\) failed/);
    expect(shown).toMatch(/Why: Your account cannot grant application permissions/);
    expect(shown).toMatch(/Done before it: Added to the registration: Directory\.AccessAsUser\.All/);
    expect(shown).not.toMatch(/Fixed by/);
  });
});

describe('repairPreviewCard', () => {
  it('lists every change in plain words, who can do it, that nothing is removed, and the two buttons', () => {
    const plan = planRepair(planInputFromReport(brokenReport('missing')), PROFILE);
    const card = repairPreviewCard(plan, { registrationId: 'reg-1', label: 'Contoso', signInUrl: SIGN_IN });
    expectCleanCard(card);
    const shown = collectText(card);
    expect(shown).toContain('Create the enterprise application (service principal)');
    expect(shown).toContain('Add to the registration: Directory.AccessAsUser.All (Delegated)');
    expect(shown).toContain('Grant admin consent: Directory.AccessAsUser.All (Delegated)');
    expect(shown).toContain('Grant admin consent: User.Read.All (Application)');
    expect(shown).toContain('Privileged Role Administrator');
    expect(shown).toContain('Nothing is ever removed');
    expect(planSteps(plan)).toHaveLength(4);
    const actions = collectActions(card);
    expect(actions).toEqual([
      expect.objectContaining({ type: 'Action.OpenUrl', title: 'Sign in and apply', url: SIGN_IN }),
      expect.objectContaining({ type: 'Action.Execute', title: 'Cancel', verb: Verbs.fixCancel }),
    ]);
    expect(shown).toContain(TENANT_ID);
    expect(shown).toContain(CLIENT_ID);
  });

  it('names an Application Administrator when no application permission is granted', () => {
    const report = makeReport({
      permissions: results(['Granted']).map((r) =>
        r.permission.kind === 'Delegated' && r.permission.name === 'User.Read' ? { ...r, status: 'Not granted' } : r,
      ),
    });
    const plan = planRepair(planInputFromReport(report), PROFILE);
    const card = repairPreviewCard(plan, { registrationId: 'r', label: 'C', signInUrl: SIGN_IN, notice: 'Changed.' });
    expect(collectText(card)).toContain('Application Administrator');
    expect(collectText(card)).toContain('Changed.');
  });

  it.each(HOSTILE_NAMES)('treats the label as plain text: %s', (name) => {
    const plan = planRepair(planInputFromReport(brokenReport()), PROFILE);
    const card = repairPreviewCard(plan, { registrationId: 'r', label: name, signInUrl: SIGN_IN });
    expectCleanCard(card);
    expect(collectText(card)).not.toMatch(/<at>|(^|[^\\])\[click\]\(/);
  });

  it('drops a sign-in link that is not http(s)', () => {
    const plan = planRepair(planInputFromReport(brokenReport()), PROFILE);
    const card = repairPreviewCard(plan, { registrationId: 'r', label: 'C', signInUrl: 'javascript:alert(1)' });
    expect(collectActions(card).some((a) => a.type === 'Action.OpenUrl')).toBe(false);
  });
});

describe('historyCard', () => {
  const entry = (i: number, completed = true): RepairAuditEntry => ({
    at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
    registrationId: 'reg-1',
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    by: { objectId: `oid-${i}`, userPrincipalName: `admin${i}@contoso.example` },
    completed,
    changes: [{ step: 'grant-delegated', summary: `Granted change ${i}`, result: completed ? 'applied' : 'failed' }],
  });

  it('shows each entry with who, whether it completed and every change', () => {
    const card = historyCard({ label: 'Contoso', entries: [entry(2, false), entry(1)] });
    expectCleanCard(card);
    const shown = collectText(card);
    expect(shown).toMatch(/admin2@contoso\.example: ⛔ stopped/);
    expect(shown).toMatch(/Granted change 2: failed/);
    expect(shown).toMatch(/admin1@contoso\.example: ✅ completed/);
    expect(shown.indexOf('admin2')).toBeLessThan(shown.indexOf('admin1'));
  });

  it('says when there is nothing yet, and counts what it leaves out', () => {
    expect(collectText(historyCard({ label: 'C', entries: [] }))).toMatch(/No repairs yet/);
    const many = Array.from({ length: MAX_HISTORY_ENTRIES + 3 }, (_, i) => entry(i));
    const card = historyCard({ label: 'C', entries: many });
    expectCleanCard(card);
    expect(collectText(card)).toMatch(/and 3 older entries/);
  });
});
