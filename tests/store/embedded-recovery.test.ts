/**
 * Recovery of the embedded store from what a crash or a bad disk leaves behind: torn last
 * records are dropped with a warning, damage before intact data fails open() naming file and
 * offset, and a compaction interrupted at any step recovers every acknowledged write.
 */
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../graph/schema.js';
import { openEmbeddedStore, StoreCorruptError, type CompactionStep } from '../../graph/store/embedded/index.js';
import { HEADER_BYTES, JOURNAL_MAGIC, encodeFrame } from '../../graph/store/embedded/frame.js';
import { copyDataDir, filesIn, onlyJournal, personPut, recordingLogger, removeDir, tempDir } from './embedded-support.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

/**
 * Writes three one-person batches (versions 1..3) and closes; returns each frame's offset. With
 * `crash`, `dir` becomes a copy taken while the store was open (as kill -9 leaves it), before the
 * ACKNOWLEDGED record caught up with version 3.
 */
async function threeBatches(crash = false): Promise<{ doc: NetworkDocument; offsets: number[]; journal: string }> {
  const store = await openEmbeddedStore(dir, { acknowledgedIntervalMs: Number.POSITIVE_INFINITY });
  const offsets: number[] = [];
  for (const id of ['a', 'b', 'c']) {
    offsets.push(store.stats().journalBytes);
    await store.apply([personPut(id)]);
  }
  const { document } = await store.readAll();
  if (crash) {
    const crashed = await tempDir();
    copyDataDir(dir, crashed);
    await store.close();
    await removeDir(dir);
    dir = crashed;
  } else {
    await store.close();
  }
  return { doc: document, offsets, journal: onlyJournal(dir) };
}

function flipByte(file: string, offset: number): void {
  const buf = readFileSync(file);
  buf[offset] = buf[offset]! ^ 0xff;
  writeFileSync(file, buf);
}

