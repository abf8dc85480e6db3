import { createFakeClock } from '../../../src/time/clock';
import { byDeadline, within } from '../../../src/time/deadline';

describe('within', () => {
  test('a value in time is done', async () => {
    await expect(within(Promise.resolve(7), 1000)).resolves.toEqual({ done: true, value: 7 });
  });
  test('work that outlasts the time is not done, and keeps running', async () => {
    let finish: (value: string) => void = () => undefined;
    const work = new Promise<string>((resolve) => (finish = resolve));
    await expect(within(work, 10)).resolves.toEqual({ done: false });
    finish('late');
    await expect(work).resolves.toBe('late');
  });
  test('no time left is not done, even for a settled promise', async () => {
    await expect(within(Promise.resolve(1), 0)).resolves.toEqual({ done: false });
  });
  test('a rejection in time rejects; a late one is not reported as unhandled', async () => {
    await expect(within(Promise.reject(new Error('boom')), 1000)).rejects.toThrow('boom');
    const late = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('late')), 20));
    await expect(within(late, 5)).resolves.toEqual({ done: false });
    await new Promise((resolve) => setTimeout(resolve, 40));
  });
});

describe('byDeadline', () => {
  test('settles like the work before the deadline', async () => {
    await expect(byDeadline(Promise.resolve('ok'), Date.now() + 1000, () => new Error('late'))).resolves.toBe('ok');
  });
  test('rejects with the given error once the deadline passes, read against the given clock', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(
      byDeadline(never, 1_000_010, () => new RangeError('too slow'), createFakeClock(1_000_000)),
    ).rejects.toThrow(RangeError);
    await expect(byDeadline(Promise.resolve(1), 5, () => new Error('passed'), createFakeClock(10))).rejects.toThrow(
      'passed',
    );
  });
});
