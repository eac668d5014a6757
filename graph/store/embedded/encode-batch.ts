/**
 * What "invalid" means at store level, and the batch's serialised form.
 *
 * The store is deliberately dumb (see port.ts): domain validation happens before `apply`. A change
 * is invalid here only when the store could not key or persist it: not an object, an op other than
 * put/delete, a kind outside RECORD_KINDS, a put whose record is not a plain object or has no
 * non-empty string key (id, or both ends for memberships and attendance), a delete without a
 * non-empty string key, or a record that JSON cannot represent (BigInt, cycles). One invalid change
 * rejects the whole batch with InvalidChangeError before anything is written.
 *
 * Records are stored exactly as JSON represents them: `undefined` fields disappear, and the caller
 * may reuse or mutate its objects after `apply` without touching what was stored.
 *
 * On disk and in the change log a change is compact, `[kind, record]` for a put and `[kind, key]`
 * for a delete (a key is a string, a record an object): a third fewer bytes and objects than
 * `{op, kind, record}`, which is what recovery time is made of.
 */
import { RECORD_KINDS, keyOf, type AnyRecord, type Change, type RecordKind } from '../../records.js';
import { STEP_EVERY, runAtOnce, type Steps } from '../../support/time-slices.js';
import { InvalidChangeError } from './errors.js';

const KINDS: ReadonlySet<string> = new Set(RECORD_KINDS);

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
  /** The same changes as parsed back from the JSON: what the store keeps in memory. */
  changes: StoredChange[];
}

/** The port's form of a stored change. */
export function toChange([kind, recordOrKey]: StoredChange): Change {
  return typeof recordOrKey === 'string' ? { op: 'delete', kind, key: recordOrKey } : ({ op: 'put', kind, record: recordOrKey } as Change);
}

/** Checks a batch at store level and serialises it; throws InvalidChangeError naming the change. */
export function encodeBatch(input: readonly Change[]): EncodedBatch {
  return runAtOnce(encodeBatchSteps(input));
}

/** encodeBatch as pausable steps (graph/support/time-slices.ts): a million changes take seconds. */
export function* encodeBatchSteps(input: readonly Change[]): Steps<EncodedBatch> {
  if (!Array.isArray(input)) throw new InvalidChangeError('changes must be an array');
  const changes = new Array<StoredChange>(input.length);
  const pieces: string[] = [];
  let run: string[] = [];
  let bytes = 2;
  const flush = () => {
    const piece = run.join(',');
    bytes += Buffer.byteLength(piece, 'utf8') + (pieces.length ? 1 : 0);
    pieces.push(piece);
    run = [];
  };
  for (let i = 0; i < input.length; i++) {
    if (i % STEP_EVERY === STEP_EVERY - 1) yield;
    const shaped = shapeChange(input[i], i);
    let json: string;
    try {
      json = JSON.stringify(shaped);
    } catch (err) {
      throw new InvalidChangeError(`changes cannot be stored as JSON: change ${i}: ${(err as Error).message}`);
    }
    const stored = JSON.parse(json) as StoredChange;
    const [kind, recordOrKey] = stored;
    // Checked after the round trip: what JSON made of the record (toJSON, dropped fields) is what is kept.
    if (typeof recordOrKey !== 'string') {
      if (typeof recordOrKey !== 'object' || recordOrKey === null || Array.isArray(recordOrKey)) throw invalid(i, 'is a put whose record is not an object once written as JSON');
      checkKey(kind, storeKeyOf(kind, recordOrKey), i);
    }
    changes[i] = stored;
    run.push(json);
    if (run.length === PIECE_CHANGES) flush();
  }
  if (run.length) flush();
  return { pieces, bytes, changes };
}

/** The stored form of a change, checking op and kind. */
function shapeChange(c: unknown, i: number): StoredChange {
  if (typeof c !== 'object' || c === null) throw invalid(i, 'is not an object');
  const { op, kind } = c as { op?: unknown; kind?: unknown };
  if (typeof kind !== 'string' || !KINDS.has(kind)) throw invalid(i, `has unknown kind ${JSON.stringify(kind) ?? 'undefined'}`);
  if (op === 'put') {
    const record = (c as { record?: unknown }).record;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw invalid(i, 'is a put without a record object');
    }
    return [kind as RecordKind, record as AnyRecord];
  }
  if (op === 'delete') {
    const key = (c as { key?: unknown }).key;
    checkKey(kind as RecordKind, typeof key === 'string' ? key : undefined, i);
    return [kind as RecordKind, key as string];
  }
  throw invalid(i, `has unknown op ${JSON.stringify(op) ?? 'undefined'}`);
}

/** The record's key, or undefined when its key fields are not non-empty strings. */
function storeKeyOf(kind: RecordKind, record: object): string | undefined {
  const r = record as Record<string, unknown>;
  const fields = kind === 'membership' ? ['person', 'group'] : kind === 'attendance' ? ['person', 'event'] : ['id'];
  for (const f of fields) if (typeof r[f] !== 'string' || r[f] === '') return undefined;
  return keyOf(kind, record as never);
}

function checkKey(kind: RecordKind, key: string | undefined, i: number): void {
  if (!key) {
    const what = kind === 'membership' ? 'person and group' : kind === 'attendance' ? 'person and event' : 'id';
    throw invalid(i, `(${kind}) has no key: ${what} must be non-empty strings`);
  }
}

function invalid(i: number, what: string): InvalidChangeError {
  return new InvalidChangeError(`refnet embedded store: change ${i} ${what}`);
}