describe('embedded store recovery: torn and corrupt journals', () => {
  it('when the last journal record is torn, then it is dropped with a warning and the store accepts writes after it', async () => {
    const { doc, journal } = await threeBatches();
    const goodSize = statSync(journal).size;
    const frame = encodeFrame(JOURNAL_MAGIC, JSON.stringify([{ v: 4, c: [personPut('torn')] }]));
    appendFileSync(journal, frame.subarray(0, frame.length - 7));

    const logger = recordingLogger();
    const store = await openEmbeddedStore(dir, { logger });
    expect(await store.readAll()).toStrictEqual({ version: 3, document: doc });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]!.msg).toMatch(/torn/);
    expect(logger.warnings[0]!.obj).toMatchObject({ file: journal, offset: goodSize });
    expect(statSync(journal).size).toBe(goodSize);

    expect(await store.apply([personPut('d')])).toBe(4);
    await store.close();
    const quiet = recordingLogger();
    const again = await openEmbeddedStore(dir, { logger: quiet });
    expect((await again.readAll()).document.people.map((p) => p.id)).toStrictEqual(['a', 'b', 'c', 'd']);
    expect(quiet.warnings).toHaveLength(0);
    await again.close();
  });

  it('when the journal ends in zero bytes (size grew, data never written), then they are dropped with a warning', async () => {
    const { doc, journal } = await threeBatches();
    appendFileSync(journal, Buffer.alloc(8192));
    const logger = recordingLogger();
    const store = await openEmbeddedStore(dir, { logger });
    expect(await store.readAll()).toStrictEqual({ version: 3, document: doc });
    expect(logger.warnings).toHaveLength(1);
    await store.close();
  });

  it('when a header is cut short, then the partial header is dropped with a warning', async () => {
    const { journal } = await threeBatches();
    appendFileSync(journal, encodeFrame(JOURNAL_MAGIC, '[]').subarray(0, HEADER_BYTES - 5));
    const logger = recordingLogger();
    const store = await openEmbeddedStore(dir, { logger });
    expect(await store.currentVersion()).toBe(3);
    expect(logger.warnings[0]!.obj).toMatchObject({ reason: expect.stringMatching(/incomplete frame header/) });
    await store.close();
  });

  it('when the last record fails its checksum after a crash, then only that record is dropped', async () => {
    const { offsets, journal } = await threeBatches(true);
    flipByte(journal, offsets[2]! + HEADER_BYTES + 3);
    const logger = recordingLogger();
    const store = await openEmbeddedStore(dir, { logger });
    expect((await store.readAll()).document.people.map((p) => p.id)).toStrictEqual(['a', 'b']);
    expect(await store.currentVersion()).toBe(2);
    expect(logger.warnings).toHaveLength(1);
    await store.close();
  });

  it('when a record in the middle fails its checksum, then open fails naming the file and offset', async () => {
    const { offsets, journal } = await threeBatches();
    flipByte(journal, offsets[1]! + HEADER_BYTES + 3);
    const err = await openEmbeddedStore(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreCorruptError);
    expect((err as StoreCorruptError).file).toBe(journal);
    expect((err as StoreCorruptError).offset).toBe(offsets[1]);
    expect((err as Error).message).toContain(basename(journal));
    expect((err as Error).message).toContain(`offset ${offsets[1]}`);
  });

  it('when a header in the middle is damaged, then open fails rather than dropping the records after it', async () => {
    const { offsets, journal } = await threeBatches();
    flipByte(journal, offsets[0]! + 5); // the first frame's length
    const err = await openEmbeddedStore(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreCorruptError);
    expect((err as StoreCorruptError).offset).toBe(0);
    expect((err as Error).message).toMatch(/bad frame header, yet an intact frame follows/);
  });

  it('when open fails on corruption, then the directory is not left locked', async () => {
    const { offsets, journal } = await threeBatches();
    flipByte(journal, offsets[0]! + HEADER_BYTES);
    await expect(openEmbeddedStore(dir)).rejects.toBeInstanceOf(StoreCorruptError);
    expect(existsSync(join(dir, 'LOCK'))).toBe(false);
  });

  it('when a snapshot is damaged, then open fails naming the snapshot', async () => {
    const store = await openEmbeddedStore(dir);
    await store.apply([personPut('a'), personPut('b')]);
    await store.compact();
    await store.close();
    const [snapshot] = filesIn(dir, /\.rns$/);
    flipByte(snapshot!, statSync(snapshot!).size - 3);
    const err = await openEmbeddedStore(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreCorruptError);
    expect((err as StoreCorruptError).file).toBe(snapshot);
  });

  it('when the journal after a snapshot is missing, then open fails instead of serving old data', async () => {
    const store = await openEmbeddedStore(dir);
    await store.apply([personPut('a')]);
    await store.compact();
    await store.apply([personPut('b')]);
    await store.close();
    const [snapshot] = filesIn(dir, /\.rns$/);
    // Remove the snapshot: what remains is a journal starting at version 1 with nothing before it.
    await removeDir(snapshot!);
    const err = await openEmbeddedStore(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreCorruptError);
    expect((err as Error).message).toMatch(/journals in between are missing/);
  });
});

