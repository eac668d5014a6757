/**
 * `refnet import --progress` through a server (REFNET_URL): the work happens on the server, so the
 * bar shows the bytes of the file sent, of the total (it showed nothing at all).
 */
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { byteSize } from '../../scripts/cli/progress.js';
import { workspace } from './run-cli.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

let ws: Awaited<ReturnType<typeof workspace>>;
let server: Awaited<ReturnType<Awaited<ReturnType<typeof workspace>>['serve']>>;
beforeAll(async () => {
  ws = await workspace();
  server = await ws.serve();
});
afterAll(async () => {
  await server?.stop();
  await ws?.cleanup();
});

describe('import progress through a server', () => {
  it('when --progress is given, then stderr shows the bytes sent of the file size, and the import is done', async () => {
    // Several upload chunks' worth of rows.
    const rows = Array.from({ length: 3000 }, (_, i) => `Person ${i},person${i}@example.org,Company ${i % 50},Engineer`);
    const file = join(ws.dir, 'members.csv');
    await writeFile(file, `name,email,company,profession\n${rows.join('\n')}\n`);
    const size = (await stat(file)).size;
    const r = await ws.run(['import', file, '-f', 'people', '--progress', '--json'], { REFNET_URL: server.url });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: { read: 3000, imported: 3000 } });
    expect(r.stderr).toContain(`${byteSize(size)} of ${byteSize(size)} sent`);
    expect(r.stderr).toMatch(/100%/);
  });

  it('when a network document is imported with --progress, then its upload shows too', async () => {
    const file = join(ws.dir, 'doc.json');
    await writeFile(file, JSON.stringify({ people: [{ id: 'zz1', name: 'Zed Zulu' }] }));
    const size = (await stat(file)).size;
    const r = await ws.run(['import', file, '--progress'], { REFNET_URL: server.url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${byteSize(size)} of ${byteSize(size)} sent`);
  });

  it('when stderr is not a terminal and --progress is not given, then no bar is printed', async () => {
    const file = join(ws.dir, 'one.csv');
    await writeFile(file, 'name,email\nOlga One,olga@example.org\n');
    const r = await ws.run(['import', file, '-f', 'people'], { REFNET_URL: server.url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/sent/);
  });
});

describe('byteSize', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [123_456, '123 kB'],
    [4_500_000, '4.5 MB'],
  ])('%d bytes read %s', (n, text) => expect(byteSize(n)).toBe(text));
});
