/**
 * scripts/start-command.ts: the parts of `npm start` the bench and the build test run the server
 * with: the build check, the environment set before node, node's flags and the served script.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build.mjs';
import { startCommand } from '../../scripts/start-command.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function withStart(start: string): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'refnet-start-'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ scripts: { start } }));
  return dir;
}

describe('startCommand', () => {
  it("when read from the project's package.json, then it serves the compiled server with malloc's arenas and thresholds set", () => {
    const start = startCommand(ROOT);
    expect(start.check).toEqual(['scripts/build.mjs', '--if-stale']);
    expect(start.script).toBe('dist/server/scripts/serve.js');
    expect(Object.keys(start.env)).toEqual(['GLIBC_TUNABLES']);
    expect(start.env.GLIBC_TUNABLES!.split(':').sort()).toEqual(['glibc.malloc.arena_max=2', 'glibc.malloc.mmap_threshold=1048576', 'glibc.malloc.trim_threshold=1048576']);
  });

  it('when the serving command sets variables and flags, then each lands in its part', async () => {
    const root = await withStart('node scripts/build.mjs --if-stale && A_B=1 C= node --x --y=2 dist/server/scripts/serve.js');
    expect(startCommand(root)).toEqual({ check: ['scripts/build.mjs', '--if-stale'], env: { A_B: '1', C: '' }, flags: ['--x', '--y=2'], script: 'dist/server/scripts/serve.js' });
  });

  it('when the start script is not a build check and a node command serving the server, then it says what it expected', async () => {
    for (const start of ['node dist/server/scripts/serve.js', 'node scripts/build.mjs && tsx scripts/serve.ts', 'node scripts/build.mjs && X=1 node dist/other.js', 'node a && node b && node x/scripts/serve.js']) {
      const root = await withStart(start);
      expect(() => startCommand(root)).toThrow(/cannot read the start script .*expected/);
      await rm(root, { recursive: true, force: true });
    }
  });
});
