import { byDeadline } from '../time/deadline';
import { CheckTimeoutError } from './errors';
import { systemClock, type Clock } from '../time/clock';

/**
 * Time budget helpers. Some SDK calls (the client-secret token request) ignore abort signals,
 * so the budget is enforced by racing them against a timer; the timer is always cleared.
 */

/** Settles like `work`, or rejects with CheckTimeoutError once `deadline` (epoch ms by `clock`) passes. */
export function withDeadline<T>(
  work: Promise<T>,
  deadline: number,
  stage: CheckTimeoutError['stage'],
  timeoutMs: number,
  clock: Clock = systemClock,
): Promise<T> {
  return byDeadline(work, deadline, () => new CheckTimeoutError(stage, timeoutMs), clock);
}
