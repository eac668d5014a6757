/**
 * Object.fromEntries of a Map, for answers built by the hundred thousand with their keys in a
 * different order each time (a person's category counts, in first-seen order): V8 gives an
 * object built key by key a hidden class per key order, and making a new one for each of the
 * orders cost more than the counting itself (0.55 s of the cold "Blau of everyone", issue #18).
 * An object started with no prototype keeps its properties in a dictionary from the outset,
 * which needs no hidden class per order; it then gets the ordinary prototype.
 *
 * The same object as Object.fromEntries gives: own enumerable data properties in its order
 * (integer-like keys first, as for any object), Object.prototype, and a `__proto__` key an own
 * property like any (it is assigned while there is no prototype and so no __proto__ setter).
 */
export function recordFromMap<V>(entries: ReadonlyMap<string, V>): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (const [key, value] of entries) out[key] = value;
  return Object.setPrototypeOf(out, Object.prototype) as Record<string, V>;
}
