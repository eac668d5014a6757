/**
 * The write statements, one per kind and operation, each taking a batch through UNWIND. Labels
 * and types come from model.ts only; every value is a parameter ($rows, $keys, $base).
 *
 * Deletes return the ids of ends that lost a relationship, so placeholders (nodes without seq)
 * left with no relationship can be removed at the end of the transaction.
 */
import {
  HOSTED_BY,
  NODE_LABELS,
  REL_MODELS,
  TEMPORAL_FIELDS,
  type NodeKind,
  type NodeLabel,
  type RelKind,
} from './model.js';
import { setTemporalCypher } from './temporal.js';

/** `seq` of a record new to the store: the batch base plus its position in the batch. */
const NEW_SEQ = '$base + toInteger(row.i)';

function temporalSets(kind: NodeKind | RelKind, variable: string): string {
  return TEMPORAL_FIELDS[kind].map((field) => setTemporalCypher(variable, field)).join('\n');
}

/** Put of entity records: merge by id (a placeholder becomes the record), keep an existing seq. */
export function putNodesCypher(kind: NodeKind): string {
  const label = NODE_LABELS[kind];
  const lines = [
    'UNWIND $rows AS row',
    `MERGE (n:${label} {id: row.props.id})`,
    `WITH n, row, coalesce(n.seq, ${NEW_SEQ}) AS seq`,
    'SET n = row.props',
    'SET n.seq = seq',
    temporalSets(kind, 'n'),
  ];
  if (kind === 'event') {
    // The hosting group is a relationship: replace it, reporting the previous group as a candidate placeholder.
    lines.push(
      'WITH n, row',
      `OPTIONAL MATCH (n)-[h:${HOSTED_BY}]->(old:Group)`,
      'DELETE h',
      'WITH n, row, collect(old.id) AS previous',
      'CALL (n, row) {',
      '  WITH n, row WHERE row.group IS NOT NULL',
      '  MERGE (g:Group {id: row.group})',
      `  CREATE (n)-[:${HOSTED_BY}]->(g)`,
      '}',
      'UNWIND previous AS id',
      "RETURN 'Group' AS label, collect(DISTINCT id) AS ids",
    );
  }
  return lines.filter(Boolean).join('\n');
}

/** Delete of entity records; a node that still has relationships stays as a bare placeholder. */
export function deleteNodesCypher(kind: NodeKind): string {
  const label = NODE_LABELS[kind];
  const lines = ['UNWIND $keys AS key', `MATCH (n:${label} {id: key})`, 'WHERE n.seq IS NOT NULL'];
  if (kind === 'event') {
    lines.push(`OPTIONAL MATCH (n)-[h:${HOSTED_BY}]->(g:Group)`, 'DELETE h', 'WITH n, key, collect(g.id) AS groups');
  } else {
    lines.push('WITH n, key, [] AS groups');
  }
  lines.push(
    'SET n = {id: key}',
    'WITH n, groups, EXISTS { (n)--() } AS referenced',
    'CALL (n, referenced) {',
    '  WITH n WHERE NOT referenced',
    '  DELETE n',
    '}',
    'UNWIND groups AS id',
    "RETURN 'Group' AS label, collect(DISTINCT id) AS ids",
  );
  return lines.join('\n');
}

/** Put of relationship records; ends missing from the store are merged as placeholders. */
export function putRelsCypher(kind: RelKind): string {
  const rel = REL_MODELS[kind];
  if (rel.keyedBy === 'pair') {
    return [
      'UNWIND $rows AS row',
      `MERGE (a:${rel.from} {id: row.from})`,
      `MERGE (b:${rel.to} {id: row.to})`,
      `MERGE (a)-[r:${rel.type}]->(b)`,
      `WITH r, row, coalesce(r.seq, ${NEW_SEQ}) AS seq`,
      'SET r = row.props',
      'SET r.seq = seq',
      temporalSets(kind, 'r'),
    ]
      .filter(Boolean)
      .join('\n');
  }
  // Keyed by id: the ends may change, and a relationship cannot be re-pointed, so replace it.
  return [
    'UNWIND $rows AS row',
    `OPTIONAL MATCH (oa)-[old:${rel.type} {id: row.props.id}]->(ob)`,
    'WITH row, old, oa.id AS oldFrom, ob.id AS oldTo, old.seq AS oldSeq',
    'DELETE old',
    'WITH row, oldFrom, oldTo, oldSeq',
    `MERGE (a:${rel.from} {id: row.from})`,
    `MERGE (b:${rel.to} {id: row.to})`,
    `CREATE (a)-[r:${rel.type}]->(b)`,
    'SET r = row.props',
    `SET r.seq = coalesce(oldSeq, ${NEW_SEQ})`,
    temporalSets(kind, 'r'),
    'WITH oldFrom, oldTo WHERE oldFrom IS NOT NULL',
    `RETURN '${rel.from}' AS label, collect(DISTINCT oldFrom) + collect(DISTINCT oldTo) AS ids`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Delete of relationship records by key: `$keys` holds ids, or [from, to] pairs. */
export function deleteRelsCypher(kind: RelKind): string {
  const rel = REL_MODELS[kind];
  const match =
    rel.keyedBy === 'pair'
      ? ['UNWIND $keys AS key', `MATCH (a:${rel.from} {id: key[0]})-[r:${rel.type}]->(b:${rel.to} {id: key[1]})`]
      : ['UNWIND $keys AS key', `MATCH (a:${rel.from})-[r:${rel.type} {id: key}]->(b:${rel.to})`];
  return [
    ...match,
    'DELETE r',
    `RETURN '${rel.from}' AS fromLabel, collect(DISTINCT a.id) AS fromIds, '${rel.to}' AS toLabel, collect(DISTINCT b.id) AS toIds`,
  ].join('\n');
}

/** Removes placeholders among `$ids` that no relationship needs any more. */
export function dropPlaceholdersCypher(label: NodeLabel): string {
  return ['UNWIND $ids AS id', `MATCH (n:${label} {id: id})`, 'WHERE n.seq IS NULL AND NOT EXISTS { (n)--() }', 'DELETE n'].join(
    '\n',
  );
}

export const ALL_LABELS: readonly NodeLabel[] = Object.values(NODE_LABELS);
