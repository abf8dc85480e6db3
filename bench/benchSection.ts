/** One section of `npm run bench`'s report: a titled table plus notes, printed by bench/main. */
export interface BenchSection {
  title: string;
  rows: Array<Record<string, string | number>>;
  notes: string[];
}
