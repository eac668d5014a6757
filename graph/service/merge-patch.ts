/**
 * JSON Merge Patch (RFC 7396): PATCH bodies name only the fields they change; `null` removes a
 * field. The result is validated against the full record schema afterwards.
 */
import { isObject } from '../support/is-object.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Applies a merge patch to a target and returns the new value; the inputs are not modified.
 * Keys are user data (attribute keys, and any unknown field the schema must get to reject), so the
 * result is built with own data properties only: `__proto__` or `constructor` is a key like any
 * other, never the object's prototype or an inherited member.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const base = new Map<string, unknown>(isObject(target) ? Object.entries(target) : []);
  for (const [key, value] of Object.entries(patch as Record<string, Json>)) {
    if (value === null) base.delete(key);
    else base.set(key, mergePatch(base.get(key), value));
  }
  return Object.fromEntries(base);
}
