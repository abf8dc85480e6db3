import { measureTurnParts } from '../../../bench/turnParts';

describe('turn parts (the bot table breakdown)', () => {
  it('times every fixed part of a turn, including the before rows, as a CPU figure', async () => {
    const parts = await measureTurnParts(5);
    expect(parts.map((p) => p.name)).toEqual([
      'turn info + access policy',
      'claim activity id: 1 upsert',
      'claim id: IMMEDIATE SELECT+INSERT',
      'reference: remembered',
      'reference: read from store',
      'reference: read + write',
      'log line (info)',
      'help card built + JSON',
    ]);
    for (const part of parts) {
      expect(Number.isFinite(part.cpuMs)).toBe(true);
      expect(part.cpuMs).toBeGreaterThanOrEqual(0);
      expect(part.when).not.toBe('');
    }
  });
});
