/**
 * Ids for interactions and referrals that arrive without one. An import derives them from the
 * record's content so that importing the same document twice changes nothing; the n-th identical
 * copy within one document gets its own id, so two real calls on the same day are both kept.
 */
import { randomUUID } from 'node:crypto';
import type { Interaction, Referral } from '../schema.js';
import { canonicalJson, digest } from './canonical.js';

export const ID_PREFIX = { interaction: 'ix-', referral: 'rf-' } as const;

/** Assigns content-derived ids to records without one, in place of a copy; returns the copies. */
export function assignContentIds<T extends Interaction | Referral>(
  kind: 'interaction' | 'referral',
  records: readonly T[],
): (T & { id: string })[] {
  const seen = new Map<string, number>();
  return records.map((r) => {
    if (r.id !== undefined) return r as T & { id: string };
    const content = canonicalJson(r);
    const n = seen.get(content) ?? 0;
    seen.set(content, n + 1);
    const { id: _absent, ...fields } = r;
    return { id: ID_PREFIX[kind] + digest(n === 0 ? content : `${content}#${n}`), ...fields } as T & { id: string };
  });
}

/** A fresh random id for a record created one at a time over the API. */
export function randomId(prefix = ''): string {
  return prefix + randomUUID();
}
