/**
 * A large import, staged: its new records are written in many committed transactions, hidden from
 * readers, then published in one small transaction. One 1.2M-record transaction spends as long in
 * its commit as in all its statements (Neo4j turns the whole transaction state into store commands
 * at once), so it cannot be fast; committed batches can. What keeps it atomic (the marker on the
 * state node, hidden seq ranges, the lease on an abandoned import) is import-marker.ts.
 *
 * The steps: begin (marker + hidden seq range), the new records in committed chunks, then one
 * publishing transaction with the rest (replacements, placeholders, events' hosts), the version
 * and the change log. Any failure discards what was staged.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Change } from '../../records.js';
import type { ApplyPlan } from './apply-plan.js';
import { appendChanges, committedVersion, type ChangeLogLimits } from './change-log.js';
import { linkHostsCypher } from './cypher-write.js';
import { encodeRow, type Row } from './encode.js';
import { beginImport, holdImport, publishImport } from './import-marker.js';
import type { NodeKind, RelKind } from './model.js';
import { PlaceholderSet } from './placeholder-set.js';
import { chunks, createFresh, emptyKinds, putRest } from './put-chunk.js';

/** What a staged import needs from the store: its transactions and settings. */
export interface StagedImportContext {
  /** Runs one write transaction (managed: the driver retries transient failures). */
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  /** As `write`, but first waits out (or discards, once abandoned) another instance's import. */
  writeAfterImports<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  /** Removes what import `batch` staged, now (discardImport). */
  discard(batch: string): Promise<unknown>;
  /** Rows per UNWIND statement. */
  batchSize: number;
  leaseMs: number;
  limits: ChangeLogLimits;
  /** Staged chunks written at once, each in its own transaction and session (at least 1). */
  parallelism: number;
  /** Called after each staged chunk commits. */
  onProgress?: (staged: number, total: number) => void | Promise<void>;
}

/** Applies `changes` (only puts, planned as `plan`) as import `batch`, staged; resolves with the new version. */
export async function applyStaged(ctx: StagedImportContext, changes: Change[], plan: ApplyPlan, batch: string): Promise<number> {
  const { base, empty } = await ctx.writeAfterImports(async (tx) => {
    const reserved = await beginImport(tx, batch, changes.length, ctx.leaseMs);
    return { base: reserved, empty: await emptyKinds(tx, plan.puts.map((p) => p.kind)) };
  });
  const deferred: Array<{ kind: NodeKind | RelKind; rows: Row[] }> = [];
  // Staged events with a hosting group: linked when publishing (linking may create a placeholder group).
  const hostless: Row[] = [];
  // Chunks of one kind are written `parallelism` at a time, each in its own session: the server runs
  // them on its cores while the client encodes the next. Each takes the state lock only at its end
  // (holdImport just before commit), so they meet only there.
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const settle = async (limit: number) => {
    while (inFlight.size > limit) await Promise.race(inFlight);
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a chunk's own error, rethrown unchanged
    if (failure !== undefined) throw failure;
  };
  try {
    let staged = 0;
    for (const { kind, rows } of plan.puts) {
      for (const chunk of chunks(rows, ctx.batchSize)) {
        const encoded = chunk.map((p) => encodeRow(kind, p.record, p.index));
        const write = ctx
          .write(async (tx) => {
            const rest = await createFresh(tx, kind, encoded, base, empty.has(kind), false);
            await holdImport(tx, batch);
            return rest;
          })
          .then(
            async (rest) => {
              if (rest.length > 0) deferred.push({ kind, rows: rest });
              if (kind === 'event') {
                const deferredRows = new Set(rest);
                hostless.push(...encoded.filter((row) => row.group !== null && !deferredRows.has(row)));
              }
              staged += chunk.length;
              await ctx.onProgress?.(staged, changes.length);
            },
            (err: unknown) => {
              failure ??= err;
            },
          );
        const tracked: Promise<void> = write.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        await settle(ctx.parallelism - 1);
      }
      // A kind's records are all staged before the next kind's (relationships find their ends).
      await settle(0);
    }
    return await ctx.write(async (tx) => {
      const already = await committedVersion(tx, batch);
      if (already !== undefined) return already;
      await holdImport(tx, batch);
      const version = await publishImport(tx);
      for (const rows of chunks(hostless, ctx.batchSize)) await tx.run(linkHostsCypher(), { rows });
      const placeholders = new PlaceholderSet();
      for (const { kind, rows } of deferred) placeholders.noteAll(await putRest(tx, kind, rows, base));
      await placeholders.drop(tx, ctx.batchSize);
      await appendChanges(tx, version, batch, changes, ctx.limits);
      return version;
    });
  } catch (err) {
    await Promise.allSettled(inFlight);
    // Nothing of it is visible; remove it now if the server answers (else the lease hands it to the next writer).
    await ctx.discard(batch).catch(() => undefined);
    throw err;
  }
}
