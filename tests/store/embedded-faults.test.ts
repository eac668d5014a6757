/**
 * The embedded store under refused writes and contention: a full disk (the maxBytes cap, and real
 * ENOSPC/EDQUOT errno failures injected half-way through a write) gives StoreFullError and leaves
 * the store readable and consistent; other IO errors are clear StoreIoErrors; a data directory is
 * only ever open in one process, and a dead owner's lock is taken over.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { statSync, symlinkSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidChangeError } from '../../graph/store/check-batch.js';
import { StoreFullError, StoreUnavailableError } from '../../graph/store/port.js';
import {
  EmbeddedStore,
  openEmbeddedStore,
  StoreIoError,
  StoreLockedError,
} from '../../graph/store/embedded/index.js';
import { onlyJournal, personPut, recordingLogger, removeDir, tempDir } from './embedded-support.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => personPut(`${prefix}${i}`, 'x'.repeat(50)));

/** A frame writer that, while `failing` holds an errno code, writes half the frame and then fails with it. */
function flakyWriter() {
  const state: { failing: string | undefined } = { failing: undefined };
  const writeFrame = async (fh: FileHandle, frame: Buffer, position: number) => {
    if (state.failing) {
      await fh.write(frame, 0, frame.length >> 1, position);
      throw Object.assign(new Error(`${state.failing}: simulated failure, write`), { code: state.failing });
    }
    await fh.write(frame, 0, frame.length, position);
  };
  return { state, writeFrame };
}

async function expectConsistentAfterReopen(store: EmbeddedStore): Promise<void> {
  const before = await store.readAll();
  await store.close();
  const logger = recordingLogger();
  const again = await openEmbeddedStore(dir, { logger });
  expect(await again.readAll()).toStrictEqual(before);
  expect(logger.warnings).toHaveLength(0); // the failed write left no torn tail behind
  await again.close();
}

describe('embedded store: full disk', () => {
  it('when a write would pass maxBytes, then it fails with StoreFullError and the store stays readable and writable', async () => {
    const store = await openEmbeddedStore(dir, { maxBytes: 20_000 });
    await store.apply(people('a', 50));
    const before = await store.readAll();
    const err = await store.apply(people('big', 300)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreFullError);
    expect((err as Error).message).toMatch(/maxBytes/);
    expect(await store.readAll()).toStrictEqual(before);
    expect(await store.get('person', 'big0')).toBeUndefined();
    expect(await store.isReady()).toBe(true);
    expect(await store.apply([personPut('small')])).toBe(before.version + 1);
    expect(statSync(onlyJournal(dir)).size).toBeLessThanOrEqual(20_000);
    await expectConsistentAfterReopen(store);
  });

  it('when a group commit does not fit, then the batches that fit alone still commit', async () => {
    const store = await openEmbeddedStore(dir, { maxBytes: 20_000 });
    await store.apply(people('a', 50));
    const results = await Promise.allSettled([store.apply([personPut('s1')]), store.apply(people('big', 300)), store.apply([personPut('s2')])]);
    expect(results.map((r) => r.status)).toStrictEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(StoreFullError);
    expect((await store.readAll()).document.people.slice(-2).map((p) => p.id)).toStrictEqual(['s1', 's2']);
    await expectConsistentAfterReopen(store);
  });

  for (const code of ['ENOSPC', 'EDQUOT']) {
    it(`when the disk answers ${code} half-way through a write, then StoreFullError and the journal is cut back to the last good record`, async () => {
      const flaky = flakyWriter();
      const store = await openEmbeddedStore(dir, { hooks: { writeFrame: flaky.writeFrame } });
      await store.apply(people('a', 10));
      const before = await store.readAll();
      const size = statSync(onlyJournal(dir)).size;
      flaky.state.failing = code;
      const err = await store.apply(people('b', 10)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreFullError);
      expect((err as Error).message).toContain(code);
      expect(statSync(onlyJournal(dir)).size).toBe(size);
      expect(await store.readAll()).toStrictEqual(before);
      flaky.state.failing = undefined;
      expect(await store.apply(people('c', 3))).toBe(before.version + 1);
      await expectConsistentAfterReopen(store);
    });
  }

  it('when a compaction runs out of space, then it is abandoned and the store goes on', async () => {
    const logger = recordingLogger();
    const store = await openEmbeddedStore(dir, { maxBytes: 12_000, autoCompact: false, logger });
    await store.apply(people('a', 100)); // ~7 kB of journal: a snapshot of the same size cannot fit next to it
    await expect(store.compact()).rejects.toBeInstanceOf(StoreFullError);
    expect(store.stats().compactions).toBe(0);
    expect((await store.readAll()).document.people).toHaveLength(100);
    expect(await store.apply([personPut('more')])).toBe(2);
    await expectConsistentAfterReopen(store);
  });
});

