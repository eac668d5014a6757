/**
 * An .xlsx is a ZIP, and a few hundred KB of deflate can expand to gigabytes: the parts the sheet
 * reader reads are capped (XLSX_UNZIPPED_LIMIT), by the sizes the ZIP directory declares and by
 * the bytes actually inflated (a declared size can lie), with a 400 that says so in plain words.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefnet, type Refnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { startServer, type RunningServer } from '../../api/server.js';
import { ImportFormatError } from '../../graph/importers/drafts.js';
import { XLSX_UNZIPPED_LIMIT, xlsxToCsv } from '../../graph/importers/xlsx.js';
import { boundedWorkbook } from '../../graph/importers/xlsx-parts.js';
import { workbook } from './xlsx-builder.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 1024 * 1024;

/** A workbook (people: name, email) whose sheet holds one more cell of `padding` bytes. */
function paddedWorkbook(padding: number, level: 1 | 9 = 9): Uint8Array {
  const base = unzipSync(workbook(new Map([[1, ['name', 'email']], [2, ['Ann Archer', 'ann@example.org']]])));
  const sheet = new TextDecoder().decode(base['xl/worksheets/sheet1.xml']);
  const padded = sheet.replace('</sheetData>', `<row r="3"><c r="C3" t="inlineStr"><is><t>${'A'.repeat(padding)}</t></is></c></row></sheetData>`);
  return zipSync({ ...base, 'xl/worksheets/sheet1.xml': strToU8(padded) }, { level });
}

let built: Uint8Array | undefined;
/** A workbook of a few hundred KB whose sheet expands to 1 MB more than XLSX_UNZIPPED_LIMIT. */
const bomb = () => (built ??= paddedWorkbook(XLSX_UNZIPPED_LIMIT + MB, 1));

/** `zip` with every entry's declared (uncompressed) size, in the directory and local headers, set to 1. */
function lyingSizes(zip: Uint8Array): Uint8Array {
  const out = Buffer.from(zip);
  for (let at = 0; at + 4 <= out.length; at++) {
    const sig = out.readUInt32LE(at);
    if (sig === 0x04034b50) out.writeUInt32LE(1, at + 22);
    if (sig === 0x02014b50) out.writeUInt32LE(1, at + 24);
  }
  return new Uint8Array(out);
}

async function refusal(run: Promise<unknown>): Promise<ImportFormatError> {
  const err = await run.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ImportFormatError);
  return err as ImportFormatError;
}

describe('xlsx decompression cap', () => {
  it('when a workbook is within the cap, then it is read as before', async () => {
    expect(await xlsxToCsv(paddedWorkbook(1000))).toContain('Ann Archer,ann@example.org');
    expect((await boundedWorkbook(paddedWorkbook(1000), 64 * 1024)).length).toBeGreaterThan(1000);
  });

  it('when the sizes the ZIP directory declares pass the cap, then it is refused before inflating, naming the cap', async () => {
    const err = await refusal(boundedWorkbook(paddedWorkbook(3 * MB), 2 * MB));
    expect(err.message).toBe('the workbook expands to more than 2 MB when unzipped; save its first sheet as CSV (UTF-8) and import that file instead');
  });

  it('when the declared sizes lie, then the bytes counted while inflating still refuse it', async () => {
    for (const size of [70 * 1024, 300 * 1024, 5 * MB]) {
      const err = await refusal(boundedWorkbook(lyingSizes(paddedWorkbook(size)), 64 * 1024));
      expect(err.message, String(size)).toMatch(/^the workbook expands to more than \d+ MB when unzipped; /);
    }
  });

  it('when a small workbook expands past XLSX_UNZIPPED_LIMIT (declared or not), then the reader refuses it quickly', async () => {
    expect(bomb().length).toBeLessThan(MB);
    for (const bytes of [bomb(), lyingSizes(bomb())]) {
      const started = Date.now();
      const err = await refusal(xlsxToCsv(bytes));
      expect(err.message).toBe(`the workbook expands to more than ${XLSX_UNZIPPED_LIMIT / MB} MB when unzipped; save its first sheet as CSV (UTF-8) and import that file instead`);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  });

  it('when the reader fails inside, then its own message is not passed on', async () => {
    const parts = unzipSync(workbook(new Map([[1, ['name']]])));
    delete parts['xl/workbook.xml'];
    const err = await refusal(xlsxToCsv(zipSync(parts)));
    expect(err.message).toMatch(/^not a readable Excel workbook \(\.xlsx\): /);
    expect(err.message).not.toMatch(/`|Error|0x|undefined|Cannot /);
  });

  it('when a part is stored with a method Excel does not write, then it is a readable refusal', async () => {
    const zip = Buffer.from(workbook(new Map([[1, ['name']]])));
    for (let at = 0; at + 4 <= zip.length; at++) {
      if (zip.readUInt32LE(at) === 0x04034b50) zip.writeUInt16LE(12, at + 8);
      if (zip.readUInt32LE(at) === 0x02014b50) zip.writeUInt16LE(12, at + 10);
    }
    expect((await refusal(xlsxToCsv(new Uint8Array(zip)))).message).toMatch(/^not a readable Excel workbook \(\.xlsx\): /);
  });
});

describe('POST /api/import with a decompression bomb', () => {
  let dir: string;
  let refnet: Refnet;
  let server: RunningServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'refnet-xlsx-bomb-'));
    refnet = await createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' }));
    server = await startServer(refnet.app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.stop(1000);
    await refnet?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when a small .xlsx expands past the cap, then 400 saying so, and nothing is written', async () => {
    const res = await fetch(`${server.url}/api/import`, { method: 'POST', headers: { 'content-type': XLSX }, body: lyingSizes(bomb()) as RequestInit['body'] });
    const body = (await res.json()) as { detail: string };
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body.detail).toMatch(/the workbook expands to more than 100 MB when unzipped; save its first sheet as CSV/);
    const exported = (await (await fetch(`${server.url}/api/export`)).json()) as { people: unknown[] };
    expect(exported.people).toEqual([]);
  });
});
