/**
 * The store knows what it acknowledged: an emptied, cut, deleted or damaged journal holding less
 * than the ACKNOWLEDGED record refuses to open (StoreDataLossError naming the damage and the way
 * out) without changing a byte, unless the operator accepts exactly that loss. Also: every data
 * file is owner-only, and a directory from an older version (no record, 0644 files) still opens.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore, StoreCorruptError, StoreDataLossError, type EmbeddedStore } from '../../graph/store/embedded/index.js';
import { copyDataDir, filesIn, onlyJournal, personPut, recordingLogger, removeDir, tempDir } from './embedded-support.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

/** Writes `n` one-person batches (versions 1..n) and closes cleanly; returns the journal. */
async function writeAndClose(n: number, target = dir): Promise<string> {
  const store = await openEmbeddedStore(target);
  for (let i = 0; i < n; i++) await store.apply([personPut(`p${i}`)]);
  await store.close();
  return onlyJournal(target);
}

async function refusal(target = dir, options = {}): Promise<StoreDataLossError> {
  const err = await openEmbeddedStore(target, options).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(StoreDataLossError);
  return err as StoreDataLossError;
}

function acknowledgedVersion(target = dir): number {
  return JSON.parse(readFileSync(join(target, 'ACKNOWLEDGED'), 'utf8')).version;
}

