/**
 * Output files (`export -o`, `backup`) are written whole or not at all (scripts/cli/atomic-file.ts):
 * a temp file beside the target, renamed over it; a target that is not a regular file (a directory,
 * a device, a pipe) is refused, never replaced; a symbolic link keeps pointing at the new file.
 */
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspace } from './run-cli.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

type Workspace = Awaited<ReturnType<typeof workspace>>;
let ws: Workspace;
let exported: string;
beforeAll(async () => {
  ws = await workspace();
  await mkdir(join(ws.dir, 'data')); // an empty store; one that does not exist is refused
  const r = await ws.run(['export']);
  expect(r.code, r.stderr).toBe(0);
  exported = r.stdout;
});
afterAll(() => ws?.cleanup());

/** Files a failed or finished write may have left beside its target. */
const leftovers = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.tmp'));

describe('output files', () => {
  it('when export -o names an existing file, then it is replaced whole and no temp file stays behind', async () => {
    const out = join(ws.dir, 'replace.json');
    await writeFile(out, 'old contents');
    const r = await ws.run(['export', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(exported);
    expect(await leftovers(ws.dir)).toEqual([]);
  });

  it('when the target directory does not exist, then exit 1 says so in words and nothing is written', async () => {
    for (const args of [['export', '-o'], ['backup']]) {
      const r = await ws.run([...args, join(ws.dir, 'missing', 'out.json')]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/cannot write .*out\.json: no such file or directory\nhint: .*nothing was written/);
    }
    expect(await leftovers(ws.dir)).toEqual([]);
  });

  it('when the target is a directory or a pipe, then exit 2 and it is left as it was', async () => {
    const dir = join(ws.dir, 'a-directory');
    await mkdir(dir);
    const fifo = join(ws.dir, 'a-pipe');
    execFileSync('mkfifo', [fifo]);
    for (const [args, target, kind] of [
      [['export', '-o'], dir, /is a directory/],
      [['backup'], dir, /is a directory/],
      [['export', '-o'], fifo, /not a regular file/],
      [['backup'], fifo, /not a regular file/],
    ] as const) {
      const r = await ws.run([...args, target]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(kind);
      expect(r.stderr).toMatch(/^hint: /m);
    }
    expect((await lstat(dir)).isDirectory()).toBe(true);
    expect(await readdir(dir)).toEqual([]);
    expect((await lstat(fifo)).isFIFO()).toBe(true);
    expect(await leftovers(ws.dir)).toEqual([]);
  });

  it('when the target is a symbolic link, then the file it points to is written and the link stays', async () => {
    const link = join(ws.dir, 'latest.json');
    await symlink('export-2026.json', link);
    const r = await ws.run(['export', '-o', link]);
    expect(r.code, r.stderr).toBe(0);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('export-2026.json');
    expect(await readFile(join(ws.dir, 'export-2026.json'), 'utf8')).toBe(exported);
  });
});
