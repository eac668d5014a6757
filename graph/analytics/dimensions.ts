/**
 * Dimensions a person can be described on: the built-in fields (industry, profession, location,
 * company, title), `group` (the groups they belong to as of asOf — several values), and any key
 * of `attributes` (department, club, …). Empty strings count as no value.
 */
import type { RecordSet } from '../record-set.js';

export const FIELD_DIMENSIONS = ['industry', 'profession', 'location', 'company', 'title'] as const;
type Field = (typeof FIELD_DIMENSIONS)[number];

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
  if (dimension === 'group') return groupsOf(records, person, asOf);
  const p = records.get('person', person);
  if (!p) return [];
  const v = (FIELD_DIMENSIONS as readonly string[]).includes(dimension) ? p[dimension as Field] : p.attributes?.[dimension];
  return typeof v === 'string' && v !== '' ? [v] : [];
}

/** Every dimension present in the data: the fields, `group`, and each attribute key in use. */
export function dimensionsOf(records: RecordSet): string[] {
  const keys = new Set<string>();
  for (const p of records.maps.person.values()) for (const k of Object.keys(p.attributes ?? {})) keys.add(k);
  return [...FIELD_DIMENSIONS, 'group', ...[...keys].filter((k) => !(FIELD_DIMENSIONS as readonly string[]).includes(k) && k !== 'group').sort()];
}
