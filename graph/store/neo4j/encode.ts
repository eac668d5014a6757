/**
 * Records → statement parameters. Every value travels as a parameter; property names come from
 * the schema's fields (attribute keys stay inside one JSON string property, so a user's key can
 * never become Cypher). Optional fields that are absent are simply not stored.
 */
import type { AnyRecord, RecordKind } from '../../records.js';
import { isNodeKind, JSON_FIELDS, REL_MODELS, TEMPORAL_FIELDS } from './model.js';
import { temporalKind } from './temporal.js';

export type Row = Record<string, unknown>;

/** The parameter row for putting `record`; `i` is its position in the batch (its seq offset). */
export function encodeRow(kind: RecordKind, record: AnyRecord, i: number): Row {
  const source = record as Record<string, unknown>;
  const temporal: readonly string[] = TEMPORAL_FIELDS[kind];
  const skip = new Set<string>(temporal);
  const row: Row = { i };
  if (!isNodeKind(kind)) {
    const rel = REL_MODELS[kind];
    row.from = source[rel.fromField];
    row.to = source[rel.toField];
    skip.add(rel.fromField).add(rel.toField);
  } else if (kind === 'event') {
    row.group = source.group ?? null;
    skip.add('group');
  }
  const props: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(source)) {
    if (value === undefined || skip.has(field)) continue;
    props[field] = JSON_FIELDS.has(field) ? JSON.stringify(value) : value;
  }
  row.props = props;
  for (const field of temporal) {
    const value = source[field];
    row[field] = typeof value === 'string' ? value : null;
    row[`${field}Kind`] = typeof value === 'string' ? temporalKind(value) : null;
  }
  return row;
}
