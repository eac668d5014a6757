import { describe, expect, it } from 'vitest';
import type { BrandesAnswer } from '../../../../graph/analytics/kernels/brandes-worker.js';
import { brandesFromSources } from '../../../../graph/analytics/kernels/brandes.js';
import { fromRenumbered } from '../../../../graph/analytics/kernels/locality.js';
import { sharedControl, sourcesAdded } from '../../../../graph/analytics/kernels/shared-brandes.js';
import { siblingModule } from '../../../../graph/support/project-files.js';
import { runInWorker } from '../../../../graph/support/ts-worker.js';
import { snapshotOf } from '../snapshot-of.js';

const ENTRY = siblingModule('../../../../graph/analytics/kernels/brandes-worker', import.meta.url);

const job = (csr: ReturnType<typeof snapshotOf>, sources: number[], lowPriority = false) => ({
  graph: { n: csr.n, start: csr.start, deg: csr.deg, targets: csr.targets },
  sources,
  control: sharedControl(),
  sums: new Float64Array(new SharedArrayBuffer(8 * csr.n)),
  lowPriority,
});

/** Starts the worker with the graph, and posts it the sources once `drawn` resolves (as brandesInWorkers does). */
const run = ({ sources, ...payload }: ReturnType<typeof job>, drawn: Promise<unknown> = Promise.resolve()) =>
  runInWorker<BrandesAnswer>(ENTRY, payload, [], undefined, drawn.then(() => sources));

describe('brandes-worker', () => {
  it('when posted a graph and the sources, then it adds every source to the shared sums and answers the numbering they are in', async () => {
    // the path d–a–c–b, numbered so breadth-first renumbering inside the worker must be undone
    const csr = snapshotOf(['a', 'b', 'c', 'd'], [['d', 'a'], ['a', 'c'], ['c', 'b']]);
    const one = job(csr, [3]);
    const answer = await run(one);
    if (answer === 'declined') throw new Error('a normal-priority worker never declines');
    // from d: a is on d→c and d→b (2), c on d→b (1)
    expect(Array.from(fromRenumbered(one.sums, answer.newOf))).toEqual([2, 0, 1, 0]);
    expect(sourcesAdded(one.control)).toBe(1);
    const all = job(csr, [0, 1, 2, 3]);
    const again = (await run(all)) as Exclude<BrandesAnswer, 'declined'>;
    expect(Array.from(fromRenumbered(all.sums, again.newOf))).toEqual(Array.from(brandesFromSources(csr, [0, 1, 2, 3])));
  });

  it('when the sources are posted only after the thread has started, then it waits for them and adds them all', async () => {
    const csr = snapshotOf(['a', 'b', 'c', 'd'], [['d', 'a'], ['a', 'c'], ['c', 'b']]);
    const later = job(csr, [0, 1, 2, 3]);
    const answer = (await run(later, new Promise((resolve) => setTimeout(resolve, 300)))) as Exclude<BrandesAnswer, 'declined'>;
    expect(Array.from(fromRenumbered(later.sums, answer.newOf))).toEqual(Array.from(brandesFromSources(csr, [0, 1, 2, 3])));
    expect(sourcesAdded(later.control)).toBe(4);
  });

  it('when posted no sources, then the sums stay zero', async () => {
    const csr = snapshotOf(['x', 'y'], [['x', 'y']]);
    const none = job(csr, []);
    const answer = (await run(none)) as Exclude<BrandesAnswer, 'declined'>;
    expect(Array.from(fromRenumbered(none.sums, answer.newOf))).toEqual([0, 0]);
  });

  it('when asked to run at low priority on Linux, then it lowers its own thread, not the process, and still takes the pass', async () => {
    if (process.platform !== 'linux') return;
    const { getPriority } = await import('node:os');
    const before = getPriority();
    const csr = snapshotOf(['a', 'b', 'c'], [['a', 'b'], ['b', 'c']]);
    const low = job(csr, [0, 1, 2], true);
    const answer = await run(low);
    expect(answer).not.toBe('declined');
    expect(Array.from(fromRenumbered(low.sums, (answer as Exclude<BrandesAnswer, 'declined'>).newOf))).toEqual([0, 2, 0]);
    expect(getPriority()).toBe(before);
  });
});
