/** Ends that lost a relationship in a write: removed at its end if no relationship needs them any more. */
import type { ManagedTransaction } from 'neo4j-driver';
import { dropPlaceholdersCypher } from './cypher-write.js';
import type { NodeLabel } from './model.js';
import { chunks, type PlaceholderCandidates } from './put-chunk.js';

export class PlaceholderSet {
  private readonly byLabel = new Map<NodeLabel, Set<string>>();

  note(label: unknown, ids: unknown): void {
    if (typeof label !== 'string' || !Array.isArray(ids) || ids.length === 0) return;
    const set = this.byLabel.get(label as NodeLabel) ?? new Set<string>();
    this.byLabel.set(label as NodeLabel, set);
    for (const id of ids) if (typeof id === 'string') set.add(id);
  }

  noteAll(candidates: PlaceholderCandidates): void {
    for (const c of candidates) this.note(c.label, c.ids);
  }

  async drop(tx: ManagedTransaction, batchSize: number): Promise<void> {
    for (const [label, ids] of this.byLabel) {
      for (const chunk of chunks([...ids], batchSize)) await tx.run(dropPlaceholdersCypher(label), { ids: chunk });
    }
  }
}
