/**
 * A person typed in a path field: an id of someone on the map, or the name of exactly one person
 * on it (any case). A name two people on the map share is refused naming both with their ids,
 * never settled by whichever the graph lists first; a name no one on the map has is passed on as
 * typed, for the server to answer (it knows people outside the view).
 */
import { nodeKey, personId, type MapGraph } from './map-graph.js';

/** At most this many namesakes are named in the refusal. */
const NAMED = 5;

export class AmbiguousPersonError extends Error {
  override readonly name = 'AmbiguousPersonError';
}

export function resolvePersonRef(graph: Pick<MapGraph, 'hasNode' | 'forEachNode'>, text: string): string {
  if (graph.hasNode(nodeKey(text))) return text;
  const lower = text.trim().toLowerCase();
  const found: { id: string; label: string }[] = [];
  graph.forEachNode((key, a) => {
    if (a.label.toLowerCase() === lower) found.push({ id: personId(key), label: a.label });
  });
  if (found.length === 0) return text;
  if (found.length === 1) return found[0]!.id;
  const named = found.slice(0, NAMED).map((p) => `${p.label} (id ${p.id})`);
  if (found.length > NAMED) named.push(`and ${found.length - NAMED} more`);
  throw new AmbiguousPersonError(`"${text.trim()}" is ambiguous: ${found.length} people on the map have that name: ${named.join('; ')}. Type the id of the one you mean.`);
}
