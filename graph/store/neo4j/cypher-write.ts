/**
 * The write statements, one per kind and operation, each taking a batch through UNWIND. Labels
 * and types come from model.ts only; every value is a parameter ($rows, $keys, $base).
 *
 * Puts come in two forms: `create` for records the store does not hold yet (the import path:
 * plain CREATE, nothing read back), and `put` for the rest (MERGE, keeping an existing seq,
 * replacing relationships whose ends moved). `existing` tells which rows need the second form.
 * Deletes return the ids of ends that lost a relationship, so placeholders (nodes without seq)
 * left with no relationship can be removed at the end of the transaction.
 */
import {
  FIELDS,
  HOSTED_BY,
  NODE_LABELS,
  REL_MODELS,
  TEMPORAL_FIELDS,
  type NodeKind,
  type NodeLabel,
  type RelKind,
} from './model.js';
import { setTemporalCypher, temporalValuesCypher } from './temporal.js';

/** `seq` of a record new to the store: the batch base plus its position in the batch. */
const NEW_SEQ = '$base + toInteger(row.i)';

const join = (lines: string[]) => lines.filter(Boolean).join('\n');

/** Positions (`i`) of the rows in $keys ({i, id} or {i, from, to}) whose record is already stored or placeheld. */
export function existingCypher(kind: NodeKind | RelKind): string {
  if (kind in NODE_LABELS) {
    return `UNWIND $keys AS k MATCH (:${NODE_LABELS[kind as NodeKind]} {id: k.id}) RETURN k.i AS i`;
  }
  const rel = REL_MODELS[kind as RelKind];
  return rel.keyedBy === 'pair'
    ? `UNWIND $keys AS k MATCH (:${rel.from} {id: k.from})-[:${rel.type}]->(:${rel.to} {id: k.to}) RETURN k.i AS i`
    : `UNWIND $keys AS k MATCH ()-[:${rel.type} {id: k.id}]->() RETURN k.i AS i`;
}

/** How many nodes (placeholders included) or relationships of `kind` are stored, as `n` (answered from the counts store). */
export function countCypher(kind: NodeKind | RelKind): string {
  return kind in NODE_LABELS
    ? `MATCH (n:${NODE_LABELS[kind as NodeKind]}) RETURN count(n) AS n`
    : `MATCH ()-[r:${REL_MODELS[kind as RelKind].type}]->() RETURN count(r) AS n`;
}

/**
 * The property map of a new record as a Cypher map literal: property names from the schema's
 * fields (model.ts), values from `row`. One literal map instead of `SET n = row.props`: a SET
 * from a map could write any property, which makes the planner buffer the whole batch (Eager).
 * Absent fields are null and so not stored.
 */
function createMapCypher(kind: NodeKind | RelKind): string {
  const temporal: readonly string[] = TEMPORAL_FIELDS[kind];
  const ends: readonly string[] =
    kind in NODE_LABELS
      ? kind === 'event'
        ? ['group']
        : []
      : [REL_MODELS[kind as RelKind].fromField, REL_MODELS[kind as RelKind].toField];
  const entries: string[] = [];
  for (const field of FIELDS[kind] as readonly string[]) {
    if (ends.includes(field)) continue;
    if (temporal.includes(field)) {
      entries.push(`\`${field}\`: v_${field}`);
      entries.push(`\`${field}Text\`: CASE WHEN row.${field} IS NULL OR toString(v_${field}) = row.${field} THEN null ELSE row.${field} END`);
    } else {
      entries.push(`\`${field}\`: row.props.\`${field}\``);
    }
  }
  entries.push(`seq: ${NEW_SEQ}`);
  return `{${entries.join(', ')}}`;
}

/**
 * Creates entity records known to be new. `hosts: false` leaves events unlinked from their groups
 * (a staged import links them when it publishes, see linkHostsCypher: linking may create a
 * placeholder group, which must not exist before the import is visible).
 */
export function createNodesCypher(kind: NodeKind, hosts = true): string {
  return join([
    'UNWIND $rows AS row',
    temporalValuesCypher(TEMPORAL_FIELDS[kind]),
    `CREATE (n:${NODE_LABELS[kind]} ${createMapCypher(kind)})`,
    kind === 'event' && hosts ? `WITH n, row\n${hostCypher()}` : '',
  ]);
}

/** Links events created without their hosting group (`$rows`: their put rows) to it. */
export function linkHostsCypher(): string {
  return join(['UNWIND $rows AS row', `MATCH (n:${NODE_LABELS.event} {id: row.props.id})`, hostCypher()]);
}

/**
 * Creates relationship records known to be new whose ends both exist; answers how many it
 * created, so the caller can send the others (an end to placehold) through the put form.
 */
export function createRelsCypher(kind: RelKind): string {
  const rel = REL_MODELS[kind];
  return join([
    'UNWIND $rows AS row',
    `MATCH (a:${rel.from} {id: row.from})`,
    `MATCH (b:${rel.to} {id: row.to})`,
    temporalValuesCypher(TEMPORAL_FIELDS[kind]),
    `CREATE (a)-[r:${rel.type} ${createMapCypher(kind)}]->(b)`,
    'RETURN count(r) AS created',
  ]);
}

