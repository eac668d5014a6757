/**
 * Reads back, as a stream, a document that json-writer.ts wrote: one record per line inside each
 * collection's array. A 10,000,000-record document is about a gigabyte, more than one JavaScript
 * string can hold, so it cannot go through readFile + JSON.parse; line by line, memory stays at
 * one record. Only the writer's layout is accepted: any other line is an error naming its number.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Collection, GeneratedRecord } from './generate-network.js';

const OPEN_COLLECTION = /^,?"([A-Za-z]+)":\[$/;
/** The document's own braces and the arrays' closing brackets (json-writer.ts's `{`, `]`, `],`, `}`). */
const STRUCTURE = new Set(['{', ']', '],', '}']);

/** Every record of the document at `path`, in file order, with its collection. */
export async function* readDocumentRecords(path: string): AsyncGenerator<GeneratedRecord> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let collection: Collection | undefined;
  let number = 0;
  for await (const raw of lines) {
    number++;
    const line = raw.trim();
    if (line === '' || STRUCTURE.has(line)) continue;
    const open = OPEN_COLLECTION.exec(line);
    if (open) {
      collection = open[1] as Collection;
      continue;
    }
    if (collection === undefined || !line.startsWith('{')) {
      throw new Error(`generator/json-reader: ${path}:${number} is not in the generator's one-record-per-line layout`);
    }
    const record: unknown = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);
    yield { collection, record } as GeneratedRecord;
  }
}
