/**
 * Writes a network document as a stream: one record per line inside each collection's array,
 * buffered in large chunks and honouring back-pressure, so memory stays flat however big the
 * document is.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Collection, GeneratedRecord } from './generate-network.js';

const COLLECTIONS: readonly Collection[] = ['people', 'companies', 'groups', 'memberships', 'events', 'attendance', 'interactions', 'referrals'];
const CHUNK = 1 << 20;

/** Per-collection record counts of what was written. */
export type WriteCounts = Record<Collection, number>;

/**
 * Streams the records to `out` as a JSON network document; records must arrive in document order.
 * `onProgress` is called every `every` records.
 */
export async function writeDocument(
  records: Iterable<GeneratedRecord>,
  out: Writable,
  onProgress?: (written: number, collection: Collection) => void,
  every = 100_000,
): Promise<WriteCounts> {
  const counts = Object.fromEntries(COLLECTIONS.map((c) => [c, 0])) as WriteCounts;
  let buffer = '{';
  let current = -1;
  let written = 0;
  const flush = async () => {
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  const openUpTo = (index: number) => {
    while (current < index) {
      if (current >= 0) buffer += '\n]';
      current++;
      buffer += `${current > 0 ? ',' : ''}\n"${COLLECTIONS[current]}":[`;
    }
  };
  for (const { collection, record } of records) {
    const index = COLLECTIONS.indexOf(collection);
    if (index < current) throw new Error(`generator/json-writer: ${collection} arrived after ${COLLECTIONS[current]}`);
    const first = index > current;
    openUpTo(index);
    buffer += (first ? '\n' : ',\n') + JSON.stringify(record);
    counts[collection]++;
    written++;
    if (onProgress && written % every === 0) onProgress(written, collection);
    if (buffer.length >= CHUNK) await flush();
  }
  openUpTo(COLLECTIONS.length - 1);
  buffer += '\n]\n}\n';
  await flush();
  return counts;
}
