import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame, SNAPSHOT_MAGIC } from '../../graph/store/embedded/frame.js';
import { readSnapshot } from '../../graph/store/embedded/snapshot-file.js';

const frames = (...payloads: unknown[]) => Buffer.concat(payloads.map((p) => encodeFrame(SNAPSHOT_MAGIC, JSON.stringify(p))));
const OLD_COUNTS = { person: 1, company: 0, group: 0, event: 0, membership: 0, attendance: 0, interaction: 0, referral: 0 };

describe('a snapshot written before dismissals existed', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'refnet-snap-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('when it has no dismissal count, then it reads as holding none', async () => {
    const file = join(dir, 'old.snap');
    await writeFile(file, frames({ format: 'refnet-snapshot/1', version: 3, counts: OLD_COUNTS }, ['person', [{ id: 'a', name: 'Ann' }]], { end: true, records: 1 }));
    const read: [string, unknown][] = [];
    expect((await readSnapshot(file, (kind, r) => read.push([kind, r]))).version).toBe(3);
    expect(read).toEqual([['person', { id: 'a', name: 'Ann' }]]);
  });

  it('when a kind it always had has no count, then it is still corrupt', async () => {
    const file = join(dir, 'bad.snap');
    const { referral: _gone, ...counts } = OLD_COUNTS;
    await writeFile(file, frames({ format: 'refnet-snapshot/1', version: 3, counts }, ['person', [{ id: 'a', name: 'Ann' }]], { end: true, records: 1 }));
    await expect(readSnapshot(file, () => undefined)).rejects.toThrow(/referral/);
  });
});
