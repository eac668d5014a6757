/**
 * Neo4j values → plain records, at the adapter's edge: Integers become numbers (refusing any
 * outside the safe range rather than rounding), temporals their ISO strings, the attributes JSON
 * a map. Bookkeeping properties (seq, *Text) never leave the adapter.
 */
import neo4j from 'neo4j-driver';
import type { AnyRecord, RecordKind } from '../../records.js';
import { recordMaker } from '../../support/compact-records.js';
import { FIELDS, JSON_FIELDS } from './model.js';

/** A Neo4j Integer or number as a JS number, exactly. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (neo4j.isInt(value)) {
    if (!value.inSafeRange()) throw new RangeError(`graph/store/neo4j: integer ${value.toString()} exceeds 2^53`);
    return value.toNumber();
  }
  if (typeof value === 'bigint') return toNumber(neo4j.int(value.toString()));
  throw new TypeError(`graph/store/neo4j: expected a number, got ${typeof value}`);
}

/** Any property value as plain JSON-able JS. */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (neo4j.isInt(value) || typeof value === 'bigint') return toNumber(value);
  if (Array.isArray(value)) return value.map(toNative);
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return flat(value.toString());
  }
  return value;
}

/**
 * The driver prints a temporal by concatenation: a rope of several strings (a V8 cons string) that
 * costs 160 bytes a record where the flat string costs 80, and Date.parse reads it at half speed.
 * Reading a character flattens it once, and the next garbage collection drops the rope (measured
 * on a million DateTimes: 160 → 80 bytes of heap a record, their Date.parse 330 → 160 ms).
 */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/**
 * Fields naming another record (a person, company, group or event), and the ids of those records:
 * the strings a whole read (readAll) shares through an `IdPool`.
 */
const REFERENCES: ReadonlySet<string> = new Set(['a', 'b', 'from', 'to', 'person', 'event', 'group', 'company', 'privateTo', 'requester', 'connector', 'target']);
const REFERENCED_KINDS: ReadonlySet<RecordKind> = new Set(['person', 'company', 'group', 'event']);
const SHARED = Object.fromEntries(
  Object.entries(FIELDS).map(([kind, fields]) => [kind, fields.map((f) => REFERENCES.has(f) || (f === 'id' && REFERENCED_KINDS.has(kind as RecordKind)))]),
) as Record<RecordKind, boolean[]>;

/**
 * One string per id across a read. The driver decodes every occurrence of an id into a string of
 * its own; JSON.parse (the embedded store's load) returns short strings internalized, one per
 * spelling. Unshared, a million people's ids repeated over ten million records cost their copies'
 * memory, and every Map lookup by id in the analytics warm-up hashes and compares a fresh string
 * (docs/BENCHMARKS.md, the API instance on Neo4j).
 */
export class IdPool {
  private readonly ids = new Map<string, string>();

  share(id: string): string {
    const known = this.ids.get(id);
    if (known !== undefined) return known;
    this.ids.set(id, id);
    return id;
  }
}

/**
 * A record of `kind` from its stored properties (temporals already printed) and its ends, laid out
 * as one object literal (compact-records.ts): an instance on Neo4j holds millions of them. With a
 * `pool`, its id (of a person, company, group or event) and the ids it names are the pool's.
 */
export function decodeRecord(kind: RecordKind, props: Record<string, unknown>, ends: Record<string, unknown> = {}, pool?: IdPool): AnyRecord {
  const keys: string[] = [];
  const values: unknown[] = [];
  const fields = FIELDS[kind];
  const shared = SHARED[kind];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const raw = field in ends ? ends[field] : props[field];
    let value = JSON_FIELDS.has(field) && typeof raw === 'string' ? (JSON.parse(raw) as unknown) : toNative(raw);
    if (value === undefined) continue;
    if (pool && shared[i] && typeof value === 'string') value = pool.share(value);
    keys.push(field);
    values.push(value);
  }
  const make = recordMaker(keys);
  if (make) return make(values) as unknown as AnyRecord;
  const record: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) record[keys[i]!] = values[i];
  return record as unknown as AnyRecord;
}
