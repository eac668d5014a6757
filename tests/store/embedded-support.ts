/** Helpers for the embedded store's own tests: temp data dirs, a recording logger, file lookups. */
import { cpSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Person } from '../../graph/schema.js';
import type { Change } from '../../graph/records.js';
import type { StoreLogger } from '../../graph/store/embedded/index.js';

/** A fresh temp directory; remove it with `rm(dir, { recursive: true, force: true })`. */
export function tempDir(prefix = 'refnet-store-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

export interface RecordingLogger extends StoreLogger {
  warnings: { obj: object; msg: string }[];
  infos: { obj: object; msg: string }[];
}

export function recordingLogger(): RecordingLogger {
  const warnings: { obj: object; msg: string }[] = [];
  const infos: { obj: object; msg: string }[] = [];
  return {
    warnings,
    infos,
    warn: (obj, msg) => void warnings.push({ obj, msg }),
    info: (obj, msg) => void infos.push({ obj, msg }),
  };
}

/** Files of `dir` whose names match, sorted. */
export function filesIn(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir)
    .filter((n) => pattern.test(n))
    .sort()
    .map((n) => join(dir, n));
}

/** The single journal in `dir` (fails the test if there are several). */
export function onlyJournal(dir: string): string {
  const js = filesIn(dir, /^journal-\d+\.rnj$/);
  if (js.length !== 1) throw new Error(`expected one journal in ${dir}, found ${js.map((j) => basename(j)).join(', ')}`);
  return js[0]!;
}

/** Copies a data dir as a crash would leave it (the lock belongs to the live test process, so it is left out). */
export function copyDataDir(from: string, to: string): void {
  cpSync(from, to, { recursive: true, filter: (src) => basename(src) !== 'LOCK' });
}

export const personPut = (id: string, name = `Person ${id}`, extra: Partial<Person> = {}): Change => ({
  op: 'put',
  kind: 'person',
  record: { id, name, ...extra },
});
