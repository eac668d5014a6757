/**
 * Ids for interactions and referrals that arrive without one. An import derives them from the
 * record's content so that importing the same document twice changes nothing; the n-th identical
 * copy within one document gets its own id, so two real calls on the same day are both kept.
 */
import { randomUUID } from 'node:crypto';
import type { Interaction, Referral } from '../schema.js';
import { canonicalJson, digest } from './canonical.js';
import { ShardedMap } from '../support/sharded-map.js';
import { runAtOnce, STEP_EVERY, type Steps } from '../support/time-slices.js';

export const ID_PREFIX = { interaction: 'ix-', referral: 'rf-' } as const;

/** Assigns content-derived ids to records without one, in place of a copy; returns the copies. */
export function assignContentIds<T extends Interaction | Referral>(kind: 'interaction' | 'referral', records: readonly T[]): (T & { id: string })[] {
  return runAtOnce(assignContentIdsSteps(kind, records));
}

/** assignContentIds as pausable steps: a million records without ids take seconds of hashing. */
export function* assignContentIdsSteps<T extends Interaction | Referral>(kind: 'interaction' | 'referral', records: readonly T[]): Steps<(T & { id: string })[]> {
  // Sharded: a million contents must not double one hash table in a single step (graph/support/sharded-map.ts).
  const seen = new ShardedMap<string, number>();
  const out: (T & { id: string })[] = [];
  for (let i = 0; i < records.length; i++) {
    if (i % STEP_EVERY === STEP_EVERY - 1) yield;
    const r = records[i]!;
    if (r.id !== undefined) {
      out.push(r as T & { id: string });
      continue;
    }
    const content = canonicalJson(r);
    const n = seen.get(content) ?? 0;
    seen.set(content, n + 1);
    const { id: _absent, ...fields } = r;
    out.push({ id: ID_PREFIX[kind] + digest(n === 0 ? content : `${content}#${n}`), ...fields } as T & { id: string });
  }
  return out;
}

/** A fresh random id for a record created one at a time over the API. */
export function randomId(prefix = ''): string {
  return prefix + randomUUID();
}
