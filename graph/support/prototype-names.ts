/**
 * Ids, categories and attribute keys are user data and may be spelled like a member of
 * Object.prototype (`constructor`, `toString`, `__proto__`). Our own code keeps such data in Maps
 * or null-prototype objects; these helpers read and make such objects.
 */

/** obj[key] if obj has it as its own property: never a member inherited from Object.prototype. */
export function own<V>(obj: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** An empty object without a prototype: user data as keys never meets an inherited member. */
export function dict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}
