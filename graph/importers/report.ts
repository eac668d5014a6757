/**
 * The file import report: what importing a file (CSV, vCard, spreadsheet) did (or, in a dry run,
 * would do), row by row where it matters.
 */
import type { RowWarning, SkippedRow } from './drafts.js';
import type { KeyType } from './person-keys.js';

export interface FieldConflict {
  field: string;
  /** The value the person keeps. */
  kept: string;
  /** The value from the row that was not used. */
  ignored: string;
  row: number;
}

/** People that several rows, or a row and an existing person, turned out to be. */
export interface MergeEntry {
  id: string;
  name: string;
  /** Rows of this import that became this person. */
  rows: number[];
  /** True when the rows were merged into a person already in the network. */
  existing: boolean;
  /** The keys the records were matched on. */
  matchedOn: KeyType[];
  conflicts: FieldConflict[];
}

export type ChangeOp = 'create' | 'update' | 'unchanged';

export interface RecordChange {
  op: ChangeOp;
  kind: 'person' | 'interaction' | 'referral';
  id: string;
  /** Person name, or "a → b" for interactions and referrals. */
  label: string;
  rows: number[];
  /** For updates: the fields that change. */
  fields?: string[];
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface FileImportReport {
  format: string;
  dryRun: boolean;
  rows: { read: number; imported: number; skipped: number };
  skipped: SkippedRow[];
  warnings: RowWarning[];
  people: Counts;
  interactions: Counts;
  referrals: Counts;
  /** Rows folded into another row of this import, and rows that matched a person already stored. */
  duplicates: { withinImport: number; intoExisting: number };
  merges: MergeEntry[];
  /** Every record created or updated (and unchanged ones), in row order. */
  changes: RecordChange[];
  /** Store version after the write; absent in a dry run or when nothing changed. */
  version?: number;
}

export const zeroCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0 });
