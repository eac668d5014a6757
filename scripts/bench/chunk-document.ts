/** Splits a network document into consecutive partial documents of at most `size` records. */
import type { NetworkDocument, NetworkDocumentInput } from '../../graph/schema.js';

/** Collections in dependency order: a chunk only refers to records in itself or earlier chunks. */
export const DOCUMENT_ORDER = ['people', 'companies', 'groups', 'events', 'memberships', 'attendance', 'interactions', 'referrals'] as const;

/** Total records of every collection. */
export function countRecords(doc: NetworkDocumentInput): number {
  return DOCUMENT_ORDER.reduce((sum, c) => sum + (doc[c]?.length ?? 0), 0);
}

/** Consecutive chunks in dependency order, each with at most `size` records. */
export function chunkDocument(doc: NetworkDocument, size: number): NetworkDocumentInput[] {
  const chunks: NetworkDocumentInput[] = [];
  let current: NetworkDocumentInput = {};
  let filled = 0;
  for (const collection of DOCUMENT_ORDER) {
    const all = doc[collection] as unknown[];
    for (let start = 0; start < all.length; ) {
      const take = Math.min(size - filled, all.length - start);
      (current as Record<string, unknown[]>)[collection] = all.slice(start, start + take);
      start += take;
      filled += take;
      if (filled === size) {
        chunks.push(current);
        current = {};
        filled = 0;
      }
    }
  }
  if (filled > 0) chunks.push(current);
  return chunks;
}
