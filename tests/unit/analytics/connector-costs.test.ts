import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withConnectorCosts } from '../../../graph/analytics/connector-costs.js';
import type { ConnectorRecord } from '../../../graph/analytics/connector-reliability.js';
import { buildCsr } from '../../../graph/projection/csr.js';

const record = (reliability: number): ConnectorRecord => ({ asked: 1, made: 0, declined: 1, lapsed: 0, reliability });
/** The path a–b–c–d (costs 1, 2, 3), people named like built-ins in places. */
const chain = () => buildCsr(['a', 'constructor', '__proto__', 'd'], [0, 1, 2], [1, 2, 3], [1, 2, 3], 3);
const pathCost = (csr: ReturnType<typeof chain>, nodes: number[]) => nodes.slice(1).reduce((sum, v, i) => sum + csr.cost(csr.slotOf(nodes[i]!, v), 0), 0);

describe('analytics/connector-costs', () => {
  it('when nobody on the network has a record below 1, then the snapshot itself comes back and every cost is unchanged', () => {
    const csr = chain();
    expect(withConnectorCosts(csr, new Map(), 0, [3])).toBe(csr);
    expect(withConnectorCosts(csr, new Map([['constructor', record(1)]]), 0, [3])).toBe(csr);
  });

  it('when intermediates have records, then a path pays −ln r of each in full, in either direction, and the two ends pay nothing', () => {
    const csr = chain();
    const reliability = new Map([
      ['constructor', record(0.5)],
      ['__proto__', record(0.25)],
      ['a', record(0.1)],
      ['d', record(0.1)],
    ]);
    const view = withConnectorCosts(csr, reliability, 0, [3]);
    const want = 1 + 2 + 3 - Math.log(0.5) - Math.log(0.25);
    expect(pathCost(view, [0, 1, 2, 3])).toBeCloseTo(want, 12);
    expect(pathCost(view, [3, 2, 1, 0])).toBeCloseTo(want, 12);
    // The base snapshot is not changed by the view.
    expect(pathCost(csr, [0, 1, 2, 3])).toBeCloseTo(6, 12);
  });

  it('when any reliabilities are drawn, then each path cost is the tie costs plus −ln r of its intermediates', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), (rs) => {
        const csr = chain();
        const ids = ['a', 'constructor', '__proto__', 'd'];
        const view = withConnectorCosts(csr, new Map(ids.map((id, i) => [id, record(rs[i]!)])), 0, [3]);
        expect(pathCost(view, [0, 1, 2, 3])).toBeCloseTo(6 - Math.log(rs[1]!) - Math.log(rs[2]!), 9);
      }),
    );
  });

  it('when several targets are given (ascending), then every one of them pays nothing, wherever it sits among them', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), (drawn) => {
        // A star: centre 0 (the source) and leaves 1..7, each of them penalised.
        const ids = Array.from({ length: 8 }, (_, i) => `p${i}`);
        const csr = buildCsr(ids, [1, 2, 3, 4, 5, 6, 7].map(() => 0), [1, 2, 3, 4, 5, 6, 7], new Array<number>(7).fill(1), 7);
        const targets = [...drawn].sort((a, b) => a - b);
        const view = withConnectorCosts(csr, new Map(ids.map((id) => [id, record(0.5)])), 0, targets);
        for (let leaf = 1; leaf <= 7; leaf++) expect(view.cost(csr.slotOf(0, leaf), 0)).toBeCloseTo(targets.includes(leaf) ? 1 : 1 - Math.log(0.5) / 2, 12);
      }),
    );
  });
});
