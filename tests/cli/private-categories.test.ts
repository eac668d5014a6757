/**
 * The CLI's diversity gap table through a server, with a `read` key (withheld from members'
 * private contacts) and an `admin` key: a category only private contacts hold is counted but not
 * named to the read key, and the table says so in words, below the gaps it names.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleWorkspace } from './run-cli.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const linkedinCsv = [
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Zelda,Privatova,https://www.linkedin.com/in/zelda-privatova,zelda.privatova@hidden.example,Umbra Holdings,Chief Secret Officer,01 Dec 2025',
  'Quentin,Occulto,https://www.linkedin.com/in/quentin-occulto,quentin@hidden.example,Umbra Holdings,Archivist,02 Dec 2025',
].join('\n');

let ws: Awaited<ReturnType<typeof sampleWorkspace>>;
let server: Awaited<ReturnType<typeof ws.serve>>;
let keys: { read: string; admin: string };

beforeAll(async () => {
  ws = await sampleWorkspace();
  const csv = join(ws.dir, 'Connections.csv');
  await writeFile(csv, linkedinCsv);
  const imported = await ws.run(['import', csv, '-f', 'linkedin', '--owner', 'p001']);
  expect(imported.code, imported.stderr).toBe(0);
  const key = async (scope: string) => JSON.parse((await ws.run(['--json', 'keys', 'create', '--name', scope, '--scope', scope])).stdout).token as string;
  keys = { read: await key('read'), admin: await key('admin') };
  server = await ws.serve();
});
afterAll(async () => {
  await server?.stop();
  await ws?.cleanup();
});

describe('refnet report diversity-gap for a key withheld from private contacts', () => {
  it("when the read key asks about the owner's ties, then the titles only her private contacts hold are not named and a line counts them; the admin key reads them", async () => {
    const args = ['report', 'diversity-gap', '--person', 'p001', '-d', 'title'];
    const read = await ws.run(args, { REFNET_URL: server.url, REFNET_API_KEY: keys.read });
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).not.toMatch(/Chief Secret Officer|Archivist/);
    expect(read.stdout).toMatch(/^Not named: categories only other members' private contacts hold \(2 private contacts, \d+\.\d% of the ties; 0\.7% of the network\)\.$/m);
    const admin = await ws.run(['--json', ...args], { REFNET_URL: server.url, REFNET_API_KEY: keys.admin });
    expect(admin.code, admin.stderr).toBe(0);
    const body = JSON.parse(admin.stdout) as { shares: { category: string }[]; unnamed?: unknown };
    expect(body.shares.map((s) => s.category)).toEqual(expect.arrayContaining(['Chief Secret Officer', 'Archivist']));
    expect(body).not.toHaveProperty('unnamed');
    expect((await ws.run(args, { REFNET_URL: server.url, REFNET_API_KEY: keys.admin })).stdout).not.toMatch(/^Not named/m);
  });
});
