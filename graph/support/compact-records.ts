/**
 * Plain objects built with every property inside the object itself. An object that starts as `{}`
 * and gets its properties one by one has room for four inside it; the rest go to a second
 * allocation (V8's property array) with spare slots. A five-field interaction then costs ~96 bytes
 * instead of ~64, which at a million stored records is ~40 MiB of the server's heap (issue #18,
 * docs/BENCHMARKS.md). An object literal naming every key is laid out whole, so each set of keys
 * gets a small literal-making function, made once.
 *
 * Only for records, whose keys come from the schema: a handful of key sets in all. A record with a
 * key `__proto__` (data, as JSON.parse keeps it; a literal would set the prototype instead) and
 * any key set past the first MAX_SHAPES get undefined, and the caller builds the object as before.
 */

type MakeRecord = (values: readonly unknown[]) => Record<string, unknown>;

/** Key sets held: far more than the schema's kinds and their optional fields ever combine into. */
const MAX_SHAPES = 256;
const makers = new Map<string, MakeRecord>();

/** A function building `{ [keys[0]]: values[0], … }` as one literal, or undefined (see above). */
export function recordMaker(keys: readonly string[]): MakeRecord | undefined {
  // Records come in runs of one kind, mostly with the same keys: the last key set is checked first.
  if (last && sameKeys(keys, last.keys)) return last.make;
  const make = makerOf(keys);
  if (make) last = { keys: keys.slice(), make };
  return make;
}

let last: { keys: readonly string[]; make: MakeRecord } | undefined;

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function makerOf(keys: readonly string[]): MakeRecord | undefined {
  // JSON of the list, not a join: ['a\u0000b'] and ['a', 'b'], [''] and [] must not meet.
  const shape = JSON.stringify(keys);
  let make = makers.get(shape);
  if (make || makers.size >= MAX_SHAPES || keys.includes('__proto__')) return make;
  // The keys are quoted by JSON.stringify, so any spelling is a property name, never code.
  const body = `return {${keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(', ')}};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the one way to get a literal per key set
  make = new Function('v', body) as MakeRecord;
  makers.set(shape, make);
  return make;
}
