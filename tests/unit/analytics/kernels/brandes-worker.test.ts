import { describe, expect, it } from 'vitest';
import { brandesFromSources } from '../../../../graph/analytics/kernels/brandes.js';
import { siblingModule } from '../../../../graph/support/project-files.js';
import { runInWorker } from '../../../../graph/support/ts-worker.js';
import { snapshotOf } from '../snapshot-of.js';

const ENTRY = siblingModule('../../../../graph/analytics/kernels/brandes-worker', import.meta.url);

describe('brandes-worker', () => {
  it('when posted a graph and its share of the sources, then it answers the raw Brandes sums of that share, in the graph’s own numbering', async () => {
    // the path d–a–c–b, numbered so breadth-first renumbering inside the worker must be undone
    const csr = snapshotOf(['a', 'b', 'c', 'd'], [['d', 'a'], ['a', 'c'], ['c', 'b']]);
    const graph = { n: csr.n, start: csr.start, deg: csr.deg, targets: csr.targets };
    const raw = await runInWorker<Float64Array>(ENTRY, { graph, sources: [3] });
    // from d: a is on d→c and d→b (2), c on d→b (1)
    expect(Array.from(raw)).toEqual([2, 0, 1, 0]);
    expect(Array.from(await runInWorker<Float64Array>(ENTRY, { graph, sources: [0, 1, 2, 3] }))).toEqual(Array.from(brandesFromSources(csr, [0, 1, 2, 3])));
  });

  it('when posted no sources, then it answers zeros', async () => {
    const csr = snapshotOf(['x', 'y'], [['x', 'y']]);
    const raw = await runInWorker<Float64Array>(ENTRY, { graph: { n: csr.n, start: csr.start, deg: csr.deg, targets: csr.targets }, sources: [] });
    expect(Array.from(raw)).toEqual([0, 0]);
  });
});
