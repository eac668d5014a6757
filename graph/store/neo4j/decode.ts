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
    return value.toString();
  }
  return value;
}

/**
 * A record of `kind` from its stored properties (temporals already printed) and its ends, laid out
 * as one object literal (compact-records.ts): an instance on Neo4j holds millions of them.
 */
export function decodeRecord(kind: RecordKind, props: Record<string, unknown>, ends: Record<string, unknown> = {}): AnyRecord {
  const keys: string[] = [];
  const values: unknown[] = [];
  for (const field of FIELDS[kind]) {
    const raw = field in ends ? ends[field] : props[field];
    const value = JSON_FIELDS.has(field) && typeof raw === 'string' ? (JSON.parse(raw) as unknown) : toNative(raw);
    if (value === undefined) continue;
    keys.push(field);
    values.push(value);
  }
  const make = recordMaker(keys);
  if (make) return make(values) as unknown as AnyRecord;
  const record: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) record[keys[i]!] = values[i];
  return record as unknown as AnyRecord;
}
