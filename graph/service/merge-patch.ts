/**
 * JSON Merge Patch (RFC 7396): PATCH bodies name only the fields they change; `null` removes a
 * field. The result is validated against the full record schema afterwards.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Applies a merge patch to a target and returns the new value; the inputs are not modified. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, Json>)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key], value);
  }
  return base;
}
