import { noticeCard } from '../../../src/cards/noticeCard';
import { sendFailure } from '../../../src/bot/proactive';
import { deliverCard, type DeliveryDeps } from '../../../src/reminders/delivery';
import type { Notifier, SendResult } from '../../../src/reminders/notifier';
import { createPacer } from '../../../src/reminders/pacer';
import { backoffDelayMs, classifyStatus, DEFAULT_RETRY } from '../../../src/reminders/retryPolicy';
import { createFakeClock } from '../../../src/time/clock';

const CARD = noticeCard({ tone: 'default', title: 't', text: 'x' });

function setup(script: SendResult[]) {
  const clock = createFakeClock('2025-01-01T00:00:00Z');
  const sleeps: number[] = [];
  const calls: number[] = [];
  const notifier: Notifier = {
    send: async () => {
      calls.push(clock.now().getTime());
      return script.shift() ?? { ok: true, activityId: 'a1' };
    },
    notifyPersonal: async () => true,
  };
  const sleep = async (ms: number): Promise<void> => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  const deps: DeliveryDeps = {
    notifier,
    pacer: createPacer({ clock, sleep }),
    retry: DEFAULT_RETRY,
    clock,
    sleep,
    random: () => 0.5,
    failureRetryMs: 3_600_000,
  };
  return { deps, sleeps, calls, clock };
}

const target = { conversationKey: '19:chan@thread.tacv2', tenantId: 't1' };

describe('deliverCard', () => {
  it('honours Retry-After on 429 and then succeeds', async () => {
    const { deps, sleeps } = setup([{ ok: false, status: 429, retryAfterMs: 5_000, reason: 'HTTP 429' }]);
    const result = await deliverCard(deps, target, CARD);
    expect(result).toEqual({ kind: 'sent', attempts: 2, activityId: 'a1' });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(5_000);
  });

  it.each([412, 502, 504, undefined])('retries %s with growing backoff', async (status) => {
    const fail: SendResult = { ok: false, ...(status ? { status } : {}), reason: 'x' };
    const { deps, sleeps } = setup([fail, fail, fail]);
    const result = await deliverCard(deps, target, CARD);
    expect(result.kind).toBe('sent');
    expect(sleeps).toEqual([750, 1_500, 3_000]);
  });

  it.each([403, 404])('%s means the conversation is gone: no retry', async (status) => {
    const { deps, calls } = setup([{ ok: false, status, reason: `HTTP ${status}` }]);
    expect(await deliverCard(deps, target, CARD)).toEqual({ kind: 'gone', status, reason: `HTTP ${status}` });
    expect(calls).toHaveLength(1);
  });

  it('a refused send (no reference, serviceUrl not allowed) is gone without a retry', async () => {
    const { deps, calls } = setup([
      { ok: false, refused: true, reason: 'serviceUrl is not an allowed Bot Connector host' },
    ]);
    expect((await deliverCard(deps, target, CARD)).kind).toBe('gone');
    expect(calls).toHaveLength(1);
  });

  it('gives up after maxAttempts and defers to a later sweep no sooner than Retry-After', async () => {
    const throttled: SendResult = { ok: false, status: 429, retryAfterMs: 2_000, reason: 'HTTP 429' };
    const { deps, calls, clock } = setup([throttled, throttled, throttled, throttled, throttled]);
    const result = await deliverCard(deps, target, CARD);
    expect(calls).toHaveLength(DEFAULT_RETRY.maxAttempts);
    expect(result.kind).toBe('deferred');
    if (result.kind === 'deferred')
      expect(result.retryAt.getTime()).toBeGreaterThanOrEqual(clock.now().getTime() + 2_000);
  });

  it('a Retry-After longer than the longest wait defers at once', async () => {
    const { deps, sleeps } = setup([{ ok: false, status: 429, retryAfterMs: 10 * 60_000, reason: 'HTTP 429' }]);
    const result = await deliverCard(deps, target, CARD);
    expect(result.kind).toBe('deferred');
    expect(sleeps).toEqual([]);
  });

  it('other errors (400, 401, 500) are not retried now but later', async () => {
    const { deps, calls, clock } = setup([{ ok: false, status: 400, reason: 'HTTP 400' }]);
    const result = await deliverCard(deps, target, CARD);
    expect(calls).toHaveLength(1);
    expect(result).toMatchObject({
      kind: 'deferred',
      status: 400,
      retryAt: new Date(clock.now().getTime() + 3_600_000),
    });
  });
});

describe('retry policy', () => {
  it('classifies statuses', () => {
    expect([429, 412, 502, 504, undefined].map(classifyStatus)).toEqual(['retry', 'retry', 'retry', 'retry', 'retry']);
    expect([403, 404].map(classifyStatus)).toEqual(['gone', 'gone']);
    expect([400, 401, 500].map(classifyStatus)).toEqual(['fail', 'fail', 'fail']);
  });

  it('backoff is exponential with jitter, capped, and never shorter than Retry-After', () => {
    expect(backoffDelayMs(1, undefined, DEFAULT_RETRY, () => 0)).toBe(500);
    expect(backoffDelayMs(1, undefined, DEFAULT_RETRY, () => 1)).toBe(1_000);
    expect(backoffDelayMs(3, undefined, DEFAULT_RETRY, () => 1)).toBe(4_000);
    expect(backoffDelayMs(20, undefined, DEFAULT_RETRY, () => 1)).toBe(60_000);
    expect(backoffDelayMs(1, 7_000, DEFAULT_RETRY, () => 0)).toBe(7_000);
  });
});

describe('sendFailure (botbuilder errors)', () => {
  it('reads statusCode and Retry-After from a RestError-like error', () => {
    const error = Object.assign(new Error('Throttled'), {
      statusCode: 429,
      code: 'Throttled',
      response: { status: 429, headers: { get: (n: string) => (n === 'retry-after' ? '2' : undefined) } },
    });
    expect(sendFailure(error, new Date())).toEqual({
      ok: false,
      status: 429,
      retryAfterMs: 2_000,
      reason: 'HTTP 429 Throttled',
    });
  });

  it('a network error has no status and keeps its code as the reason', () => {
    expect(sendFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), new Date())).toEqual(
      { ok: false, reason: 'ECONNREFUSED' },
    );
    expect(sendFailure('weird', new Date())).toEqual({ ok: false, reason: 'send failed' });
  });
});
