/**
 * The embedded store's serialised form of a batch, once graph/store/check-batch.ts has checked it
 * (what "invalid" means is decided there, for every adapter).
 *
 * On disk and in the change log a change is compact, `[kind, record]` for a put and `[kind, key]`
 * for a delete (a key is a string, a record an object): a third fewer bytes and objects than
 * `{op, kind, record}`, which is what recovery time is made of.
 */
import type { AnyRecord, Change, RecordKind } from '../../records.js';
import { STEP_EVERY, runAtOnce, type Steps } from '../../support/time-slices.js';
import { checkBatchSteps } from '../check-batch.js';

/** Changes per piece of JSON text: pieces of about 100 KB, cheap to copy into a frame between two looks at the clock. */
const PIECE_CHANGES = 1_000;

/** A change as stored: `[kind, record]` puts, `[kind, key]` deletes. */
export type StoredChange = [kind: RecordKind, recordOrKey: AnyRecord | string];

export interface EncodedBatch {
  /**
   * JSON text of the StoredChange array as written into the journal, `[${pieces.join(',')}]`, in
   * pieces (each a comma-separated run of changes): a million-change batch is never one string
   * that must be built, copied or checksummed in a single step.
   */
  pieces: string[];
  /** UTF-8 length of that JSON text. */
  bytes: number;
  /** The same changes, JSON-clean and detached from the caller's objects: what the store keeps in memory. */
  changes: StoredChange[];
}

/** The port's form of a stored change, `[kind, recordOrKey]`. */
export function toChange(kind: RecordKind, recordOrKey: AnyRecord | string): Change {
  return typeof recordOrKey === 'string' ? { op: 'delete', kind, key: recordOrKey } : ({ op: 'put', kind, record: recordOrKey } as Change);
}

/** Checks a batch (checkBatch) and serialises it; throws InvalidChangeError naming the change. */
export function encodeBatch(input: readonly Change[]): EncodedBatch {
  return runAtOnce(encodeBatchSteps(input));
}

/** encodeBatch as pausable steps (graph/support/time-slices.ts): a million changes take seconds. */
export function* encodeBatchSteps(input: readonly Change[]): Steps<EncodedBatch> {
  const checked = yield* checkBatchSteps(input);
  const changes = new Array<StoredChange>(checked.length);
  const pieces: string[] = [];
  let run: string[] = [];
  let bytes = 2;
  const flush = () => {
    const piece = run.join(',');
    bytes += Buffer.byteLength(piece, 'utf8') + (pieces.length ? 1 : 0);
    pieces.push(piece);
    run = [];
  };
  for (let i = 0; i < checked.length; i++) {
    if (i % STEP_EVERY === STEP_EVERY - 1) yield;
    const change = checked[i]!;
    // Already JSON-clean: stringified as is, it parses back to exactly `stored`.
    const stored: StoredChange = change.op === 'put' ? [change.kind, change.record] : [change.kind, change.key];
    changes[i] = stored;
    run.push(JSON.stringify(stored));
    if (run.length === PIECE_CHANGES) flush();
  }
  if (run.length) flush();
  return { pieces, bytes, changes };
}
