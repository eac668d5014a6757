/**
 * What "invalid" means at store level, for every adapter (the contract in
 * tests/store/conformance.ts). The store is deliberately dumb (see port.ts): domain rules are
 * checked before `apply`. A change is invalid here only when the store could not key or persist
 * it: not an object, an op other than put/delete, a kind outside RECORD_KINDS, a put whose record
 * is not a plain object or has no non-empty string key (id, or both ends for memberships and
 * attendance), a delete without a non-empty string key, or a change that JSON cannot represent
 * (BigInt, cycles). One invalid change refuses the whole batch with InvalidChangeError, naming
 * its position, before anything is written.
 *
 * Records are stored exactly as JSON represents them: the batch comes back JSON-clean (undefined
 * fields gone, toJSON applied, detached from the caller's objects), and it is that form which is
 * checked, because it is what is stored and what changesSince replays.
 */
import { RECORD_KINDS, type Change } from '../records.js';
import { recordMaker } from '../support/compact-records.js';
import { STEP_EVERY, runAtOnce, type Steps } from '../support/time-slices.js';

/** A change the store cannot key or store; the message names the change's position. */
export class InvalidChangeError extends Error {
  override readonly name = 'InvalidChangeError';
}

const KINDS: ReadonlySet<string> = new Set(RECORD_KINDS);
const KEY_FIELDS: Readonly<Record<string, readonly string[]>> = { membership: ['person', 'group'], attendance: ['person', 'event'] };

/** The batch as stored (JSON-clean), or InvalidChangeError naming the first bad change. */
export function checkBatch(input: readonly Change[]): Change[] {
  return runAtOnce(checkBatchSteps(input));
}

/** checkBatch as pausable steps (graph/support/time-slices.ts): a million changes take a while. */
export function* checkBatchSteps(input: readonly Change[]): Steps<Change[]> {
  if (!Array.isArray(input)) throw new InvalidChangeError('graph/store: changes must be an array');
  const changes = new Array<Change>(input.length);
  for (let i = 0; i < input.length; i++) {
    if (i % STEP_EVERY === STEP_EVERY - 1) yield;
    let change: unknown;
    try {
      change = asJson(input[i]);
    } catch (err) {
      throw invalid(i, `cannot be stored as JSON: ${(err as Error).message}`);
    }
    const problem = problemOf(change);
    if (problem) throw invalid(i, problem);
    changes[i] = change as Change;
  }
  return changes;
}

function invalid(i: number, problem: string): InvalidChangeError {
  return new InvalidChangeError(`graph/store: change ${i} ${problem}`);
}

/** Why a JSON-clean change cannot be stored, or undefined when it can. */
function problemOf(change: unknown): string | undefined {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) return 'is not an object';
  const { op, kind, record, key } = change as { op?: unknown; kind?: unknown; record?: unknown; key?: unknown };
  if (typeof kind !== 'string' || !KINDS.has(kind)) return `has unknown kind ${JSON.stringify(kind) ?? 'undefined'}`;
  if (op === 'delete') return typeof key === 'string' && key !== '' ? undefined : 'is a delete without a non-empty string key';
  if (op !== 'put') return `has unknown op ${JSON.stringify(op) ?? 'undefined'}`;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'is a put without a record object';
  const fields = KEY_FIELDS[kind] ?? ['id'];
  const keyed = fields.every((f) => {
    const value = (record as Record<string, unknown>)[f];
    return typeof value === 'string' && value !== '';
  });
  return keyed ? undefined : `(${kind}) has no key: ${fields.join(' and ')} must be non-empty strings`;
}

/**
 * `value` as JSON.parse(JSON.stringify(value)) makes it. Plain data (strings, booleans, finite
 * numbers, null, plain arrays and objects) is copied directly, several times faster for a
 * million-record import; anything else takes the JSON round trip itself.
 */
function asJson(value: unknown): unknown {
  const copy = plainCopy(value, 0);
  return copy === NOT_PLAIN ? (JSON.parse(JSON.stringify(value) ?? 'null') as unknown) : copy;
}

const NOT_PLAIN = Symbol('not plain');
/** How deep a change's record sits in the change. */
const RECORD_DEPTH = 1;

/** Deeper than any record: JSON itself then reports a cycle as a cycle, not as a stack overflow. */
const MAX_PLAIN_DEPTH = 64;

function plainCopy(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes -0 as 0.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : NOT_PLAIN;
    case 'object': {
      if (value === null) return null;
      if (depth > MAX_PLAIN_DEPTH) return NOT_PLAIN;
      if (Array.isArray(value)) {
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) return NOT_PLAIN;
          const item = plainCopy(value[i], depth + 1);
          if (item === NOT_PLAIN) return NOT_PLAIN;
          out[i] = item;
        }
        return out;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) return NOT_PLAIN;
      const keys: string[] = [];
      const copies: unknown[] = [];
      for (const key of Object.keys(value)) {
        const field = (value as Record<string, unknown>)[key];
        if (field === undefined) continue;
        const copy = plainCopy(field, depth + 1);
        if (copy === NOT_PLAIN) return NOT_PLAIN;
        keys.push(key);
        copies.push(copy);
      }
      // A change's record (depth 1: the change is depth 0) is what the store keeps, a million times
      // over: laid out compactly. Deeper objects (attributes) have keys of the user's choosing.
      const make = depth === RECORD_DEPTH ? recordMaker(keys) : undefined;
      if (make) return make(copies);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        // A key __proto__ stays data, as JSON.parse keeps it (a plain assignment would set the prototype).
        if (keys[i] === '__proto__') Object.defineProperty(out, '__proto__', { value: copies[i], enumerable: true, writable: true, configurable: true });
        else out[keys[i]!] = copies[i];
      }
      return out;
    }
    default:
      // undefined, functions, symbols, bigint: JSON drops or refuses them; let it decide.
      return NOT_PLAIN;
  }
}
