import { randomBytes } from 'node:crypto';
import { createTeamsFixChat } from '../../../src/bot/fix/teamsFixChat';
import type { Proactive } from '../../../src/bot/proactive';
import { createResultCardRenderer } from '../../../src/bot/resultCard';
import type { AdaptiveCard } from '../../../src/cards/cardTypes';
import { loadProfile, resolveCloud } from '../../../src/consent';
import type { ConsentReport, PermissionResult } from '../../../src/consent/report';
import { createLogger } from '../../../src/log/logger';
import { createConsentStates } from '../../../src/registrations/consentStates';
import { createRegistrationService, type RegistrationService } from '../../../src/registrations/registrationService';
import { createSubscriptions } from '../../../src/reminders/subscriptions';
import { createAuditTrail, type AuditTrail } from '../../../src/repair/auditTrail';
import { createFixFlow } from '../../../src/repair/fixFlow';
import type { FixHandlers, FixRequest } from '../../../src/repair/fixRequest';
import type { RepairNote } from '../../../src/repair/repairNote';
import type { RepairOutcome, SignedInAdmin } from '../../../src/repair/repairOutcome';
import {
  planHash,
  planInputFromReport,
  planRepair,
  type PlanInput,
  type RepairPlan,
} from '../../../src/repair/repairPlan';
import type { RepairTarget } from '../../../src/repair/repairSession';
import { createMemoryStore } from '../../../src/store/memoryStore';
import { createSealer } from '../../../src/store/sealing';
import type { FullStore, StoredRegistration } from '../../../src/store/store';
import { createFakeClock } from '../../../src/time/clock';
import { collectActions, collectText } from '../../helpers/validateCard';
import { CLIENT_ID, makeReport, results, TENANT_ID } from '../cards/cardFixtures';

const PROFILE = loadProfile();
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.delegated-access-token.sig';
const SECRET = 'abc8Q~0123456789012345678901234567890123';
const OWNER = 'owner-aad-id';
const ADMIN: SignedInAdmin = { tenantId: TENANT_ID, objectId: 'admin-oid', userPrincipalName: 'ada@contoso.example' };
const CHAT = 'a:personal-chat';
const CARD_ID = 'card-activity-1';

/** One Application permission Not granted, everything else Granted. */
function brokenReport(): ConsentReport {
  const permissions: PermissionResult[] = results(['Granted']).map((r) =>
    r.permission.name === 'User.Read.All' && r.permission.kind === 'Application' ? { ...r, status: 'Not granted' } : r,
  );
  return makeReport({ permissions, verdict: 'Action needed' });
}
const readyReport = (): ConsentReport => makeReport({ permissions: results(['Granted']), verdict: 'Ready' });

interface Sent {
  readonly kind: 'send' | 'update';
  readonly conversationKey: string;
  readonly activityId?: string;
  readonly card: AdaptiveCard;
}

interface World {
  readonly flow: FixHandlers;
  readonly store: FullStore;
  readonly registrations: RegistrationService;
  readonly audit: AuditTrail;
  readonly registration: StoredRegistration;
  readonly request: FixRequest;
  readonly sent: Sent[];
  readonly sessions: { target: RepairTarget; token: string; applied: RepairPlan[] }[];
  readonly followUps: { id: string; note?: RepairNote }[];
  readonly links: FixRequest[];
  readonly logs: string[];
  /** What the connector's own check answers next. */
  checkAnswer: ConsentReport;
  /** What the delegated read sees. */
  fresh: PlanInput;
  outcome: (plan: RepairPlan) => RepairOutcome;
}

