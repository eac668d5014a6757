import { buildCsr } from '../../../graph/projection/csr.js';

/** A snapshot of people `ids` and ties `pairs` (id pairs), indexed in the order given. */
export function snapshotOf(ids: string[], pairs: [string, string][]) {
  const index = new Map(ids.map((id, i) => [id, i]));
  const us = pairs.map(([a]) => index.get(a)!);
  const vs = pairs.map(([, b]) => index.get(b)!);
  return buildCsr(ids, us, vs, new Float64Array(pairs.length), pairs.length);
}
