/**
 * A damaged .xlsx is refused in our words, the same over HTTP (400 problem+json) and on the CLI
 * (a message, a hint, a non-zero exit), before the sheet reader sees it (graph/importers/xlsx-parts.ts):
 * a ZIP cut short anywhere — in an entry, between entries, in its directory — is "not a complete ZIP
 * archive", not a workbook read from the entries that happen to be there; an encrypted entry says
 * so; damaged entries and directories say which. A valid ZIP written with data descriptors (sizes
 * after each entry's data, as streaming ZIP writers do) reads like any other. These pin what
 * reading the central directory gives and a streaming unzipper that walks the local headers does
 * not (it reads a truncated archive as a shorter one, finds data descriptors by scanning the
 * compressed bytes, and ignores the encryption flag).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, Zip, ZipDeflate } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRefnet, type Refnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { startServer, type RunningServer } from '../../api/server.js';
import { ImportFormatError } from '../../graph/importers/drafts.js';
import { xlsxToCsv } from '../../graph/importers/xlsx.js';
import { workspace } from '../cli/run-cli.js';
import { fixturePath } from './helpers.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CUT = 'not a readable Excel workbook (.xlsx): it is not a complete ZIP archive';
/** A real workbook: styles, shared strings, seven deflated parts. */
const members = () => new Uint8Array(readFileSync(fixturePath('xlsx/members.xlsx')));

/** Offsets of every record with this signature. */
function offsetsOf(zip: Uint8Array, signature: number): number[] {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const found: number[] = [];
  for (let at = 0; at + 4 <= b.length; at++) if (b.readUInt32LE(at) === signature) found.push(at);
  return found;
}
const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;

async function refusal(bytes: Uint8Array): Promise<string> {
  const err = await xlsxToCsv(bytes).then(
    (csv) => new Error(`read as a workbook: ${JSON.stringify(csv.slice(0, 80))}`),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportFormatError);
  const message = (err as Error).message;
  expect(message).toMatch(/^not a readable Excel workbook \(\.xlsx\): /);
  // no reader or engine words: its errors name cells and internals (`<c/> at row 1`, FORMAT_INVALID, RangeError …)
  expect(message).not.toMatch(/<|>|`|Error|0x|undefined|Cannot |INVALID|EOF/);
  return message;
}

/** The same parts as `zip`, written by a streaming writer: deflated, sizes in data descriptors after the data. */
function withDataDescriptors(zip: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  const writer = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  for (const [name, data] of Object.entries(unzipSync(zip))) {
    const file = new ZipDeflate(name, { level: 6 });
    writer.add(file);
    file.push(data, true);
  }
  writer.end();
  return new Uint8Array(Buffer.concat(chunks));
}

describe('xlsx: damaged archives', () => {
  it('when a workbook is cut short at any byte, then it is "not a complete ZIP archive", never a workbook read from what is left', async () => {
    const whole = members();
    expect(await xlsxToCsv(whole)).toContain('\n');
    const cuts = new Set<number>([...offsetsOf(whole, LOCAL), ...offsetsOf(whole, CENTRAL)].flatMap((at) => [at, at + 1, at + 20, at + 40]));
    for (let n = 1; n < whole.length; n += 7) cuts.add(n);
    for (let n = whole.length - 30; n < whole.length; n++) cuts.add(n);
    for (const n of [...cuts].filter((c) => c > 0 && c < whole.length)) {
      expect(await refusal(whole.subarray(0, n)), `cut at ${n} of ${whole.length}`).toBe(CUT);
    }
  });

  it('when an entry is flagged encrypted, then the refusal says it is password-protected', async () => {
    const zip = Buffer.from(members());
    for (const at of offsetsOf(zip, LOCAL)) zip.writeUInt16LE(zip.readUInt16LE(at + 6) | 1, at + 6);
    for (const at of offsetsOf(zip, CENTRAL)) zip.writeUInt16LE(zip.readUInt16LE(at + 8) | 1, at + 8);
    expect(await refusal(new Uint8Array(zip))).toBe('not a readable Excel workbook (.xlsx): it is encrypted (password-protected); save it again without a password');
  });

  it('when the directory or an entry header is damaged, then the refusal says which, in our words', async () => {
    const central = Buffer.from(members());
    central.writeUInt32LE(0, offsetsOf(central, CENTRAL).at(-1));
    expect(await refusal(new Uint8Array(central))).toBe('not a readable Excel workbook (.xlsx): its ZIP directory is damaged');
    const local = Buffer.from(members());
    local.writeUInt32LE(0, offsetsOf(local, LOCAL).at(-1));
    expect(await refusal(new Uint8Array(local))).toBe('not a readable Excel workbook (.xlsx): its ZIP entries are damaged');
  });

  it('when the compressed bytes of a part are garbled, then it is refused in our words, whatever the byte', async () => {
    const whole = members();
    const starts = offsetsOf(whole, LOCAL);
    let refused = 0;
    for (const [i, at] of starts.entries()) {
      const end = starts[i + 1] ?? offsetsOf(whole, CENTRAL)[0]!;
      const zip = Buffer.from(whole);
      const dataAt = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
      for (let b = dataAt; b < end; b++) zip[b] = 0xff;
      const outcome = await xlsxToCsv(new Uint8Array(zip)).then(() => 'read', (e: unknown) => e);
      // a part the reader passes over (styles) may go unnoticed; a part it needs is our refusal
      if (outcome !== 'read') {
        await refusal(new Uint8Array(zip));
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('when a valid workbook was written with data descriptors (sizes after the data), then it reads exactly as the same workbook without', async () => {
    const plain = members();
    const streamed = withDataDescriptors(plain);
    const flags = offsetsOf(streamed, LOCAL).map((at) => Buffer.from(streamed).readUInt16LE(at + 6) & 8);
    expect(flags.every((f) => f === 8)).toBe(true);
    expect(await xlsxToCsv(streamed)).toBe(await xlsxToCsv(plain));
  });
});

describe('a truncated .xlsx over HTTP and on the CLI', () => {
  let dir: string;
  let refnet: Refnet;
  let server: RunningServer;
  let ws: Awaited<ReturnType<typeof workspace>>;
  const cut = () => members().subarray(0, members().length - 40);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'refnet-xlsx-damaged-'));
    refnet = await createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' }));
    server = await startServer(refnet.app, { port: 0, host: '127.0.0.1' });
    ws = await workspace();
  });
  afterAll(async () => {
    await server?.stop(1000);
    await refnet?.close();
    await rm(dir, { recursive: true, force: true });
    await ws?.cleanup();
  });

  it('when it is posted, then 400 problem+json saying it is not a complete ZIP archive, and nothing is written', async () => {
    const res = await fetch(`${server.url}/api/import`, { method: 'POST', headers: { 'content-type': XLSX }, body: cut() as RequestInit['body'] });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { detail: string }).detail).toContain(CUT);
    const exported = (await (await fetch(`${server.url}/api/export`)).json()) as { people: unknown[] };
    expect(exported.people).toEqual([]);
  });

  it('when it is imported with the CLI, then exit non-zero with the same words and a hint, no stack trace, no data directory', async () => {
    const file = join(ws.dir, 'members.xlsx');
    await writeFile(file, cut());
    const r = await ws.run(['import', file]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(CUT);
    expect(r.stderr).toMatch(/save the sheet as \.xlsx or CSV and import it again/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(existsSync(join(ws.dir, 'data'))).toBe(false);
  });
});
