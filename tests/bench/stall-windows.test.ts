/** scripts/bench/stall-windows.ts: what the main thread ran during a slow poll, from a CPU profile. */
import { describe, expect, it } from 'vitest';
import { isMainThread, stallReports, type CpuProfile } from '../../scripts/bench/stall-windows.js';

const ROOT = '/repo';
const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });

/** root → plan (project) → hash (library); idle and GC as V8 writes them. Samples 1 ms apart unless `deltas` says otherwise. */
function profile(samples: number[], deltas: number[] = samples.map(() => 1000)): CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('(garbage collector)') },
      { id: 4, callFrame: frame('plan', `file://${ROOT}/graph/importers/plan.ts`), children: [5] },
      { id: 5, callFrame: frame('hash', `file://${ROOT}/node_modules/x/index.js`) },
    ],
    startTime: 0,
    endTime: deltas.reduce((a, b) => a + b, 0),
    samples,
    timeDeltas: deltas,
  };
}

describe('stallReports', () => {
  it('when a window holds work and GC, then each gets its self time, the project function its inclusive time, and idle samples count for nothing', () => {
    // 10 idle, then 30 ms in hash (under plan), 20 ms of GC, 10 idle.
    const p = profile([...Array(10).fill(2), ...Array(30).fill(5), ...Array(20).fill(3), ...Array(10).fill(2)]);
    const [r] = stallReports(p, [{ fromUs: 0, toUs: 70_000 }], ROOT);
    expect(r!.busyMs).toBe(50);
    expect(r!.workMs).toBe(50);
    expect(r!.self).toEqual([
      ['hash node_modules/x/index.js:1', 30],
      ['(garbage collector)', 20],
    ]);
    expect(r!.inclusive).toEqual([['plan graph/importers/plan.ts:1', 30]]);
  });

  it('when the thread sat descheduled between two samples, then the gap counts as busy time but not as work', () => {
    const deltas = [...Array(20).fill(1000), 300_000, ...Array(9).fill(1000)];
    const p = profile(Array(30).fill(5), deltas);
    const [r] = stallReports(p, [{ fromUs: 0, toUs: p.endTime }], ROOT);
    expect(r!.busyMs).toBe(329);
    expect(r!.longestGapMs).toBe(300);
    expect(r!.workMs).toBe(33); // the gap capped at four sampling intervals
  });

  it('when windows fall outside the profile or cover part of it, then only the samples inside are counted', () => {
    const p = profile(Array(100).fill(4));
    const reports = stallReports(p, [{ fromUs: 10_000, toUs: 20_000 }, { fromUs: 500_000, toUs: 600_000 }], ROOT);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.busyMs).toBe(10);
  });
});

describe('isMainThread', () => {
  it('when a profile ran the server entry, then it is the main thread; a worker’s is not', () => {
    const main = profile([4]);
    main.nodes.push({ id: 6, callFrame: frame('', `file://${ROOT}/scripts/serve.ts`) });
    expect(isMainThread(main)).toBe(true);
    expect(isMainThread(profile([4]))).toBe(false);
  });
});
