import { createConsentFollowUp } from '../../../src/bot/consentFollowUp';
import type { ResultCardRenderer } from '../../../src/bot/resultCard';
import { noticeCard } from '../../../src/cards/noticeCard';
import type { CheckResult } from '../../../src/consent/report';
import { createNullLogger } from '../../../src/log/logger';
import type { RepairNote } from '../../../src/repair/repairNote';
import { createMemoryStore } from '../../../src/store/memoryStore';
import type { StoredRegistration } from '../../../src/store/store';
import { createFakeClock } from '../../../src/time/clock';
import { makeReport, results } from '../cards/cardFixtures';

const REG: StoredRegistration = {
  id: 'reg-1',
  ownerId: 'owner',
  ownerTenantId: 't',
  label: 'Contoso',
  tenantInput: 't',
  tenantId: 't',
  clientId: 'c',
  sealedSecret: 'sealed',
  secretHint: 'abc',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  statusCard: { conversationKey: 'a:chat', activityId: 'card-1' },
};
const NOTE: RepairNote = {
  by: 'ada@contoso.example',
  outcome: { completed: true, changes: [], requests: 1, replicationRetries: 0 },
};

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('consent follow-up after Fix it for me', () => {
  it('redraws the status card with the repair note on every re-check until Ready', async () => {
    const answers: CheckResult[] = [
      makeReport({ permissions: results(['Not granted']), verdict: 'Action needed' }),
      makeReport({ permissions: results(['Granted']), verdict: 'Ready' }),
    ];
    const rendered: { verdict?: string; repair?: RepairNote }[] = [];
    const renderResult: ResultCardRenderer = async (_reg, result, _tz, _prev, extra) => {
      rendered.push({ verdict: result.kind === 'report' ? result.verdict : undefined, repair: extra?.repair });
      return noticeCard({ tone: 'default', title: 'x', text: 'y' });
    };
    const updates: string[] = [];
    const followUp = createConsentFollowUp({
      store: createMemoryStore(),
      registrations: {
        get: async () => REG,
        recheck: async () => ({ registration: REG, result: answers.shift() ?? makeReport() }),
      },
      renderResult,
      proactive: { updateCard: async (_key, id) => (updates.push(id), { ok: true }) },
      logger: createNullLogger(),
      clock: createFakeClock(),
      delaysMs: [0, 0, 0],
    });
    await followUp.start(REG.id, REG.ownerId, NOTE);
    await until(() => rendered.length >= 2 && followUp.pending() === 0);
    followUp.stop();
    expect(rendered).toEqual([
      { verdict: 'Action needed', repair: NOTE },
      { verdict: 'Ready', repair: NOTE },
    ]);
    expect(updates).toEqual(['card-1', 'card-1']);
  });
});
