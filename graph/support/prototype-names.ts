/**
 * Ids, categories and attribute keys are user data and may be spelled like a member of
 * Object.prototype (`constructor`, `toString`, `__proto__`). Our own code keeps such data in Maps
 * or null-prototype objects; these helpers read and make such objects, and escape keys for the
 * libraries that index by plain objects (graphology's and Sigma's caches in the browser map).
 */

/** True when `key` names a member of Object.prototype (including `__proto__`). */
function isPrototypeName(key: string): boolean {
  return key in Object.prototype;
}

const ESCAPE = '\u0000';

/**
 * A key a plain object can hold safely, one to one with the original: prototype names (and, to
 * stay one to one, keys that start with the escape character) get a NUL prefix; every other key
 * is unchanged, so libraries see the same keys in the same order as before.
 */
export function escapeKey(key: string): string {
  return isPrototypeName(key) || key.startsWith(ESCAPE) ? ESCAPE + key : key;
}

/** The inverse of escapeKey. */
export function unescapeKey(key: string): string {
  return key.startsWith(ESCAPE) ? key.slice(1) : key;
}

/** obj[key] if obj has it as its own property: never a member inherited from Object.prototype. */
export function own<V>(obj: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** An empty object without a prototype: user data as keys never meets an inherited member. */
export function dict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}