describe('embedded store: acknowledged writes cannot vanish silently', () => {
  it('when the journal is emptied after a clean shutdown, then open refuses, naming the file, the loss and both ways out', async () => {
    const journal = await writeAndClose(70);
    truncateSync(journal, 0);
    const err = await refusal();
    expect(err).toMatchObject({ acknowledgedVersion: 70, recoverableVersion: 0 });
    expect(err.message).toContain(`${journal} is empty (0 bytes)`);
    expect(err.message).toMatch(/70 acknowledged batches \(versions 1\.\.70\)/);
    expect(err.message).toMatch(/restore .* from a backup/);
    expect(err.message).toContain('REFNET_ACCEPT_DATA_LOSS=0');
    expect(statSync(journal).size).toBe(0);
    expect(existsSync(join(dir, 'LOCK'))).toBe(false);
  });

  it('when the journal is deleted and there is no snapshot, then open refuses instead of starting empty', async () => {
    const journal = await writeAndClose(5);
    unlinkSync(journal);
    const err = await refusal();
    expect(err.message).toContain(`no journal file in ${dir}`);
    expect(filesIn(dir, /^journal-/)).toHaveLength(0); // no fresh journal was created either
  });

  it('when snapshot and journals are deleted after a compaction, then open refuses', async () => {
    const store = await openEmbeddedStore(dir);
    for (let i = 0; i < 4; i++) await store.apply([personPut(`p${i}`)]);
    await store.compact();
    await store.apply([personPut('after')]);
    await store.close();
    for (const f of filesIn(dir, /\.(rnj|rns)$/)) unlinkSync(f);
    expect(await refusal()).toMatchObject({ acknowledgedVersion: 5, recoverableVersion: 0 });
  });

  it('when a clean journal is cut or damaged anywhere in its last frame, then open refuses and the file is left byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.boolean(), async (n, at, flip) => {
        const target = await tempDir();
        try {
          const journal = await writeAndClose(n, target);
          const size = statSync(journal).size;
          const bytes = readFileSync(journal);
          // Ids are deterministic, so n-1 batches written elsewhere end exactly where the last frame starts.
          const other = await tempDir();
          const lastStart = n === 1 ? 0 : statSync(await writeAndClose(n - 1, other)).size;
          await removeDir(other);
          const offset = lastStart + Math.floor(at * (size - lastStart));
          if (flip) {
            bytes[offset] = bytes[offset]! ^ 0x5a;
            writeFileSync(journal, bytes);
          } else {
            truncateSync(journal, offset);
          }
          const before = readFileSync(journal);
          const err = await refusal(target);
          expect(err).toMatchObject({ acknowledgedVersion: n, recoverableVersion: n - 1 });
          expect(err.message).toContain(journal);
          expect(readFileSync(journal).equals(before)).toBe(true);
        } finally {
          await removeDir(target);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('when the operator accepts the loss of exactly the version the refusal names, then the store opens there and stays protected', async () => {
    const journal = await writeAndClose(3);
    truncateSync(journal, statSync(journal).size - 5);
    const wrong = await refusal(dir, { acceptDataLossTo: 1 });
    expect(wrong.recoverableVersion).toBe(2);

    const logger = recordingLogger();
    const store = await openEmbeddedStore(dir, { acceptDataLossTo: 2, logger });
    expect(await store.currentVersion()).toBe(2);
    expect(logger.warnings.some((w) => /accepting the loss of acknowledged versions 3\.\.3/.test(w.msg))).toBe(true);
    expect(acknowledgedVersion()).toBe(2);
    expect(await store.apply([personPut('next')])).toBe(3);
    await store.close();

    const again = await openEmbeddedStore(dir);
    expect((await again.readAll()).document.people.map((p) => p.id)).toStrictEqual(['p0', 'p1', 'next']);
    await again.close();
    truncateSync(onlyJournal(dir), 0);
    expect(await refusal(dir, { acceptDataLossTo: 2 })).toMatchObject({ acknowledgedVersion: 3, recoverableVersion: 0 });
  });

  it('when a crash follows the periodic record, then the batches it names are protected too', async () => {
    const store = await openEmbeddedStore(dir, { acknowledgedIntervalMs: 20 });
    for (let i = 0; i < 10; i++) await store.apply([personPut(`p${i}`)]);
    await expect.poll(() => acknowledgedVersion(), { timeout: 5_000 }).toBe(10);
    const crashed = await tempDir();
    try {
      copyDataDir(dir, crashed);
      truncateSync(onlyJournal(crashed), 0);
      expect(await refusal(crashed)).toMatchObject({ acknowledgedVersion: 10, recoverableVersion: 0 });
    } finally {
      await store.close();
      await removeDir(crashed);
    }
  });

  it('when the ACKNOWLEDGED record itself is damaged, then open fails naming it and what to do', async () => {
    await writeAndClose(2);
    writeFileSync(join(dir, 'ACKNOWLEDGED'), '{"format":"refnet-ackn');
    const err = await openEmbeddedStore(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreCorruptError);
    expect((err as Error).message).toMatch(/ACKNOWLEDGED .*delete this file/);
  });

  it('when a directory was written by an older version (no record, world-readable files), then it opens, records its version and is tightened', async () => {
    await writeAndClose(4);
    unlinkSync(join(dir, 'ACKNOWLEDGED'));
    chmodSync(dir, 0o755);
    chmodSync(onlyJournal(dir), 0o644);
    const store = await openEmbeddedStore(dir);
    expect(await store.currentVersion()).toBe(4);
    expect(acknowledgedVersion()).toBe(4);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(onlyJournal(dir)).mode & 0o777).toBe(0o600);
    await store.close();
  });
});

describe('embedded store: file modes', () => {
  it('when the store creates its directory and files, then each is owner-only whatever the umask allows', async () => {
    const target = join(dir, 'nested', 'data');
    const store: EmbeddedStore = await openEmbeddedStore(target);
    await store.apply([personPut('a')]);
    await store.compact();
    await store.apply([personPut('b')]);
    expect(statSync(target).mode & 0o777).toBe(0o700);
    const names = readdirSync(target).filter((n) => n !== 'LOCK');
    expect(names).toEqual(expect.arrayContaining(['ACKNOWLEDGED']));
    expect(names.some((n) => n.endsWith('.rns'))).toBe(true);
    for (const name of names) expect({ name, mode: statSync(join(target, name)).mode & 0o777 }).toStrictEqual({ name, mode: 0o600 });
    await store.close();
  });
});

describe('embedded store: directory lock', () => {
  it('when the store is open, then LOCK is a symlink to its pid (no data block needed), and a dead owner\'s lock is taken over', async () => {
    const store = await openEmbeddedStore(dir);
    const lock = join(dir, 'LOCK');
    expect(lstatSync(lock).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).filter((n) => n.startsWith('LOCK'))).toStrictEqual(['LOCK']);
    await store.close();
    expect(existsSync(lock)).toBe(false);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    symlinkSync(dead.stdout, lock);
    const logger = recordingLogger();
    const again = await openEmbeddedStore(dir, { logger });
    expect(logger.infos.some((i) => /stale lock/.test(i.msg) && (i.obj as { stalePid?: number }).stalePid === Number(dead.stdout))).toBe(true);
    await again.close();
  });
});
