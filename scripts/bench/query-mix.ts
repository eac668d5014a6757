/**
 * The per-request analytics mix every section times the same way: warm paths k=1 and k=3
 * (maxHops 4) over a selection of pairs, and person metrics (all dimensions, cache bypassed by a
 * new asOf per call) over a selection of sources; against an engine in this process or a server
 * over HTTP.
 */
import type { AnalyticsEngine } from '../../graph/analytics/engine.js';

export interface Selection {
  sources: string[];
  pairs: [string, string][];
}

/** What the mix asks of an engine, in-process or remote. */
export interface QueryTarget {
  /** Whether a warm path was found. */
  paths(from: string, to: string, k: number, asOf: number): Promise<boolean>;
  personMetrics(id: string, asOf: number): Promise<void>;
}

export interface QueryTimings {
  /** Milliseconds per call. */
  k1: number[];
  k3: number[];
  person: number[];
  /** Pairs with a warm path (k=1). */
  found: number;
}

const MAX_HOPS = 4;

/**
 * 100 sources and 100 pairs drawn from `ids` with a fixed LCG: the same ids give the same
 * selection (used where the floor peer, whose own selection the analytics section takes, cannot run).
 */
export function seededSelection(ids: readonly string[], count = 100): Selection {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = () => ids[Math.floor(next() * ids.length)]!;
  const sources = Array.from({ length: count }, pick);
  const pairs = Array.from({ length: count }, (): [string, string] => [pick(), pick()]);
  return { sources, pairs };
}

/** The engine in this process (its calls are synchronous; the await costs microseconds). */
export function engineTarget(engine: AnalyticsEngine): QueryTarget {
  return {
    paths: (from, to, k, asOf) => Promise.resolve(engine.paths(from, { to }, { asOf, k, maxHops: MAX_HOPS }).paths.length > 0),
    personMetrics: (id, asOf) => {
      engine.personMetrics(id, { asOf });
      return Promise.resolve();
    },
  };
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`bench: GET ${url} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** A refnet server over HTTP (one request at a time: latency, not throughput). */
export function httpTarget(baseUrl: string): QueryTarget {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    async paths(from, to, k, asOf) {
      const q = new URLSearchParams({ from, to, k: String(k), maxHops: String(MAX_HOPS), asOf: iso(asOf) });
      const body = (await getJson(`${baseUrl}/api/paths?${q.toString()}`)) as { paths: unknown[] };
      return body.paths.length > 0;
    },
    async personMetrics(id, asOf) {
      await getJson(`${baseUrl}/api/people/${encodeURIComponent(id)}/metrics?asOf=${encodeURIComponent(iso(asOf))}`);
    },
  };
}

/** Times the mix: for each pair k=1 then k=3, then person metrics for each source with asOf + i + 1 (a cache miss each). */
export async function timeQueries(target: QueryTarget, sel: Selection, asOf: number): Promise<QueryTimings> {
  const out: QueryTimings = { k1: [], k3: [], person: [], found: 0 };
  for (const [a, b] of sel.pairs) {
    let t = performance.now();
    if (await target.paths(a, b, 1, asOf)) out.found++;
    out.k1.push(performance.now() - t);
    t = performance.now();
    await target.paths(a, b, 3, asOf);
    out.k3.push(performance.now() - t);
  }
  for (const [i, id] of sel.sources.entries()) {
    const t = performance.now();
    await target.personMetrics(id, asOf + i + 1);
    out.person.push(performance.now() - t);
  }
  return out;
}
