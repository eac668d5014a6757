/**
 * Canonical JSON (keys sorted at every level) and content hashes built on it: two records with
 * the same content compare equal and hash alike whatever order their keys came in.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted recursively; undefined members are left out as JSON does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    // Own data properties only (Object.fromEntries): a `__proto__` key stays a key.
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
  });
}

/** True when both values serialise to the same canonical JSON. */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** A short, stable hex digest of a string. */
export function digest(text: string, length = 20): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
