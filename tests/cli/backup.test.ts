/**
 * `refnet backup` and `refnet restore` on the embedded store, as a user runs them (child
 * processes, real files): a backup of a running server under a stream of atomic writes is the
 * export at one version (every write acknowledged before it began, nothing half-applied); a
 * restore into a fresh directory exports byte for byte what was backed up; a restore refuses a
 * non-empty directory, a server URL and a damaged file, writing nothing.
 */
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspace } from './run-cli.js';

vi.setConfig({ testTimeout: 180_000 });

const SAMPLE = fileURLToPath(new URL('../../data/sample-network.json', import.meta.url));

type Workspace = Awaited<ReturnType<typeof workspace>>;
let ws: Workspace;

beforeAll(async () => {
  ws = await workspace();
  await copyFile(SAMPLE, join(ws.dir, 'sample.json'));
  expect((await ws.run(['import', 'sample.json', '-f', 'json'])).code).toBe(0);
});
afterAll(() => ws.cleanup());

describe('refnet backup and restore', () => {
  it('when the data directory is backed up with no server and restored into a new directory, then the export is byte-identical', async () => {
    const original = await ws.run(['export']);
    expect(original.code).toBe(0);
    const backup = await ws.run(['--json', 'backup', 'quiet.backup']);
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ store: 'embedded', counts: { people: 300, interactions: 5666, referrals: 1200, attendance: 1134 } });
    expect((await stat(join(ws.dir, 'quiet.backup'))).mode & 0o077).toBe(0);
    const restored = join(ws.dir, 'restored-quiet');
    const r = await ws.run(['--data', restored, 'restore', 'quiet.backup']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/restored 300 people/);
    const again = await ws.run(['--data', restored, 'export']);
    expect(again.stdout).toBe(original.stdout);
  });

  it('when a running server takes atomic writes while it is backed up, then the backup is the export at one version and restores byte for byte', async () => {
    const server = await ws.serve();
    let stop = false;
    let acknowledged = 0;
    const post = (i: number) =>
      fetch(`${server.url}/api/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // two people in one atomic write: a consistent backup has both or neither
        body: JSON.stringify({ people: [{ id: `w${i}-a`, name: `Writer ${i} A` }, { id: `w${i}-b`, name: `Writer ${i} B` }] }),
      });
    const stream = (async () => {
      for (let i = 0; !stop; i++) {
        const res = await post(i);
        expect(res.status).toBe(200);
        await res.arrayBuffer();
        acknowledged = i + 1;
      }
    })();
    try {
      while (acknowledged < 20) await new Promise((resolve) => setImmediate(resolve));
      const before = acknowledged;
      const run = await ws.run(['backup', 'live.backup'], { REFNET_URL: server.url });
      const during = acknowledged;
      expect(run.code, run.stderr).toBe(0);
      stop = true;
      await stream;
      expect(during).toBeGreaterThan(before); // the writes really went on meanwhile

      const backup = JSON.parse(await readFile(join(ws.dir, 'live.backup'), 'utf8'));
      const written = (backup.document.people as { id: string }[]).filter((p) => p.id.startsWith('w')).map((p) => p.id);
      // Writes were sequential, so the state at any version is the first k of them, both halves each.
      const k = written.length / 2;
      expect(Number.isInteger(k)).toBe(true);
      expect(written).toEqual(Array.from({ length: k }, (_, i) => [`w${i}-a`, `w${i}-b`]).flat());
      expect(k).toBeGreaterThanOrEqual(before);
      expect(k).toBeLessThanOrEqual(during);
      expect(backup.counts.people).toBe(300 + 2 * k);

      const restored = join(ws.dir, 'restored-live');
      expect((await ws.run(['--data', restored, 'restore', 'live.backup'])).code).toBe(0);
      const exported = await ws.run(['--data', restored, 'export']);
      expect(exported.stdout).toBe(`${JSON.stringify(backup.document, null, 2)}\n`);
    } finally {
      stop = true;
      await stream.catch(() => undefined);
      await server.stop();
    }
  });

  it('when the target directory is not empty, then restore refuses with exit code 2, a hint, and writes nothing', async () => {
    const full = join(ws.dir, 'not-empty');
    await mkdir(full);
    await writeFile(join(full, 'notes.txt'), 'keep me');
    const r = await ws.run(['--data', full, 'restore', 'quiet.backup']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not empty/);
    expect(r.stderr).toMatch(/^hint: .*--data <new directory>/m);
    expect(await readdir(full)).toEqual(['notes.txt']);
    // the live data directory itself is not empty either
    const live = await ws.run(['restore', 'quiet.backup']);
    expect(live.code).toBe(2);
    expect(live.stderr).toMatch(/not empty/);
  });

  it('when a server URL is given, or the file is cut short or edited, then restore refuses with exit code 2 and writes nothing', async () => {
    const target = join(ws.dir, 'never-written');
    const viaServer = await ws.run(['--data', target, 'restore', 'quiet.backup'], { REFNET_URL: 'http://127.0.0.1:9' });
    expect(viaServer.code).toBe(2);
    expect(viaServer.stderr).toMatch(/not through a server/);
    const text = await readFile(join(ws.dir, 'quiet.backup'), 'utf8');
    await writeFile(join(ws.dir, 'cut.backup'), text.slice(0, text.length / 2));
    const cut = await ws.run(['--data', target, 'restore', 'cut.backup']);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/not valid JSON/);
    const edited = JSON.parse(text);
    edited.document.people.pop();
    await writeFile(join(ws.dir, 'edited.backup'), JSON.stringify(edited));
    const short = await ws.run(['--data', target, 'restore', 'edited.backup']);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/people \(document.people\): the file holds 299 records but says 300/);
    await writeFile(join(ws.dir, 'export.json'), JSON.stringify(edited.document));
    const notBackup = await ws.run(['--data', target, 'restore', 'export.json']);
    expect(notBackup.code).toBe(2);
    expect(notBackup.stderr).toMatch(/not a refnet backup/);
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
