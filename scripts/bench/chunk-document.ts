/**
 * Splits a network document into consecutive partial documents of at most `size` records: from a
 * parsed document (chunkDocument), or from a stream of records read off disk (chunkRecordStream)
 * for networks too big to parse at once. Both go through one DocumentChunker.
 */
import { COLLECTION_OF, RECORD_KINDS, type AnyRecord, type Change } from '../../graph/records.js';
import type { NetworkDocument, NetworkDocumentInput } from '../../graph/schema.js';
import type { GeneratedRecord } from '../generator/generate-network.js';

/** Collections in dependency order: a chunk only refers to records in itself or earlier chunks. */
export const DOCUMENT_ORDER = ['people', 'companies', 'groups', 'events', 'memberships', 'attendance', 'interactions', 'referrals'] as const;

/** Total records of every collection. */
export function countRecords(doc: NetworkDocumentInput): number {
  return DOCUMENT_ORDER.reduce((sum, c) => sum + (doc[c]?.length ?? 0), 0);
}

/**
 * Collects records, in the order they come, into chunks of at most `size` records. Records must
 * come in an order where each refers only to earlier ones (a document's dependency order, or the
 * generator's file order).
 */
export class DocumentChunker {
  private current: Record<string, unknown[]> = {};
  private filled = 0;

  constructor(private readonly size: number) {
    if (!(size >= 1)) throw new RangeError('bench/chunk-document: size must be at least 1');
  }

  /** Adds records of one collection; returns the chunks they completed. */
  add(collection: string, records: readonly unknown[]): NetworkDocumentInput[] {
    const done: NetworkDocumentInput[] = [];
    for (let start = 0; start < records.length; ) {
      const take = Math.min(this.size - this.filled, records.length - start);
      (this.current[collection] ??= []).push(...records.slice(start, start + take));
      start += take;
      this.filled += take;
      if (this.filled === this.size) done.push(this.take());
    }
    return done;
  }

  /** The last, partly filled chunk (undefined when empty). */
  flush(): NetworkDocumentInput | undefined {
    return this.filled > 0 ? this.take() : undefined;
  }

  private take(): NetworkDocumentInput {
    const chunk = this.current as NetworkDocumentInput;
    this.current = {};
    this.filled = 0;
    return chunk;
  }
}

/** Consecutive chunks in dependency order, each with at most `size` records. */
export function chunkDocument(doc: NetworkDocument, size: number): NetworkDocumentInput[] {
  const chunker = new DocumentChunker(size);
  const chunks = DOCUMENT_ORDER.flatMap((collection) => chunker.add(collection, doc[collection] as unknown[]));
  const last = chunker.flush();
  return last ? [...chunks, last] : chunks;
}

/** Chunks of at most `size` records from a stream of records (e.g. json-reader.ts reading a document off disk). */
export async function* chunkRecordStream(records: AsyncIterable<GeneratedRecord>, size: number): AsyncGenerator<NetworkDocumentInput> {
  const chunker = new DocumentChunker(size);
  for await (const { collection, record } of records) yield* chunker.add(collection, [record]);
  const last = chunker.flush();
  if (last) yield last;
}

/** Every record of a (partial) document as one batch of puts, in dependency order: what an import writes. */
export function putsOf(doc: NetworkDocumentInput): Change[] {
  const out: Change[] = [];
  for (const kind of RECORD_KINDS) {
    for (const record of (doc[COLLECTION_OF[kind]] ?? []) as AnyRecord[]) out.push({ op: 'put', kind, record } as Change);
  }
  return out;
}
