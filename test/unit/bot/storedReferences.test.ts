import { createStoredReferences } from '../../../src/bot/storedReferences';
import { createFakeClock } from '../../../src/time/clock';

describe('stored references (in-process memory of unchanged conversation references)', () => {
  it('knows a remembered fingerprint, and not a different one for the same key', () => {
    const clock = createFakeClock();
    const known = createStoredReferences({ clock });
    expect(known.isStored('c1', 'a')).toBe(false);
    known.remember('c1', 'a');
    expect(known.isStored('c1', 'a')).toBe(true);
    expect(known.isStored('c1', 'b')).toBe(false);
    expect(known.isStored('c2', 'a')).toBe(false);
  });

  it('forgets a key on request and after the time to live', () => {
    const clock = createFakeClock();
    const known = createStoredReferences({ clock, ttlMs: 5000 });
    known.remember('c1', 'a');
    known.remember('c2', 'b');
    known.forget('c1');
    expect(known.isStored('c1', 'a')).toBe(false);
    clock.advance(4999);
    expect(known.isStored('c2', 'b')).toBe(true);
    clock.advance(1);
    expect(known.isStored('c2', 'b')).toBe(false);
    expect(known.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const clock = createFakeClock();
    const known = createStoredReferences({ clock, maxEntries: 2 });
    known.remember('c1', 'a');
    known.remember('c2', 'b');
    expect(known.isStored('c1', 'a')).toBe(true);
    known.remember('c3', 'c');
    expect(known.size).toBe(2);
    expect(known.isStored('c2', 'b')).toBe(false);
    expect(known.isStored('c1', 'a')).toBe(true);
    expect(known.isStored('c3', 'c')).toBe(true);
  });
});
