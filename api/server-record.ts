/**
 * `<REFNET_DATA>/server.json`: the address a server listens on, written once it listens on an
 * embedded store's data directory and removed when it stops cleanly. The CLI reads it when the
 * directory is held, to name the real address in its hint and to check a person for
 * `refnet users create` there. A record counts only while the process it names is alive and holds
 * the directory's lock: one a crashed server left behind (or whose pid came back as another
 * process) is ignored, never trusted.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { liveLockOwner } from '../graph/store/embedded/dir-lock.js';
import { writeFileAtomic } from './security/atomic-file.js';

export const SERVER_RECORD_FILE = 'server.json';

const recordSchema = z.object({ pid: z.number().int().positive(), url: z.url() });
export type ServerRecord = z.infer<typeof recordSchema>;

function recordPath(dir: string): string {
  return join(dir, SERVER_RECORD_FILE);
}

/** Records that this process serves `dir` at `url` (owner-only, written atomically). */
export function writeServerRecord(dir: string, url: string): void {
  const record: ServerRecord = { pid: process.pid, url };
  writeFileAtomic(recordPath(dir), `${JSON.stringify(record, null, 2)}\n`, { makeDir: false });
}

/** Removes the record if it is this process's (a server started after it must keep its own). */
export function removeServerRecord(dir: string): void {
  if (readRecord(dir)?.pid !== process.pid) return;
  try {
    unlinkSync(recordPath(dir));
  } catch {
    // Already gone: nothing to undo.
  }
}

/** The server holding `dir` and where it listens, or undefined when no live server recorded one. */
export function runningServer(dir: string): ServerRecord | undefined {
  const record = readRecord(dir);
  if (!record) return undefined;
  return liveLockOwner(dir) === record.pid ? record : undefined;
}

function readRecord(dir: string): ServerRecord | undefined {
  try {
    const parsed = recordSchema.safeParse(JSON.parse(readFileSync(recordPath(dir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
