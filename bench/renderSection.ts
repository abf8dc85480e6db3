import type { BenchSection } from './benchSection';

/**
 * A section as aligned plain text: title, underline, a header row, the rows (numbers right-
 * aligned, text left-aligned), then the notes as bullets. Columns are the union of the rows'
 * keys in first-seen order, so a row may leave a column out.
 */
export function renderSection(section: BenchSection): string {
  const columns: string[] = [];
  for (const row of section.rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const cell = (value: string | number | undefined): string =>
    value === undefined ? '' : typeof value === 'number' ? formatNumber(value) : value;
  const body = section.rows.map((row) => columns.map((c) => cell(row[c])));
  const numeric = columns.map((c) => section.rows.some((row) => typeof row[c] === 'number'));
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((text, i) => (numeric[i] ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [section.title, '='.repeat(section.title.length)];
  if (columns.length > 0) {
    out.push(line(columns), line(widths.map((w) => '-'.repeat(w))), ...body.map(line));
  }
  for (const note of section.notes) out.push(`  * ${note}`);
  return out.join('\n');
}

/** Integers as is, other numbers with at most two decimals; NaN/Infinity shown as '-'. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 100) / 100);
}