describe('embedded store: other failures', () => {
  it('when the disk fails with EIO, then the error is a StoreIoError naming the journal, not a full disk', async () => {
    const flaky = flakyWriter();
    const store = await openEmbeddedStore(dir, { hooks: { writeFrame: flaky.writeFrame } });
    flaky.state.failing = 'EIO';
    const err = await store.apply([personPut('a')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreIoError);
    expect(err).not.toBeInstanceOf(StoreFullError);
    expect((err as StoreIoError).code).toBe('EIO');
    expect((err as Error).message).toContain(onlyJournal(dir));
    flaky.state.failing = undefined;
    expect(await store.apply([personPut('a')])).toBe(1);
    await store.close();
  });

  it('when a failed write cannot even be cut back, then writes answer StoreUnavailableError, reads go on, and a reopen recovers', async () => {
    let sabotage = false;
    const store = await openEmbeddedStore(dir, {
      hooks: {
        writeFrame: async (fh, frame, position) => {
          await fh.write(frame, 0, sabotage ? frame.length >> 1 : frame.length, position);
          if (!sabotage) return;
          await fh.close(); // the truncate that follows fails with EBADF
          throw Object.assign(new Error('ENOSPC: simulated failure, write'), { code: 'ENOSPC' });
        },
      },
    });
    await store.apply([personPut('a')]);
    sabotage = true;
    await expect(store.apply([personPut('b')])).rejects.toBeInstanceOf(StoreFullError);
    sabotage = false;
    await expect(store.apply([personPut('c')])).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.isReady()).toBe(false);
    expect((await store.readAll()).document.people.map((p) => p.id)).toStrictEqual(['a']);
    await store.close();
    const logger = recordingLogger();
    const again = await openEmbeddedStore(dir, { logger });
    expect((await again.readAll()).document.people.map((p) => p.id)).toStrictEqual(['a']);
    expect(logger.warnings).toHaveLength(1); // the half-written frame, dropped as a torn tail
    expect(await again.apply([personPut('c')])).toBe(2);
    await again.close();
  });

  it('when an option makes no sense, then the constructor says which one', () => {
    for (const [option, bad] of [['maxFrameBytes', 0], ['compactionRatio', Number.NaN], ['maxBytes', -1]] as const) {
      const make = () => new EmbeddedStore(dir, { [option]: bad });
      expect(make).toThrow(RangeError);
      expect(make).toThrow(new RegExp(`option ${option} `));
    }
  });

  it('when the data directory path is a file, then open fails with a clear StoreIoError', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const err = await openEmbeddedStore(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreIoError);
    expect((err as Error).message).toContain(file);
  });

  it('when a change cannot be stored as JSON, then the batch is refused as invalid', async () => {
    const store = await openEmbeddedStore(dir);
    const cyclic: Record<string, unknown> = { id: 'c', name: 'cyclic' };
    cyclic.self = cyclic;
    await expect(store.apply([personPut('ok'), { op: 'put', kind: 'person', record: cyclic as never }])).rejects.toBeInstanceOf(InvalidChangeError);
    await expect(store.apply([{ op: 'put', kind: 'person', record: { id: 'n', name: 'x', big: 1n } as never }])).rejects.toBeInstanceOf(
      InvalidChangeError,
    );
    expect(await store.currentVersion()).toBe(0);
    await store.close();
  });

  it('when the store is closed, then reads and writes answer StoreUnavailableError', async () => {
    const store = await openEmbeddedStore(dir);
    await store.close();
    await expect(store.apply([personPut('a')])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.isReady()).toBe(false);
  });

  it('when batches arrive while an fsync is in flight, then they share fsyncs and each stays whole', async () => {
    const store = await openEmbeddedStore(dir);
    const versions = await Promise.all(Array.from({ length: 200 }, (_, i) => store.apply(people(`g${i}-`, 3))));
    expect(versions).toStrictEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(store.stats().fsyncs).toBeLessThan(200);
    await expectConsistentAfterReopen(store);
  });
});

describe('embedded store: directory lock', () => {
  const child = (mode?: 'hold') => {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'open-in-child.ts'), dir, ...(mode ? [mode] : [])], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = (async () => {
      for await (const l of createInterface({ input: proc.stdout })) return JSON.parse(l) as { opened?: boolean; error?: string; message?: string; pid?: number };
      throw new Error('child printed nothing');
    })();
    return { proc, line };
  };

  it('when the directory is open in this process, then a second open fails with StoreLockedError naming the pid', async () => {
    const store = await openEmbeddedStore(dir);
    const err = await openEmbeddedStore(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreLockedError);
    expect((err as Error).message).toContain(String(process.pid));
    // The same directory through a symlink is the same lock.
    const link = join(dir, 'self');
    symlinkSync(dir, link);
    await expect(openEmbeddedStore(link)).rejects.toBeInstanceOf(StoreLockedError);
    await store.close();
    const again = await openEmbeddedStore(dir);
    await again.close();
  });

  it('when another process has the directory open, then this one cannot open it until that process is gone', async () => {
    const holder = child('hold');
    expect(await holder.line).toMatchObject({ opened: true });
    await expect(openEmbeddedStore(dir)).rejects.toBeInstanceOf(StoreLockedError);
    holder.proc.kill('SIGKILL');
    await once(holder.proc, 'exit');
    const logger = recordingLogger();
    const store = await openEmbeddedStore(dir, { logger });
    expect(logger.infos.some((i) => /stale lock/.test(i.msg))).toBe(true);
    // …and now the child is the one refused.
    const second = child();
    expect(await second.line).toMatchObject({ error: 'StoreLockedError' });
    await once(second.proc, 'exit');
    await store.close();
  }, 30_000);

  it('when the lock names this pid but this process never took it (a restarted container), then it is stale', async () => {
    writeFileSync(join(dir, 'LOCK'), `${process.pid}\n`);
    const store = await openEmbeddedStore(dir);
    await expect(openEmbeddedStore(dir)).rejects.toBeInstanceOf(StoreLockedError);
    await store.close();
  });

  it('when the lock file is unreadable garbage, then it is treated as stale', async () => {
    writeFileSync(join(dir, 'LOCK'), 'not a pid');
    const store = await openEmbeddedStore(dir);
    await store.close();
  });
});
