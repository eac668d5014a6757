/**
 * One chunk of puts of one kind, in two steps: `createFresh` writes the rows new to the store with
 * the plain CREATE form (the import path: nothing read back) and hands back the rest; `putRest`
 * sends the rest (replacements, placeholders, relationships with an end to placehold) through the
 * MERGE form. A plain apply runs both in one transaction; a staged import runs the first step in
 * its staging transactions and the second in its publishing one (staged-import.ts).
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { RecordKind } from '../../records.js';
import { countCypher, createNodesCypher, createRelsCypher, existingCypher, putNodesCypher, putRelsCypher } from './cypher-write.js';
import { toNumber } from './decode.js';
import type { Row } from './encode.js';
import { isNodeKind, REL_MODELS, type NodeKind, type RelKind } from './model.js';

/** Ends of relationships that a put replaced: candidates for placeholder removal. */
export type PlaceholderCandidates = Array<{ label: unknown; ids: unknown }>;

function keysOf(kind: NodeKind | RelKind, rows: Row[]) {
  const pair = !isNodeKind(kind) && REL_MODELS[kind].keyedBy === 'pair';
  return rows.map((row) => (pair ? { i: row.i, from: row.from, to: row.to } : { i: row.i, id: (row.props as { id: unknown }).id }));
}

async function presentRows(tx: ManagedTransaction, kind: NodeKind | RelKind, rows: Row[]): Promise<Set<number>> {
  const result = await tx.run(existingCypher(kind), { keys: keysOf(kind, rows) });
  return new Set(result.records.map((r) => toNumber(r.get('i'))));
}

/**
 * Creates the rows of `rows` that are new to the store; returns the others. `allNew`: the kind was
 * empty when the write began, so the lookup of existing rows is skipped (the uniqueness
 * constraints still refuse a duplicate). `hosts: false`: events are created unlinked from their
 * groups (see createNodesCypher).
 */
export async function createFresh(
  tx: ManagedTransaction,
  kind: NodeKind | RelKind,
  rows: Row[],
  base: unknown,
  allNew: boolean,
  hosts = true,
): Promise<Row[]> {
  const existing = allNew ? new Set<number>() : await presentRows(tx, kind, rows);
  const rest = rows.filter((row) => existing.has(row.i as number));
  const fresh = rows.filter((row) => !existing.has(row.i as number));
  if (fresh.length === 0) return rest;
  if (isNodeKind(kind)) {
    await tx.run(createNodesCypher(kind, hosts), { base, rows: fresh });
    return rest;
  }
  const result = await tx.run(createRelsCypher(kind), { base, rows: fresh });
  if (toNumber(result.records[0]?.get('created') ?? 0) === fresh.length) return rest;
  // Some ends are not stored: the rows now present are the ones just created; the others need placeholders.
  const done = await presentRows(tx, kind, fresh);
  return rest.concat(fresh.filter((row) => !done.has(row.i as number)));
}

/** Puts rows through the MERGE form; returns placeholder candidates. */
export async function putRest(tx: ManagedTransaction, kind: NodeKind | RelKind, rows: Row[], base: unknown): Promise<PlaceholderCandidates> {
  if (rows.length === 0) return [];
  const statement = isNodeKind(kind) ? putNodesCypher(kind) : putRelsCypher(kind);
  const result = await tx.run<{ label: unknown; ids: unknown }>(statement, { base, rows });
  return result.records.filter((r) => r.has('label')).map((r) => ({ label: r.get('label'), ids: r.get('ids') }));
}

/**
 * The kinds among `kinds` of which the store holds nothing (not even a placeholder), from Neo4j's
 * counts store (constant time). Every put of such a kind in this batch is new: the plan holds one
 * put per key, and puts run nodes first, so nothing this batch writes earlier can be one of them.
 */
export async function emptyKinds(tx: ManagedTransaction, kinds: readonly RecordKind[]): Promise<Set<RecordKind>> {
  const empty = new Set<RecordKind>();
  for (const kind of kinds) {
    const result = await tx.run(countCypher(kind));
    if (toNumber(result.records[0]?.get('n') ?? 1) === 0) empty.add(kind);
  }
  return empty;
}

/** `items` in runs of `size`: one UNWIND statement each. */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
