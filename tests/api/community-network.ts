/**
 * A network with planted communities and the communities refnet reports for it at several dates,
 * shared by the tests that compare two stores (tests/api/communities.test.ts embedded vs
 * embedded, tests/neo4j/communities.test.ts embedded vs Neo4j).
 */
import { mulberry32 } from '../../graph/analytics/kernels/random.js';
import type { Reply } from './harness.js';
import { DAY_MS } from '../../graph/analytics/time.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/** 80 people in 4 planted groups of 20, 260 ties over 2023–2024 (75 % inside a group). */
export function plantedNetwork() {
  const rng = mulberry32(20240601);
  const people = Array.from({ length: 80 }, (_, i) => ({ id: `person-${(i * 37) % 80}`, name: `P ${i}` }));
  const seen = new Set<string>();
  const interactions: { id: string; a: string; b: string; kind: string; at: string }[] = [];
  while (interactions.length < 260) {
    const i = Math.floor(rng() * 80);
    const j = rng() < 0.75 ? i - (i % 20) + Math.floor(rng() * 20) : Math.floor(rng() * 80);
    const [a, b] = [people[i]!.id, people[j]!.id].sort();
    if (a === b || seen.has(`${a}|${b}`)) continue;
    seen.add(`${a}|${b}`);
    const day = Math.floor(rng() * 730);
    interactions.push({ id: `i${interactions.length}`, a: a!, b: b!, kind: 'met', at: new Date(Date.UTC(2023, 0, 1) + day * DAY_MS).toISOString().slice(0, 10) });
  }
  return { people, interactions };
}

const DATES = ['2023-04-01', '2023-08-01', '2023-12-01', '2024-04-01', '2024-08-01', undefined];

/** Per date: the map's membership (id → community number) and the network metrics' communities. */
export async function communityAnswers(api: { call(method: string, path: string, body?: unknown): Promise<Reply> }) {
  const out = [];
  for (const d of DATES) {
    const q = d ? `asOf=${d}` : '';
    const map: Body = (await api.call('GET', `/api/map?edges=false&${q}`)).body;
    const metrics: Body = (await api.call('GET', `/api/metrics/network?${q}`)).body;
    const membership = Object.fromEntries((map.nodes as Body[]).map((n) => [n.id, n.community]).sort());
    out.push({ date: d, membership, communities: metrics.communities, status: metrics.communitiesInfo.status });
  }
  return out;
}
