import { systemClock } from '../src/time/clock';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { noticeCard } from '../src/cards/noticeCard';
import { createProactive } from '../src/bot/proactive';
import { createServiceUrlPolicy } from '../src/bot/serviceUrlPolicy';
import { createTeamsNotifier } from '../src/bot/reminders/teamsNotifier';
import { createNullLogger } from '../src/log/logger';
import { deliverCard, type DeliveryDeps } from '../src/reminders/delivery';
import { createPacer } from '../src/reminders/pacer';
import { DEFAULT_RETRY } from '../src/reminders/retryPolicy';
import { createMemoryStore } from '../src/store/memoryStore';
import { startConnectorDouble, type ConnectorCall } from '../tools/connector-double/connectorDouble';

export interface PacingRow {
  readonly conversation: string;
  readonly paced: boolean;
  readonly sent: number;
  readonly seconds: number;
  readonly max1s: number;
  readonly max2s: number;
}

/** The largest number of calls arriving within any window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j += 1;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/**
 * Real sends through TeamsAdapter to the connector double: `perConversation` cards to each of
 * three conversations at once through the paced delivery, and the same burst to a fourth
 * conversation without pacing, for comparison. Arrival times are the double's.
 */
export async function measureReminderPacing(perConversation = 20): Promise<PacingRow[]> {
  const connector = await startConnectorDouble();
  const store = createMemoryStore();
  try {
    const adapter = new TeamsAdapter({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: '',
    });
    const logger = createNullLogger();
    const serviceUrlAllowed = createServiceUrlPolicy({ allowedPrefixes: [], localMode: true });
    const proactive = createProactive({
      adapter,
      botAppId: '',
      store,
      serviceUrlAllowed,
      logger,
      clock: systemClock,
    });
    const notifier = createTeamsNotifier(proactive, logger);
    const keys = [
      '19:bench-a@thread.tacv2',
      '19:bench-b@thread.tacv2',
      '19:bench-c@thread.tacv2',
      '19:bench-unpaced@thread.tacv2',
    ];
    for (const key of keys) {
      await store.saveConversation({
        key,
        scope: 'channel',
        tenantId: 'bench-tenant',
        updatedAt: new Date().toISOString(),
        reference: {
          serviceUrl: connector.serviceUrl,
          channelId: 'msteams',
          conversation: { id: key, conversationType: 'channel' },
          bot: { id: '28:bot' },
        },
      });
    }
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    const deps: DeliveryDeps = {
      notifier,
      pacer: createPacer({ clock: systemClock, sleep }),
      retry: DEFAULT_RETRY,
      clock: systemClock,
      sleep,
      random: Math.random,
      failureRetryMs: 60_000,
    };
    const card = noticeCard({ tone: 'default', title: 'Bench reminder', text: 'Pacing measurement.' });
    const started = Date.now();
    const paced = keys.slice(0, 3).map(async (key) => {
      for (let i = 0; i < perConversation; i += 1)
        await deliverCard(deps, { conversationKey: key, tenantId: 'bench-tenant' }, card);
    });
    const unpacedKey = keys[3] ?? '';
    const unpaced = Promise.all(
      Array.from({ length: perConversation }, () => notifier.send({ conversationKey: unpacedKey }, card)),
    );
    await Promise.all([...paced, unpaced]);
    const calls = connector.calls();
    return keys.map((key, i): PacingRow => {
      const times = calls.filter((c: ConnectorCall) => c.conversationId === key && c.status < 300).map((c) => c.at);
      return {
        conversation: key.slice(3, key.indexOf('@')),
        paced: i < 3,
        sent: times.length,
        seconds: times.length > 0 ? (Math.max(...times) - started) / 1000 : 0,
        max1s: maxInWindow(times, 1_000),
        max2s: maxInWindow(times, 2_000),
      };
    });
  } finally {
    await store.close();
    await connector.stop();
  }
}