describe('embedded store recovery: compaction interrupted at every step', () => {
  it('when a crash hits any compaction step while writes go on, then reopening finds every acknowledged write', async () => {
    const copies: { step: CompactionStep; dir: string; acked: number }[] = [];
    let acked = 0;
    const store = await openEmbeddedStore(join(dir, 'live'), {
      autoCompact: false,
      snapshotChunkRecords: 10,
      hooks: {
        onCompactionStep: (step) => {
          const copy = join(dir, `crash-${copies.length}-${step}`);
          copyDataDir(join(dir, 'live'), copy);
          copies.push({ step, dir: copy, acked });
        },
      },
    });
    const docs = new Map<number, NetworkDocument>([[0, (await store.readAll()).document]]);
    const write = async (i: number) => {
      acked = await store.apply([personPut(`p${i}`, `Person ${i}`), personPut(`p${Math.floor(i / 2)}`, `Renamed ${i}`)]);
      docs.set(acked, (await store.readAll()).document);
    };
    for (let i = 0; i < 60; i++) await write(i);
    // Compact twice (so the second one also removes an older snapshot) with writes running alongside.
    for (const round of [0, 1]) {
      let next = 100 * (round + 1);
      let done = false;
      const writer = (async () => {
        while (!done) await write(next++);
      })();
      await store.compact();
      done = true;
      await writer;
    }
    await store.close();

    const steps = copies.map((c) => c.step);
    expect(steps).toEqual(expect.arrayContaining(['rotated', 'snapshot-partial', 'snapshot-synced', 'snapshot-renamed', 'old-files-removed']));
    expect(steps).toHaveLength(10);
    for (const copy of copies) {
      const logger = recordingLogger();
      const reopened = await openEmbeddedStore(copy.dir, { logger });
      const { version, document } = await reopened.readAll();
      expect(version, copy.step).toBeGreaterThanOrEqual(copy.acked);
      expect(document, copy.step).toStrictEqual(docs.get(version));
      expect(logger.warnings, copy.step).toHaveLength(0);
      // Recovery leaves a tidy directory: no temp file, at most one snapshot, and it can write on.
      expect(filesIn(copy.dir, /\.tmp$/), copy.step).toHaveLength(0);
      expect(filesIn(copy.dir, /\.rns$/).length, copy.step).toBeLessThanOrEqual(1);
      const v = await reopened.apply([personPut('after-crash')]);
      await reopened.close();
      const again = await openEmbeddedStore(copy.dir);
      expect(await again.currentVersion()).toBe(v);
      expect(await again.get('person', 'after-crash')).toBeDefined();
      await again.close();
    }
  });

  it('when compaction finishes, then one snapshot and one journal remain and old versions answer from memory', async () => {
    const store = await openEmbeddedStore(dir, { autoCompact: false });
    for (let i = 0; i < 10; i++) await store.apply([personPut(`p${i}`)]);
    await store.compact();
    await store.apply([personPut('after')]);
    expect(filesIn(dir, /\.(rns|rnj)$/).map((f) => basename(f))).toStrictEqual([
      'journal-0000000000000010.rnj',
      'snapshot-0000000000000010.rns',
    ]);
    expect((await store.changesSince(5))?.changes).toHaveLength(6);
    expect(store.stats()).toMatchObject({ snapshotVersion: 10, compactions: 1, version: 11 });
    const before = await store.readAll();
    await store.close();
    const again = await openEmbeddedStore(dir);
    expect(await again.readAll()).toStrictEqual(before);
    // After a restart only the journal after the snapshot is held.
    expect(await again.changesSince(5)).toBeUndefined();
    expect((await again.changesSince(10))?.changes).toHaveLength(1);
    await again.close();
  });

  it('when the journal outgrows the threshold, then the store compacts by itself', async () => {
    const store = await openEmbeddedStore(dir, { compactionBytes: 2_000 });
    for (let i = 0; i < 100; i++) await store.apply([personPut(`p${i}`, 'x'.repeat(40))]);
    await store.close(); // waits for a compaction in progress
    expect(store.stats().compactions).toBeGreaterThan(0);
    const again = await openEmbeddedStore(dir);
    expect((await again.readAll()).document.people).toHaveLength(100);
    expect(again.stats().journalBytes).toBeLessThan(6_000);
    await again.close();
  });

  it('when the store closes during a compaction, then the compaction is abandoned cleanly', async () => {
    const store = await openEmbeddedStore(dir, { autoCompact: false, snapshotChunkRecords: 1 });
    await store.apply(Array.from({ length: 500 }, (_, i) => personPut(`p${i}`)));
    const compaction = store.compact().catch((e: unknown) => e);
    await store.close();
    expect(await compaction).toMatchObject({ name: 'SnapshotAborted' });
    expect(filesIn(dir, /\.tmp$/)).toHaveLength(0);
    const again = await openEmbeddedStore(dir);
    expect((await again.readAll()).document.people).toHaveLength(500);
    await again.close();
  });
});
