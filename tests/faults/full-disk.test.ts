/**
 * A full disk: imports are sent until the store is out of space. The failing write answers 507
 * problem+json and writes nothing; every earlier acknowledged write stays readable, now and after a
 * restart. Run twice: on a real 2 MiB tmpfs with the server as a child process (when this machine
 * lets us mount one — root), and on the embedded store's maxBytes cap (always). A server killed
 * on a full disk starts again without anyone freeing space first (tmpfs only).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createRefnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { startServer } from '../../api/server.js';
import { EmbeddedStore } from '../../graph/store/embedded/index.js';
import { call, isProblem } from '../api/harness.js';
import { startServerChild } from './server-child.js';

function batch(k: number) {
  const people = Array.from({ length: 100 }, (_, i) => ({ id: `b${k}-${i}`, name: `Person ${k}/${i}`, location: 'x'.repeat(100) }));
  return { people };
}

/** Imports until 507; checks the answer, and that the store still reads. Returns acknowledged batches. */
async function fillUntilFull(url: string): Promise<number[]> {
  const acked: number[] = [];
  for (let k = 0; k < 5000; k++) {
    const r = await call(url, 'POST', '/api/import', batch(k));
    if (r.status === 200) {
      acked.push(k);
      continue;
    }
    expect(isProblem(r, 507), `${r.status} ${JSON.stringify(r.body)}`).toBe(true);
    expect(JSON.stringify(r.body)).not.toMatch(/ENOSPC|\/tmp\/|node_modules|\n\s+at /);
    // Nothing of the refused import; everything acknowledged; the service still answers reads.
    const exported = await call(url, 'GET', '/api/export');
    expect(exported.status).toBe(200);
    const ids = new Set(exported.body.people.map((p: { id: string }) => p.id));
    expect(ids.has(`b${k}-0`) || ids.has(`b${k}-99`)).toBe(false);
    expect(ids.size).toBe(acked.length * 100);
    expect((await call(url, 'GET', `/api/people/b${acked.at(-1)}-99`)).status).toBe(200);
    expect((await call(url, 'GET', '/readyz')).status).toBe(200);
    return acked;
  }
  throw new Error('the store never filled up');
}

async function expectAll(url: string, acked: number[]): Promise<void> {
  const { status, body } = await call(url, 'GET', '/api/export');
  expect(status).toBe(200);
  const ids = new Set(body.people.map((p: { id: string }) => p.id));
  expect(ids.size).toBe(acked.length * 100);
  for (const k of acked) expect(ids.has(`b${k}-0`) && ids.has(`b${k}-99`)).toBe(true);
}

/** Writes `file` until the file system refuses another byte. */
async function fillRemainingSpace(file: string): Promise<void> {
  const fh = await open(file, 'w');
  try {
    for (const size of [64 * 1024, 4096, 1]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          await fh.write(chunk);
        } catch (err) {
          if ((err as { code?: string }).code === 'ENOSPC') break;
          throw err;
        }
      }
    }
  } finally {
    await fh.close().catch(() => undefined);
  }
}

function tryMountTmpfs(dir: string, size: string): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return undefined;
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err).trim().split('\n')[0];
  }
}

describe('full disk', () => {
  it('when a real filesystem fills up (2 MiB tmpfs, else the maxBytes cap), then the write answers 507 and the store stays readable across a restart', async () => {
    const base = await mkdtemp(join(tmpdir(), 'refnet-full-'));
    const dir = join(base, 'mnt');
    await mkdir(dir);
    const cannot = tryMountTmpfs(dir, '2m');
    try {
      if (cannot) {
        console.log(`full-disk: cannot mount a tmpfs here (${cannot}); using the store's maxBytes cap instead`);
        await maxBytesScenario(dir);
        return;
      }
      const server = await startServerChild({ REFNET_DATA: dir });
      let acked: number[];
      try {
        acked = await fillUntilFull(server.url);
        expect(acked.length).toBeGreaterThan(3);
      } finally {
        expect(await server.stop()).toBe(0);
      }
      const again = await startServerChild({ REFNET_DATA: dir });
      try {
        await expectAll(again.url, acked);
      } finally {
        expect(await again.stop()).toBe(0);
      }
    } finally {
      if (!cannot) execFileSync('umount', [dir]);
      await rm(base, { recursive: true, force: true });
    }
  }, 180_000);

  it('when the server is killed -9 on a full disk, then it starts again without freeing space and every acknowledged write is there', async (ctx) => {
    const base = await mkdtemp(join(tmpdir(), 'refnet-full-kill-'));
    const dir = join(base, 'mnt');
    await mkdir(dir);
    const cannot = tryMountTmpfs(dir, '2m');
    try {
      if (cannot) {
        console.log(`full-disk: cannot mount a tmpfs here (${cannot}); skipping the kill -9 on a full disk`);
        ctx.skip();
        return;
      }
      const server = await startServerChild({ REFNET_DATA: dir });
      let acked: number[];
      try {
        acked = await fillUntilFull(server.url);
      } finally {
        await server.kill();
      }
      // Not one free block: whatever the crashed run left over is taken too.
      await fillRemainingSpace(join(dir, 'filler'));
      const again = await startServerChild({ REFNET_DATA: dir });
      try {
        await expectAll(again.url, acked);
      } finally {
        expect(await again.stop()).toBe(0);
      }
      expect(again.output()).toMatch(/could not record the acknowledged version/);
    } finally {
      if (!cannot) execFileSync('umount', [dir]);
      await rm(base, { recursive: true, force: true });
    }
  }, 180_000);

  it('when the store reaches its maxBytes cap, then the write answers 507 and the store stays readable across a reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refnet-cap-'));
    try {
      await maxBytesScenario(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

async function maxBytesScenario(dir: string): Promise<void> {
  const open = async () => {
    const config = loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' });
    const refnet = await createRefnet(config, { logger: pino({ level: 'silent' }), store: new EmbeddedStore(dir, { maxBytes: 256 * 1024 }) });
    const running = await startServer(refnet.app, { port: 0, host: '127.0.0.1' });
    return { url: running.url, close: async () => (await running.stop(1000), await refnet.close()) };
  };
  const first = await open();
  let acked: number[];
  try {
    acked = await fillUntilFull(first.url);
    expect(acked.length).toBeGreaterThan(3);
  } finally {
    await first.close();
  }
  const second = await open();
  try {
    await expectAll(second.url, acked);
  } finally {
    await second.close();
  }
}
