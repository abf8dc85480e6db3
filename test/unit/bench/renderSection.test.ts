import { formatNumber, renderSection } from '../../../bench/renderSection';

describe('renderSection', () => {
  it('aligns columns: numbers (and their headers) to the right, text to the left, then the notes', () => {
    const text = renderSection({
      title: 'Demo',
      rows: [
        { metric: 'throughput', value: 1234.567, result: 'PASS' },
        { metric: 'p99', value: 5, result: '-' },
      ],
      notes: ['measured twice'],
    });
    expect(text.split('\n')).toEqual([
      'Demo',
      '====',
      'metric        value  result',
      '----------  -------  ------',
      'throughput  1234.57  PASS',
      'p99               5  -',
      '  * measured twice',
    ]);
  });

  it("takes the union of the rows' columns and leaves missing cells blank", () => {
    const lines = renderSection({ title: 'T', rows: [{ a: 'x' }, { a: 'y', b: 2 }], notes: [] }).split('\n');
    expect(lines[2]).toBe('a  b');
    expect(lines[4]).toBe('x');
    expect(lines[5]).toBe('y  2');
  });

  it('prints a section without rows as title and notes only', () => {
    expect(renderSection({ title: 'Empty', rows: [], notes: ['nothing ran'] })).toBe('Empty\n=====\n  * nothing ran');
  });
});

describe('formatNumber', () => {
  it('keeps integers, rounds to two decimals, and shows non-finite values as a dash', () => {
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(0.125)).toBe('0.13');
    expect(formatNumber(Number.NaN)).toBe('-');
    expect(formatNumber(Infinity)).toBe('-');
  });
});
