/**
 * A stored record could not be read back (e.g. a JSON column was damaged by hand editing or a
 * disk fault). Names the table, column and record id, never the content, and leaves the
 * record untouched so nothing is lost by reading it.
 */
export class StoreDataError extends Error {
  override readonly name = 'StoreDataError';

  constructor(
    readonly table: string,
    readonly column: string,
    /** The record's id, or only the namespace for key/value records (their keys may be tokens). */
    readonly recordRef: string,
    reason: string,
  ) {
    super(
      `The stored ${table} record ${recordRef} has an unreadable ${column} column (${reason}). ` +
        'It was left as is; fix or delete that record (or restore the data directory from a backup).',
    );
  }
}
