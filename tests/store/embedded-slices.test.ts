/**
 * A large batch is written in time slices (issue #11: a 1M-record import held the event loop for
 * seconds): the event loop gets turns while it is encoded, framed and applied, reads during the
 * write see the old version or the new one whole, never part of it, and writes keep call order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ENCODE_AT_ONCE, openEmbeddedStore, type EmbeddedStore } from '../../graph/store/embedded/index.js';
import { writeFully } from '../../graph/store/embedded/journal-writer.js';
import { LiveNetwork } from '../../graph/live-network.js';
import type { Change } from '../../graph/records.js';
import { removeDir, tempDir } from './embedded-support.js';

const put = (id: string): Change => ({ op: 'put', kind: 'person', record: { id, name: `Person ${id}` } });
const batchOf = (n: number, prefix: string): Change[] => Array.from({ length: n }, (_, i) => put(`${prefix}${i}`));

let store: EmbeddedStore | undefined;
let dir: string | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) await removeDir(dir);
  store = undefined;
  dir = undefined;
});

/** Calls `probe` on every turn of the event loop until `done` settles; returns how many turns there were. */
async function everyTurn(done: Promise<unknown>, probe: () => Promise<void>): Promise<number> {
  let finished = false;
  void done.then(
    () => (finished = true),
    () => (finished = true),
  );
  let turns = 0;
  while (!finished) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    turns++;
    await probe();
  }
  return turns;
}

describe('embedded store: a large batch in time slices', () => {
  it('when a batch far larger than one slice is applied, then the event loop gets turns and every read sees it whole or not at all', async () => {
    dir = await tempDir();
    let turns = 0;
    let turnsBeforeFrame = -1;
    // Checking and serialising 60,000 changes takes several slices: the loop must turn before the frame is written.
    store = await openEmbeddedStore(dir, { hooks: { writeFrame: (fh, frame, at) => ((turnsBeforeFrame = turns), writeFully(fh, frame, at)) } });
    const n = 60_000;
    expect(n).toBeGreaterThan(ENCODE_AT_ONCE);
    const seen = new Set<string>();
    const write = store.apply(batchOf(n, 'p'));
    await everyTurn(write, async () => {
      turns++;
      const { version, document } = await store!.readAll();
      const first = await store!.get('person', 'p0');
      const last = await store!.get('person', `p${n - 1}`);
      seen.add(`v${version}:${document.people.length}`);
      // get answers after readAll, so once the batch is seen it stays seen.
      if (document.people.length === n) expect(first && last).toBeTruthy();
      if (!first) expect(last).toBeUndefined();
    });
    expect(await write).toBe(1);
    expect(turnsBeforeFrame).toBeGreaterThan(1);
    expect([...seen].every((s) => s === 'v0:0' || s === `v1:${n}`)).toBe(true);
    expect((await store.readAll()).document.people).toHaveLength(n);
  });

  it('when a small batch is applied while a large one is still being encoded, then versions follow the order of the calls', async () => {
    dir = await tempDir();
    store = await openEmbeddedStore(dir);
    const big = store.apply(batchOf(30_000, 'big'));
    const small = store.apply([put('small')]);
    expect(await big).toBe(1);
    expect(await small).toBe(2);
    const ids = (await store.readAll()).document.people.map((p) => p.id);
    expect(ids.at(-1)).toBe('small');
  });

  it('when the store is closed right after a large apply, then the batch is written before the store closes', async () => {
    dir = await tempDir();
    store = await openEmbeddedStore(dir);
    const write = store.apply(batchOf(20_000, 'c'));
    await store.close();
    expect(await write).toBe(1);
    store = await openEmbeddedStore(dir);
    expect((await store.readAll()).document.people).toHaveLength(20_000);
  });

  it('when the live view catches up with a large batch, then reads through sync see none of it or all of it', async () => {
    dir = await tempDir();
    store = await openEmbeddedStore(dir);
    const network = new LiveNetwork(store);
    await network.load();
    const n = 40_000;
    const sizes = new Set<number>();
    const write = network.write(batchOf(n, 'q'));
    const turns = await everyTurn(write, async () => {
      await network.sync();
      sizes.add(network.records.maps.person.size);
    });
    await write;
    expect(turns).toBeGreaterThan(1);
    expect([...sizes].every((s) => s === 0 || s === n)).toBe(true);
    expect(network.records.maps.person.size).toBe(n);
    expect(network.version).toBe(1);
  });
});
