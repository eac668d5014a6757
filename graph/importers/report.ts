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

/** A person a row could be, by the key it matched on. */
export interface AmbiguousCandidate {
  /** The stored person's id, or the id the earlier rows' person gets. */
  id: string;
  name: string;
  /** True for a person already in the network, false for earlier rows of this import. */
  existing: boolean;
  /** Rows of this import that are (or became) this person; empty for a stored person no row matched. */
  rows: number[];
  /** The normalised key value the row shares with this person (an email, a profile URL, "name|company", an id). */
  key: string;
}

/**
 * Rows whose strongest matching key matched two or more different people equally well: they are
 * not imported (each is in `skipped` too), since merging them into either would be a guess.
 */
export interface AmbiguousEntry {
  /** The name the rows give. */
  name: string;
  rows: number[];
  /** The key type that matched every candidate (the strongest that matched anyone). */
  matchedOn: KeyType;
  candidates: AmbiguousCandidate[];
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
  /** Rows left out because they matched several people equally well. */
  ambiguous: AmbiguousEntry[];
  /** Every record created or updated (and unchanged ones), in row order. */
  changes: RecordChange[];
  /** Store version after the write; absent in a dry run or when nothing changed. */
  version?: number;
}

export const zeroCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0 });