/** Put of entity records: merge by id (a placeholder becomes the record), keep an existing seq. */
export function putNodesCypher(kind: NodeKind): string {
  const fields = TEMPORAL_FIELDS[kind];
  const lines = [
    'UNWIND $rows AS row',
    `MERGE (n:${NODE_LABELS[kind]} {id: row.props.id})`,
    `WITH n, row, coalesce(n.seq, ${NEW_SEQ}) AS seq`,
    temporalValuesCypher(fields),
    'SET n = row.props',
    'SET n.seq = seq',
    setTemporalCypher('n', fields),
  ];
  if (kind === 'event') {
    // The hosting group is a relationship: replace it, reporting the previous group as a candidate placeholder.
    lines.push(
      'WITH n, row',
      `OPTIONAL MATCH (n)-[h:${HOSTED_BY}]->(old:Group)`,
      'DELETE h',
      'WITH n, row, collect(old.id) AS previous',
      hostCypher(),
      'UNWIND previous AS id',
      "RETURN 'Group' AS label, collect(DISTINCT id) AS ids",
    );
  }
  return join(lines);
}

/** Links event `n` to its hosting group `row.group` (a placeholder if the group is not stored). */
function hostCypher(): string {
  return join([
    'CALL (n, row) {',
    '  WITH n, row WHERE row.group IS NOT NULL',
    '  MERGE (g:Group {id: row.group})',
    `  CREATE (n)-[:${HOSTED_BY}]->(g)`,
    '}',
  ]);
}

/** Delete of entity records; a node that still has relationships stays as a bare placeholder. */
export function deleteNodesCypher(kind: NodeKind): string {
  const lines = ['UNWIND $keys AS key', `MATCH (n:${NODE_LABELS[kind]} {id: key})`, 'WHERE n.seq IS NOT NULL'];
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
  return join(lines);
}

/** Put of relationship records; ends missing from the store are merged as placeholders. */
export function putRelsCypher(kind: RelKind): string {
  const rel = REL_MODELS[kind];
  const fields = TEMPORAL_FIELDS[kind];
  if (rel.keyedBy === 'pair') {
    return join([
      'UNWIND $rows AS row',
      `MERGE (a:${rel.from} {id: row.from})`,
      `MERGE (b:${rel.to} {id: row.to})`,
      `MERGE (a)-[r:${rel.type}]->(b)`,
      `WITH r, row, coalesce(r.seq, ${NEW_SEQ}) AS seq`,
      temporalValuesCypher(fields),
      'SET r = row.props',
      'SET r.seq = seq',
      setTemporalCypher('r', fields),
    ]);
  }
  // Keyed by id: the ends may change, and a relationship cannot be re-pointed, so replace it.
  return join([
    'UNWIND $rows AS row',
    `OPTIONAL MATCH (oa)-[old:${rel.type} {id: row.props.id}]->(ob)`,
    'WITH row, old, oa.id AS oldFrom, ob.id AS oldTo, old.seq AS oldSeq',
    'DELETE old',
    'WITH row, oldFrom, oldTo, oldSeq',
    temporalValuesCypher(fields),
    `MERGE (a:${rel.from} {id: row.from})`,
    `MERGE (b:${rel.to} {id: row.to})`,
    `CREATE (a)-[r:${rel.type}]->(b)`,
    'SET r = row.props',
    `SET r.seq = coalesce(oldSeq, ${NEW_SEQ})`,
    setTemporalCypher('r', fields),
    'WITH oldFrom, oldTo WHERE oldFrom IS NOT NULL',
    `RETURN '${rel.from}' AS label, collect(DISTINCT oldFrom) + collect(DISTINCT oldTo) AS ids`,
  ]);
}

/** Delete of relationship records by key: `$keys` holds ids, or [from, to] pairs. */
export function deleteRelsCypher(kind: RelKind): string {
  const rel = REL_MODELS[kind];
  const match =
    rel.keyedBy === 'pair'
      ? ['UNWIND $keys AS key', `MATCH (a:${rel.from} {id: key[0]})-[r:${rel.type}]->(b:${rel.to} {id: key[1]})`]
      : ['UNWIND $keys AS key', `MATCH (a:${rel.from})-[r:${rel.type} {id: key}]->(b:${rel.to})`];
  return join([
    ...match,
    'DELETE r',
    `RETURN '${rel.from}' AS fromLabel, collect(DISTINCT a.id) AS fromIds, '${rel.to}' AS toLabel, collect(DISTINCT b.id) AS toIds`,
  ]);
}

/** Removes placeholders among `$ids` that no relationship needs any more. */
export function dropPlaceholdersCypher(label: NodeLabel): string {
  return join(['UNWIND $ids AS id', `MATCH (n:${label} {id: id})`, 'WHERE n.seq IS NULL AND NOT EXISTS { (n)--() }', 'DELETE n']);
}
