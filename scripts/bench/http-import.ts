/**
 * Import over HTTP as a client does it: POST /api/import with consecutive chunks of the document,
 * one request at a time. Shared by the import section and any store's section (Neo4j, scale) so
 * that every store is measured the same way.
 */
import type { NetworkDocumentInput } from '../../graph/schema.js';
import { readDocumentRecords } from '../generator/json-reader.js';
import { chunkDocument, chunkRecordStream } from './chunk-document.js';
import type { BenchContext } from './types.js';

/** How long one import request may take before the run gives up on it. */
const REQUEST_TIMEOUT_MS = 600_000;

/** The document as JSON request bodies of at most `size` records (serialized once, outside timing). */
export async function importBodies(ctx: BenchContext, size: number): Promise<string[]> {
  return chunkDocument(await ctx.document(), size).map((c) => JSON.stringify(c));
}

/**
 * A document file as JSON bodies of at most `size` records, read and serialized as they are posted
 * (never parsed whole: the 1M-person document is a gigabyte); `seen` hears each chunk first.
 */
export async function* documentFileBodies(path: string, size: number, seen?: (chunk: NetworkDocumentInput) => void): AsyncGenerator<string> {
  for await (const chunk of chunkRecordStream(readDocumentRecords(path), size)) {
    seen?.(chunk);
    yield JSON.stringify(chunk);
  }
}

/**
 * POSTs every body in order (an array, or a stream serialized as it goes); resolves with the store
 * version after the last one. Throws on any non-2xx. `onPosted` hears the count after each body.
 */
export async function postImports(
  url: string,
  bodies: Iterable<string> | AsyncIterable<string>,
  headers: Record<string, string> = {},
  onPosted?: (posted: number) => void,
): Promise<number> {
  let version = 0;
  let posted = 0;
  for await (const body of bodies) {
    const res = await fetch(`${url}/api/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`bench: POST /api/import → ${res.status}: ${text.slice(0, 500)}`);
    version = (JSON.parse(text) as { version: number }).version;
    onPosted?.(++posted);
  }
  return version;
}
