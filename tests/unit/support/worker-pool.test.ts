/**
 * graph/support/worker-pool.ts and worker-stream.ts from the TypeScript sources (the threads load
 * their .ts module through tsx); tests/build/compiled-server.test.ts covers the compiled .js.
 */
import { availableParallelism, constants, getPriority } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { layoutByCommunity } from '../../../graph/map/community-layout.js';
import { DocumentAssembler, type DocumentMessage } from '../../../api/json-document-messages.js';
import { siblingModule } from '../../../graph/support/project-files.js';
import { runPooled } from '../../../graph/support/worker-pool.js';
import { streamFromWorker } from '../../../graph/support/worker-stream.js';

const LAYOUT = new URL('../../../graph/map/layout-worker.ts', import.meta.url);
const DOCUMENT = new URL('../../../api/json-document-worker.ts', import.meta.url);
const PRIORITY = new URL('./priority-stream-worker.ts', import.meta.url);

vi.setConfig({ testTimeout: 60_000 });

function ring(n: number) {
  const community = Int32Array.from({ length: n }, (_, i) => i % 3);
  const ties = Int32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? k / 2 : ((k - 1) / 2 + 1) % n));
  return { community, ties };
}

describe('worker pool', () => {
  it('when a module is resolved beside its caller, then a .ts caller gets the .ts module and a .js caller the .js one', () => {
    expect(siblingModule('./w', 'file:///app/api/routes/map-layout.ts').href).toBe('file:///app/api/routes/w.ts');
    expect(siblingModule('./kernels/w', 'file:///app/dist/server/graph/a.js').href).toBe('file:///app/dist/server/graph/kernels/w.js');
  });

  it('when layouts run on the pool one after another and at once, then each equals the layout in line', async () => {
    for (const n of [5, 40]) {
      const got = await runPooled<{ x: Float64Array; y: Float64Array }>(LAYOUT, ring(n));
      expect(got).toEqual(layoutByCommunity(ring(n)));
    }
    const together = await Promise.all([7, 8, 9].map((n) => runPooled<{ x: Float64Array }>(LAYOUT, ring(n))));
    expect(together.map((r) => r.x.length)).toEqual([7, 8, 9]);
  });

  it.runIf(process.platform === 'linux')('when a job streams its messages, then its thread runs below normal priority and the event loop\'s does not', async () => {
    const before = getPriority();
    let seen: unknown;
    await streamFromWorker(PRIORITY, undefined, [], (m) => {
      seen = m;
      return true;
    });
    expect(seen).toBe(constants.priority.PRIORITY_BELOW_NORMAL);
    expect(getPriority()).toBe(before);
  });

  it('when a document is streamed back in paced messages, then the assembled input is the document', async () => {
    const people = Array.from({ length: 2500 }, (_, i) => ({ id: `p${i}`, name: `P ${i}` }));
    const bytes = new TextEncoder().encode(JSON.stringify({ people }));
    const assembler = new DocumentAssembler();
    let messages = 0;
    await streamFromWorker(DOCUMENT, bytes.buffer, [bytes.buffer], (m) => {
      messages++;
      return assembler.add(m as DocumentMessage);
    });
    expect(messages).toBeGreaterThan(1);
    expect((assembler.result!.input as { people: unknown[] }).people).toHaveLength(2500);
  });

  it('when the parent stops after the first message, then the job ends and frees its thread for the next job', async () => {
    const people = Array.from({ length: 2500 }, (_, i) => ({ id: `p${i}`, name: `P ${i}` }));
    const make = () => new TextEncoder().encode(JSON.stringify({ people })).buffer;
    // More stopped jobs than the pool has threads: a job left waiting would hold its thread, and the last job would never run.
    for (let i = 0; i <= availableParallelism(); i++) {
      const early = make();
      await streamFromWorker(DOCUMENT, early, [early], () => true);
    }
    const second = make();
    const assembler = new DocumentAssembler();
    await streamFromWorker(DOCUMENT, second, [second], (m) => assembler.add(m as DocumentMessage));
    expect((assembler.result!.input as { people: unknown[] }).people).toHaveLength(2500);
  });

  it('when the worker module fails, then the job rejects with its error', async () => {
    await expect(runPooled(LAYOUT, null)).rejects.toThrow(TypeError);
  });
});
