import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateNetwork, type GeneratedRecord } from '../../scripts/generator/generate-network.js';
import { readDocumentRecords } from '../../scripts/generator/json-reader.js';
import { writeDocument } from '../../scripts/generator/json-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'refnet-json-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

async function written(records: Iterable<GeneratedRecord>): Promise<string> {
  const file = join(dir, `doc-${files++}.json`);
  const out = createWriteStream(file);
  await writeDocument(records, out);
  out.end();
  await finished(out);
  return file;
}

async function readAll(file: string): Promise<GeneratedRecord[]> {
  const out: GeneratedRecord[] = [];
  for await (const r of readDocumentRecords(file)) out.push(r);
  return out;
}

const ORDER = ['people', 'companies', 'groups', 'memberships', 'events', 'attendance', 'interactions', 'referrals'] as const;

describe('generator/json-reader', () => {
  it('when a generated document is read back, then every record comes back in file order with its collection', async () => {
    const options = { people: 150, records: 1500, seed: 3 };
    const file = await written(generateNetwork(options));
    expect(await readAll(file)).toEqual([...generateNetwork(options)]);
  });

  it('when records hold any strings (newlines, brackets, quotes, non-ASCII), then writing and reading is the identity', async () => {
    const record = fc.record({ id: fc.string(), name: fc.string({ unit: 'binary' }), note: fc.constantFrom('],', '"people":[', '{', '\n]\n}', 'ü ✓ 𝄞') });
    const stream = fc.array(fc.tuple(fc.constantFrom(...ORDER), record), { maxLength: 40 }).map((items) =>
      items
        .sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b))
        .map(([collection, r]) => ({ collection, record: r }) as unknown as GeneratedRecord),
    );
    await fc.assert(
      fc.asyncProperty(stream, async (records) => {
        expect(await readAll(await written(records))).toEqual(records);
      }),
      { numRuns: 60 },
    );
  });

  it('when a document is not in the writer\'s one-record-per-line layout, then the error names the line', async () => {
    const file = join(dir, 'pretty.json');
    writeFileSync(file, JSON.stringify({ people: [{ id: 'p1', name: 'A' }] }, null, 2));
    await expect(readAll(file)).rejects.toThrow(/pretty\.json:2 is not in the generator's one-record-per-line layout/);
  });
});
