/**
 * Louvain's answer as it crosses from a worker thread: the membership as two typed arrays
 * (transferred, not copied) instead of a Map of every person's id. A Map of a million ids is
 * deserialized in one stretch when the message arrives, holding the event loop for a second or
 * more (issue #18); the arrays arrive at once and the Map is rebuilt in time slices, from the
 * snapshot's own ids, in the same order with the same numbers.
 */
import type { Steps } from '../support/time-slices.js';
import type { Communities } from './communities.js';

export interface PackedCommunities {
  count: number;
  modularity: number;
  sizes: number[];
  /** membership order (i) → the person's snapshot index */
  order: Int32Array<ArrayBuffer>;
  /** membership order (i) → their community number */
  community: Int32Array<ArrayBuffer>;
}

/** Worker side: `found`'s membership by index of `ids` (the snapshot's ids the run was given). */
export function packCommunities(found: Communities, ids: readonly string[]): PackedCommunities {
  const index = new Map<string, number>();
  ids.forEach((id, u) => index.set(id, u));
  const order = new Int32Array(found.membership.size);
  const community = new Int32Array(found.membership.size);
  let i = 0;
  for (const [id, c] of found.membership) {
    order[i] = index.get(id)!;
    community[i++] = c;
  }
  return { count: found.count, modularity: found.modularity, sizes: found.sizes, order, community };
}

/**
 * Main side: the communities with their membership Map rebuilt from `ids` (the snapshot's ids, or
 * that array grown since: a snapshot's ids only ever grow), yielding every `step` people.
 */
export function* unpackCommunitiesSteps(packed: PackedCommunities, ids: readonly string[], step: number): Steps<Communities> {
  const membership = new Map<string, number>();
  for (let i = 0; i < packed.order.length; i++) {
    membership.set(ids[packed.order[i]!]!, packed.community[i]!);
    if (i % step === step - 1) yield;
  }
  return { count: packed.count, modularity: packed.modularity, sizes: packed.sizes, membership };
}
