import { isRecord } from '../../../src/shared/isRecord';

describe('isRecord', () => {
  test('a plain object is a record; null, arrays and primitives are not', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord(null)).toBe(false);
    expect(isRecord(undefined)).toBe(false);
    expect(isRecord([])).toBe(false);
    expect(isRecord('text')).toBe(false);
    expect(isRecord(3)).toBe(false);
  });
});
