/**
 * The read statements: every stored record of a kind (or one by key) as {seq, props, ends}, with
 * temporals printed back to the exact strings that were written. Labels and types come from
 * model.ts; keys are parameters. Only published records are read: seq below $visible (a
 * placeholder has no seq; a staged import's records have seq at or above it, see import-marker.ts).
 */
import type { RecordKind } from '../../records.js';
import { HOSTED_BY, isNodeKind, NODE_LABELS, REL_MODELS, TEMPORAL_FIELDS } from './model.js';
import { readTemporalCypher } from './temporal.js';

function projection(kind: RecordKind, variable: string): string {
  const temporal = TEMPORAL_FIELDS[kind].map((field) => `, ${readTemporalCypher(variable, field)}`).join('');
  return `${variable} {.*${temporal}}`;
}

/** All published records of `kind` (byKey: only the one matching $key, or $from/$to for pair kinds). */
export function readRecordsCypher(kind: RecordKind, byKey = false): string {
  if (isNodeKind(kind)) {
    const label = NODE_LABELS[kind];
    const lines = [`MATCH (n:${label})`, `WHERE n.seq < $visible${byKey ? ' AND n.id = $key' : ''}`];
    if (kind === 'event') {
      lines.push(`OPTIONAL MATCH (n)-[:${HOSTED_BY}]->(g:Group)`);
      lines.push(`RETURN n.seq AS seq, ${projection(kind, 'n')} AS props, {group: g.id} AS ends`);
    } else {
      lines.push(`RETURN n.seq AS seq, ${projection(kind, 'n')} AS props, {} AS ends`);
    }
    return lines.join('\n');
  }
  const rel = REL_MODELS[kind];
  const pattern =
    byKey && rel.keyedBy === 'pair'
      ? `(a:${rel.from} {id: $from})-[r:${rel.type}]->(b:${rel.to} {id: $to})`
      : byKey
        ? `(a:${rel.from})-[r:${rel.type} {id: $key}]->(b:${rel.to})`
        : `(a:${rel.from})-[r:${rel.type}]->(b:${rel.to})`;
  return [
    `MATCH ${pattern}`,
    'WHERE r.seq < $visible',
    `RETURN r.seq AS seq, ${projection(kind, 'r')} AS props, {\`${rel.fromField}\`: a.id, \`${rel.toField}\`: b.id} AS ends`,
  ].join('\n');
}
