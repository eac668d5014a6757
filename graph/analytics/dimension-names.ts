/**
 * How a dimension is named (docs/DOMAIN.md, Dimensions), apart from the data (dimensions.ts) so
 * the pages (viz/) read a name by the API's own rule: `attributes.KEY` always names the attribute
 * KEY (all of the rest, dots included), so an attribute named like a built-in field is reachable:
 * `attributes.industry` is the attribute, `industry` the field. A bare name that is neither a
 * built-in name nor starts with `attributes.` is the short spelling of that attribute
 * (`department` = `attributes.department`); it cannot be mistaken for anything else.
 */
export const FIELD_DIMENSIONS = ['industry', 'profession', 'location', 'company', 'title'] as const;
export type Field = (typeof FIELD_DIMENSIONS)[number];
export const ATTRIBUTE_PREFIX = 'attributes.';

/** What a dimension name refers to. */
export type Dimension = { kind: 'field'; field: Field } | { kind: 'group' } | { kind: 'attribute'; key: string };

/** The dimension a name refers to (the naming rule above). */
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