async function world(): Promise<World> {
  const store = createMemoryStore();
  const clock = createFakeClock('2026-12-02T10:00:00Z');
  const logs: string[] = [];
  const logger = createLogger({ sink: (l) => logs.push(l), clock });
  const state: Pick<World, 'checkAnswer' | 'fresh' | 'outcome'> = {
    checkAnswer: brokenReport(),
    fresh: planInputFromReport(brokenReport()),
    outcome: (plan: RepairPlan): RepairOutcome => ({
      completed: true,
      changes: plan.grantApplication.map((p) => ({
        step: 'grant-application' as const,
        summary: `Granted admin consent: ${p.name} (${p.kind})`,
        result: 'applied' as const,
      })),
      requests: 1,
      replicationRetries: 0,
    }),
  };
  const registrations = createRegistrationService({
    store,
    sealer: createSealer(randomBytes(32)),
    checker: { check: async () => state.checkAnswer },
    clock,
  });
  const { registration } = await registrations.register(
    { ownerId: OWNER, ownerTenantId: TENANT_ID },
    { tenant: TENANT_ID, clientId: CLIENT_ID, clientSecret: SECRET },
  );
  if (!registration) throw new Error('not registered');
  const sent: Sent[] = [];
  const proactive: Proactive = {
    sendCard: async (conversationKey, card) => (sent.push({ kind: 'send', conversationKey, card }), { ok: true }),
    updateCard: async (conversationKey, activityId, card) => (
      sent.push({ kind: 'update', conversationKey, activityId, card }),
      { ok: true }
    ),
  };
  const renderResult = createResultCardRenderer({
    consentStates: createConsentStates({ store, signingKey: randomBytes(32), clock }),
    cloud: resolveCloud('public'),
    clock,
    fixItForMe: true,
  });
  const subscriptions = createSubscriptions(store);
  await subscriptions.subscribe(
    {
      registrationId: registration.id,
      conversationKey: '19:channel@thread.tacv2',
      scope: 'channel',
      subscriberId: OWNER,
    },
    clock.now(),
  );
  const audit = createAuditTrail({ store, logger });
  const sessions: World['sessions'] = [];
  const followUps: World['followUps'] = [];
  const links: FixRequest[] = [];
  const flow = createFixFlow({
    registrations,
    openSession: (target, token) => {
      const session = { target, token, applied: [] as RepairPlan[] };
      sessions.push(session);
      return {
        read: async () => state.fresh,
        apply: async (plan) => (session.applied.push(plan), state.outcome(plan)),
      };
    },
    audit,
    chat: createTeamsFixChat({
      proactive,
      renderResult,
      subscriptions,
      fixStartLink: async (r) => (links.push(r), `https://bot.example/api/fix/start?state=s${links.length}`),
      logger,
    }),
    startFollowUp: async (id, _owner, note) => void followUps.push({ id, ...(note ? { note } : {}) }),
    logger,
    clock,
  });
  const request: FixRequest = {
    registrationId: registration.id,
    tenantId: TENANT_ID,
    requestedBy: { teamsUserId: `29:${OWNER}`, objectId: OWNER },
    planHash: planHash(planRepair(planInputFromReport(brokenReport()), PROFILE)),
    conversationKey: CHAT,
    cardActivityId: CARD_ID,
  };
  const w: World = Object.assign(state, {
    flow,
    store,
    registrations,
    audit,
    registration,
    request,
    sent,
    sessions,
    followUps,
    links,
    logs,
  });
  return w;
}

