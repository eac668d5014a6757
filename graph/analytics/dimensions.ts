/**
 * Dimensions a person can be described on: the built-in fields (industry, profession, location,
 * company, title), `group` (the groups they belong to as of asOf — several values), and any key
 * of `attributes` (department, club, …). Empty strings count as no value.
 *
 * Naming (docs/DOMAIN.md, Dimensions): `attributes.KEY` always names the attribute KEY (all of
 * the rest, dots included), so an attribute named like a built-in field is reachable:
 * `attributes.industry` is the attribute, `industry` the field. A bare name that is neither a
 * built-in name nor starts with `attributes.` is the short spelling of that attribute
 * (`department` = `attributes.department`); it cannot be mistaken for anything else.
 */
import type { RecordSet } from '../record-set.js';

export const FIELD_DIMENSIONS = ['industry', 'profession', 'location', 'company', 'title'] as const;
type Field = (typeof FIELD_DIMENSIONS)[number];
export const ATTRIBUTE_PREFIX = 'attributes.';

/** What a dimension name refers to. */
export type Dimension = { kind: 'field'; field: Field } | { kind: 'group' } | { kind: 'attribute'; key: string };

/** The dimension a name refers to (see the naming rule above). */
export function parseDimension(name: string): Dimension {
  if (name.startsWith(ATTRIBUTE_PREFIX)) return { kind: 'attribute', key: name.slice(ATTRIBUTE_PREFIX.length) };
  if (name === 'group') return { kind: 'group' };
  if ((FIELD_DIMENSIONS as readonly string[]).includes(name)) return { kind: 'field', field: name as Field };
  return { kind: 'attribute', key: name };
}

/** The name of an attribute's dimension: the bare key when that is unambiguous, else attributes.KEY. */
export function attributeDimension(key: string): string {
  const bare = parseDimension(key);
  return bare.kind === 'attribute' && bare.key === key ? key : ATTRIBUTE_PREFIX + key;
}

/** True when a membership is current at asOf (since ≤ asOf ≤ until, open ends allowed). */
export function membershipActive(m: { since?: string; until?: string }, asOf: number): boolean {
  if (m.since && Date.parse(m.since) > asOf) return false;
  if (m.until && Date.parse(m.until) < asOf) return false;
  return true;
}

/** Group ids a person belongs to as of asOf. */
export function groupsOf(records: RecordSet, person: string, asOf: number): string[] {
  const out: string[] = [];
  for (const key of records.membershipsOf.get(person)) {
    const m = records.get('membership', key);
    if (m && membershipActive(m, asOf) && !out.includes(m.group)) out.push(m.group);
  }
  return out;
}

/** Members of a group as of asOf. */
export function membersOf(records: RecordSet, group: string, asOf: number): string[] {
  const out: string[] = [];
  for (const key of records.membersOf.get(group)) {
    const m = records.get('membership', key);
    if (m && membershipActive(m, asOf)) out.push(m.person);
  }
  return out;
}

/** A person's values on a dimension (usually zero or one; several for `group`). */
export function valuesOf(records: RecordSet, person: string, dimension: string, asOf: number): string[] {
  const d = parseDimension(dimension);
  if (d.kind === 'group') return groupsOf(records, person, asOf);
  const p = records.get('person', person);
  if (!p) return [];
  const v = d.kind === 'field' ? p[d.field] : p.attributes && Object.hasOwn(p.attributes, d.key) ? p.attributes[d.key] : undefined;
  return typeof v === 'string' && v !== '' ? [v] : [];
}

/** Every dimension present in the data: the fields, `group`, and each attribute key in use (named by attributeDimension). */
export function dimensionsOf(records: RecordSet): string[] {
  const keys = new Set<string>();
  for (const p of records.maps.person.values()) for (const k of Object.keys(p.attributes ?? {})) keys.add(k);
  return [...FIELD_DIMENSIONS, 'group', ...[...keys].sort().map(attributeDimension)];
}
