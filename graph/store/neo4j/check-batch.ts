/**
 * Store-level validity of a batch (the contract in tests/store/conformance.ts): a change the
 * store could not key or persist refuses the whole batch before anything is written. Domain
 * rules are checked before the store. The batch comes back as JSON makes it (undefined fields
 * gone, detached from the caller's objects): that is what is stored and what changesSince replays.
 */
import { RECORD_KINDS, type Change } from '../../records.js';

const KINDS: ReadonlySet<string> = new Set(RECORD_KINDS);
const KEY_FIELDS: Record<string, readonly string[]> = { membership: ['person', 'group'], attendance: ['person', 'event'] };

/** Thrown for a change the store cannot key or store; names the change's position. */
export class InvalidBatchError extends Error {
  override readonly name = 'InvalidChangeError';
}

/** The batch as stored, or InvalidBatchError naming the first bad change. */
export function checkBatch(input: readonly Change[]): Change[] {
  if (!Array.isArray(input)) throw new InvalidBatchError('graph/store/neo4j: changes must be an array');
  let changes: unknown[];
  try {
    changes = input.map(asJson);
  } catch (err) {
    throw new InvalidBatchError(`graph/store/neo4j: changes cannot be stored as JSON: ${(err as Error).message}`);
  }
  changes.forEach((change, i) => {
    const problem = problemOf(change);
    if (problem) throw new InvalidBatchError(`graph/store/neo4j: change ${i} ${problem}`);
  });
  return changes as Change[];
}

function problemOf(change: unknown): string | undefined {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) return 'is not an object';
  const { op, kind, record, key } = change as { op?: unknown; kind?: unknown; record?: unknown; key?: unknown };
  if (typeof kind !== 'string' || !KINDS.has(kind)) return `has unknown kind ${JSON.stringify(kind) ?? 'undefined'}`;
  if (op === 'delete') return typeof key === 'string' && key !== '' ? undefined : 'is a delete without a non-empty key';
  if (op !== 'put') return `has unknown op ${JSON.stringify(op) ?? 'undefined'}`;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'is a put without a record object';
  const fields = KEY_FIELDS[kind] ?? ['id'];
  const missing = fields.filter((f) => typeof (record as Record<string, unknown>)[f] !== 'string' || (record as Record<string, unknown>)[f] === '');
  return missing.length > 0 ? `(${kind}) has no key: ${fields.join(' and ')} must be non-empty strings` : undefined;
}

/**
 * `value` as JSON.parse(JSON.stringify(value)) makes it. Plain data (strings, booleans, finite
 * numbers, null, plain arrays and objects) is copied directly, several times faster for a
 * million-record import; anything else takes the JSON round trip itself.
 */
function asJson(value: unknown): unknown {
  const copy = plainCopy(value);
  return copy === NOT_PLAIN ? JSON.parse(JSON.stringify(value) ?? 'null') : copy;
}

const NOT_PLAIN = Symbol('not plain');

function plainCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : NOT_PLAIN;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) return NOT_PLAIN;
          const item = plainCopy(value[i]);
          if (item === NOT_PLAIN) return NOT_PLAIN;
          out[i] = item;
        }
        return out;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) return NOT_PLAIN;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const field = (value as Record<string, unknown>)[key];
        if (field === undefined) continue;
        const copy = plainCopy(field);
        if (copy === NOT_PLAIN) return NOT_PLAIN;
        // A key __proto__ stays data, as JSON.parse keeps it (a plain assignment would set the prototype).
        if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
        else out[key] = copy;
      }
      return out;
    }
    default:
      // undefined, functions, symbols, bigint: JSON drops or refuses them; let it decide.
      return NOT_PLAIN;
  }
}