describe('fix flow', () => {
  it('applies the plan, keeps the audit entry, re-checks on the same card and tells the subscribed channel', async () => {
    const w = await world();
    w.checkAnswer = readyReport(); // the connector's own check after the repair
    const page = await w.flow.onSignedIn(w.request, ADMIN, TOKEN);

    expect(page).toMatchObject({ status: 200, title: expect.stringMatching(/^Done/) });
    expect(w.sessions).toHaveLength(1);
    expect(w.sessions[0]?.target).toEqual({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      profile: PROFILE,
      adminConsentLink: expect.stringMatching(/^https:\/\/.*adminconsent/),
    });
    expect(w.sessions[0]?.applied.map((p) => p.grantApplication.map((g) => g.name))).toEqual([['User.Read.All']]);

    const [entry, ...rest] = await w.audit.list(w.registration.id);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      completed: true,
      by: { objectId: 'admin-oid', userPrincipalName: 'ada@contoso.example' },
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
    });

    // The re-check kept the card reference, and that very card now shows Ready with the note.
    const stored = await w.store.getRegistration(w.registration.id);
    expect(stored?.statusCard).toEqual({ conversationKey: CHAT, activityId: CARD_ID });
    expect(stored?.lastResult).toMatchObject({ verdict: 'Ready' });
    const update = w.sent.find((s) => s.kind === 'update');
    expect(update).toMatchObject({ conversationKey: CHAT, activityId: CARD_ID });
    expect(collectText(update?.card)).toMatch(/Ready/);
    expect(collectText(update?.card)).toMatch(
      /Fixed by ada@contoso\.example just now: Granted admin consent: User\.Read\.All/,
    );

    const notes = w.sent.filter((s) => s.kind === 'send');
    expect(notes.map((n) => n.conversationKey)).toEqual(['19:channel@thread.tacv2']);
    expect(collectText(notes[0]?.card)).toMatch(/Fixed by ada@contoso\.example/);
    expect(w.followUps).toEqual([]);
    expect(w.logs.join('\n')).not.toContain(TOKEN);
    expect(JSON.stringify(w.sent)).not.toContain(TOKEN);
  });

  it('starts the consent follow-up when the check does not show Ready yet (replication)', async () => {
    const w = await world();
    await w.flow.onSignedIn(w.request, ADMIN, TOKEN);
    expect(w.followUps).toHaveLength(1);
    expect(w.followUps[0]?.id).toBe(w.registration.id);
    // Each backoff re-check redraws the card with who fixed it and what.
    expect(w.followUps[0]?.note?.by).toBe('ada@contoso.example');
    expect(w.followUps[0]?.note?.outcome.changes.map((c) => c.summary)).toEqual([
      'Granted admin consent: User.Read.All (Application)',
    ]);
  });

  it('applies nothing on a stale plan and posts the new plan, bound to a new hash', async () => {
    const w = await world();
    w.fresh = { ...w.fresh, servicePrincipalMissing: true };
    const page = await w.flow.onSignedIn(w.request, ADMIN, TOKEN);

    expect(page.title).toMatch(/changed: nothing was applied/);
    expect(w.sessions[0]?.applied).toEqual([]);
    expect(await w.audit.list(w.registration.id)).toEqual([]);
    const newHash = planHash(planRepair(w.fresh, PROFILE));
    expect(newHash).not.toBe(w.request.planHash);
    expect(w.links).toEqual([{ ...w.request, planHash: newHash }]);
    const [preview] = w.sent;
    expect(preview).toMatchObject({ kind: 'update', activityId: CARD_ID });
    expect(collectText(preview?.card)).toMatch(/changed since you saw the plan/);
    expect(collectText(preview?.card)).toContain('Create the enterprise application (service principal)');
    expect(collectActions(preview?.card)).toContainEqual(
      expect.objectContaining({ type: 'Action.OpenUrl', url: 'https://bot.example/api/fix/start?state=s1' }),
    );
  });

  it('says it is already fixed when the fresh read needs nothing, and changes nothing', async () => {
    const w = await world();
    w.fresh = planInputFromReport(readyReport());
    w.checkAnswer = readyReport();
    const page = await w.flow.onSignedIn(w.request, ADMIN, TOKEN);
    expect(page.title).toBe('Already fixed');
    expect(w.sessions[0]?.applied).toEqual([]);
    expect(await w.audit.list(w.registration.id)).toEqual([]);
    expect(collectText(w.sent.find((s) => s.kind === 'update')?.card)).toMatch(/Ready/);
  });

  it('explains a failure half way on the card: the step, why, and what was done before it', async () => {
    const w = await world();
    w.outcome = () => ({
      completed: false,
      failure: { step: 'grant-application', message: 'Your account cannot grant application permissions.' },
      changes: [
        {
          step: 'add-permissions',
          summary: 'Added to the registration: User.Read.All (Application)',
          result: 'applied',
        },
        {
          step: 'grant-application',
          summary: 'Grant admin consent: User.Read.All (Application)',
          result: 'failed',
          detail: 'Your account cannot grant application permissions: ask a Privileged Role Administrator.',
        },
      ],
      requests: 2,
      replicationRetries: 0,
    });
    const page = await w.flow.onSignedIn(w.request, ADMIN, TOKEN);

    expect(page.title).toBe('Not everything could be done');
    expect(page.message).toMatch(/Grant admin consent: User\.Read\.All \(Application\): Your account cannot grant/);
    const card = collectText(w.sent.find((s) => s.kind === 'update')?.card);
    expect(card).toMatch(/stopped: Grant admin consent: User\.Read\.All \(Application\) failed/);
    expect(card).toMatch(/Why: Your account cannot grant application permissions: ask a Privileged Role Administrator/);
    expect(card).toMatch(/Done before it: Added to the registration: User\.Read\.All/);
    const [entry] = await w.audit.list(w.registration.id);
    expect(entry?.completed).toBe(false);
    expect(w.sent.filter((s) => s.kind === 'send')).toEqual([]); // no "fixed by" note in the channel
  });

  it('changes nothing when the registration was forgotten, and says so', async () => {
    const w = await world();
    await w.registrations.forget(w.registration.id, OWNER);
    const page = await w.flow.onSignedIn(w.request, ADMIN, TOKEN);
    expect(page).toMatchObject({ status: 404, title: 'This registration is gone' });
    expect(w.sessions).toEqual([]);
    expect(w.sent).toEqual([]);
  });

  it('refuses a request for someone else’s registration like a gone one', async () => {
    const w = await world();
    const page = await w.flow.onSignedIn(
      { ...w.request, requestedBy: { teamsUserId: '29:other', objectId: 'other' } },
      ADMIN,
      TOKEN,
    );
    expect(page.status).toBe(404);
    expect(w.sessions).toEqual([]);
  });

  it('refuses an admin of another organisation without opening a session', async () => {
    const w = await world();
    const page = await w.flow.onSignedIn(
      w.request,
      { ...ADMIN, tenantId: '99999999-9999-4999-8999-999999999999' },
      TOKEN,
    );
    expect(page).toMatchObject({ status: 403, title: 'You signed in to another organisation' });
    expect(w.sessions).toEqual([]);
    expect(await w.audit.list(w.registration.id)).toEqual([]);
  });

  it('tells the chat when the sign-in was cancelled, and that nothing changed', async () => {
    const w = await world();
    const page = await w.flow.onNotApplied(w.request, 'You cancelled the sign-in.');
    expect(page).toMatchObject({ status: 200, title: 'Nothing was changed' });
    expect(w.sent).toHaveLength(1);
    expect(w.sent[0]).toMatchObject({ kind: 'send', conversationKey: CHAT });
    expect(collectText(w.sent[0]?.card)).toMatch(/You cancelled the sign-in\. Nothing was changed/);
    expect(w.sessions).toEqual([]);
  });

  it('answers a readable page and tells the chat when the read fails, logging no token', async () => {
    const w = await world();
    Object.defineProperty(w, 'fresh', {
      get: () => {
        throw new Error(`Graph unreachable (token ${TOKEN})`);
      },
    });
    const page = await w.flow.onSignedIn(w.request, ADMIN, TOKEN);
    expect(page).toMatchObject({ status: 200, title: 'Fix it for me could not finish' });
    expect(collectText(w.sent[0]?.card)).toMatch(/could not finish/);
    expect(await w.audit.list(w.registration.id)).toEqual([]);
    expect(w.logs.join('\n')).not.toContain('delegated-access-token');
  });
});
