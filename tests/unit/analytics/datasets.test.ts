/** The real datasets against networkx values computed offline (tests/fixtures/expected, see provenance). */
import { describe, expect, it } from 'vitest';
import { brokerageAt } from '../../../graph/analytics/brokerage.js';
import { egoDiversity } from '../../../graph/analytics/diversity.js';
import { bfsHops } from '../../../graph/analytics/kernels/bfs.js';
import { networkReciprocity } from '../../../graph/analytics/reciprocity.js';
import { close, datasetDocument, expected, type DatasetName } from '../datasets.js';
import { testNetwork } from '../network-fixture.js';

const ASOF = Date.parse('2100-01-01');
const mismatches = (pairs: [string, number | null | undefined, number | null | undefined][]) => pairs.filter(([, a, b]) => !close(a, b));

describe.each(['karate', 'davis', 'florentine', 'email-eu-core'] as DatasetName[])('dataset %s', (name) => {
  const exp = expected(name);
  const net = testNetwork(datasetDocument(name));
  const ctx = net.engine.context(ASOF);
  const ids = Object.keys(exp.degree);

  it('when derived, then people, ties and referral arcs match networkx', () => {
    expect(exp.provenance.networkx).toMatch(/^\d/);
    expect(ctx.csr.n).toBe(exp.people);
    expect(ctx.csr.ties).toBe(exp.ties);
    expect(net.engine.projection.counters.arcs).toBe(exp.referralArcs);
  });
  it('when computed, then degree and normalised betweenness match within 1e-9', () => {
    const b = net.engine.betweenness(ctx).value!;
    expect(b.exact).toBe(true);
    expect(mismatches(ids.map((id) => [id, ctx.csr.deg[ctx.csr.index.get(id)!], exp.degree[id]]))).toEqual([]);
    expect(mismatches(ids.map((id) => [id, b.values[b.csr.index.get(id)!], exp.betweenness[id]]))).toEqual([]);
  });
  it('when computed, then effective size and constraint match networkx within 1e-9', () => {
    const got = ids.map((id) => [id, brokerageAt(ctx, ctx.csr.index.get(id)!)] as const);
    expect(mismatches(got.map(([id, b]) => [id, b.effectiveSize, exp.effectiveSize[id]]))).toEqual([]);
    expect(mismatches(got.map(([id, b]) => [id, b.constraint, exp.constraint[id]]))).toEqual([]);
  });
  it('when computed, then shortest-path hop counts match networkx', () => {
    for (const [source, row] of Object.entries(exp.hops)) {
      const dist = bfsHops(ctx.csr, ctx.csr.index.get(source)!);
      const got: Record<string, number> = {};
      dist.forEach((d, u) => {
        if (d >= 0) got[ctx.csr.ids[u]!] = d;
      });
      expect(got).toEqual(row);
    }
  });
  if (exp.diversity) {
    it(`when computed on ${exp.diversity.dimension}, then ego diversity matches within 1e-9`, () => {
      const dim = exp.diversity!.dimension;
      const bad: unknown[] = [];
      for (const id of ids) {
        const got = egoDiversity(ctx, id, dim);
        const want = exp.diversity!.byPerson[id]!;
        if (got.richness !== want.richness || !(['shannon', 'evenness', 'blau', 'iqv'] as const).every((k) => close(got[k], want[k]))) bad.push({ id, got, want });
      }
      expect(bad).toEqual([]);
    });
  }
  if (exp.reciprocity) {
    it('when computed, then edge reciprocity and rho match networkx within 1e-9', () => {
      const r = networkReciprocity(ctx);
      expect(r.arcs).toBe(exp.reciprocity!.arcs);
      expect(close(r.edge, exp.reciprocity!.edge)).toBe(true);
      expect(close(r.rho, exp.reciprocity!.rho)).toBe(true);
    });
  }
});

describe.each(['karate', 'florentine'] as DatasetName[])('dataset %s (every tie equally strong)', (name) => {
  it('when asking for the best warm path, then its hop count is the networkx shortest-path length', () => {
    const exp = expected(name);
    const net = testNetwork(datasetDocument(name), { paths: { maxHopsCap: 10 } });
    const bad: unknown[] = [];
    for (const [s, row] of Object.entries(exp.hops)) {
      for (const [t, hops] of Object.entries(row)) {
        if (s === t) continue;
        const r = net.engine.paths(s, { to: t }, { asOf: ASOF, k: 1, maxHops: 10 });
        if (r.paths[0]?.hops !== hops) bad.push({ s, t, hops, got: r.paths[0]?.hops });
      }
    }
    expect(bad).toEqual([]);
  });
});
