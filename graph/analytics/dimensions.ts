/**
 * Dimensions a person can be described on: the built-in fields (industry, profession, location,
 * company, title), `group` (the groups they belong to as of asOf — several values), and any key
 * of `attributes` (department, club, …). Empty strings count as no value.
 *
 * Naming (docs/DOMAIN.md, Dimensions; dimension-names.ts, re-exported here): `attributes.KEY`
 * always names the attribute KEY, `industry` the field; a bare name that is no built-in name is
 * the short spelling of that attribute.
 */
import { endOf } from './time.js';
import { FIELD_DIMENSIONS, parseDimension, attributeDimension, type Dimension } from './dimension-names.js';
import type { RecordSet } from '../record-set.js';
import type { Sees } from './context.js';
import type { UnknownValue } from '../service/errors.js';
import { closestMatches, foldCategory } from '../service/text-match.js';
import { compareIds } from '../support/id-order.js';
import { ownerMemo, through } from '../support/memo.js';
import { CategoryHolders, type Holders } from './category-holders.js';

export { ATTRIBUTE_PREFIX, attributeDimension, FIELD_DIMENSIONS, parseDimension, type Dimension } from './dimension-names.js';

/** True when a membership is current at asOf (since ≤ asOf ≤ until, open ends allowed). */
export function membershipActive(m: { since?: string; until?: string }, asOf: number): boolean {
  const [from, to] = membershipSpan(m);
  return from <= asOf && asOf <= to;
}

/**
 * The instants a membership is current from and to (an open end: −∞ or +∞), through the whole of
 * its last day: a member until 31 May is one on 31 May.
 */
export function membershipSpan(m: { since?: string; until?: string }): [from: number, to: number] {
  return [m.since ? Date.parse(m.since) : -Infinity, m.until ? endOf(m.until) : Infinity];
}

/**
 * Group ids a person belongs to as of asOf, in id order: the index lists them in the
 * order their memberships were written, which a replaced membership changes, and the same
 * records must give the same answer whatever their history.
 */
export function groupsOf(records: RecordSet, person: string, asOf: number): string[] {
  const out: string[] = [];
  for (const key of records.membershipsOf.get(person)) {
    const m = records.get('membership', key);
    if (m && membershipActive(m, asOf) && !out.includes(m.group)) out.push(m.group);
  }
  return out.sort(compareIds);
}

/** Members of a group as of asOf, in id order (as groupsOf). */
export function membersOf(records: RecordSet, group: string, asOf: number): string[] {
  const out: string[] = [];
  for (const key of records.membersOf.get(group)) {
    const m = records.get('membership', key);
    if (m && membershipActive(m, asOf)) out.push(m.person);
  }
  return out.sort(compareIds);
}


/** A person's values on a dimension (usually zero or one; several for `group`). */
export function valuesOf(records: RecordSet, person: string, dimension: string, asOf: number): string[] {
  const d = parseDimension(dimension);
  if (d.kind === 'group') return groupsOf(records, person, asOf);
  const v = valueOf(records, person, d);
  return v === undefined ? [] : [v];
}

/** A person's one value on a field or an attribute key (undefined: none), the dimension parsed once by the caller. */
export function valueOf(records: RecordSet, person: string, d: Exclude<Dimension, { kind: 'group' }>): string | undefined {
  const p = records.get('person', person);
  if (!p) return undefined;
  const v = d.kind === 'field' ? p[d.field] : p.attributes && Object.hasOwn(p.attributes, d.key) ? p.attributes[d.key] : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The one rule for which attribute keys are diversity dimensions: their values are category
 * labels, i.e. short one-line text that is not a URL, an email address, a phone number, a date or
 * a number, and that repeats (fewer distinct values than people holding one, so at least two
 * people share a category). LinkedIn URLs, phone numbers, notes and connection dates fail it.
 */
const LABEL_MAX = 60;
const NOT_A_LABEL = [
  /^[a-z][a-z0-9+.-]*:\/\//i, // URL
  /^www\./i,
  /@/, // email
  /^\+?[\d\s()./-]{5,}$/, // phone number, number, numeric date
  /^\d{4}-\d{2}(-\d{2})?([T ][\d:.]+Z?)?$/, // ISO date
  /^\d{1,2}\s+\p{L}{3,}\.?\s+\d{4}$/u, // "15 Mar 2024"
];
export function isCategoryLabel(value: string): boolean {
  return value.length <= LABEL_MAX && !value.includes('\n') && !NOT_A_LABEL.some((re) => re.test(value.trim()));
}

/** True when an attribute's values (one per person holding it) make it a dimension (rule above). */
export function isCategoryAttribute(values: readonly string[]): boolean {
  const held = values.filter((v) => v !== '');
  return held.length > 0 && held.every(isCategoryLabel) && new Set(held).size < held.length;
}

/** Who holds what (category-holders.ts), built when first asked and kept current after. */
const holderIndexes = ownerMemo<RecordSet, CategoryHolders>('analytics.category-holders');

function holderIndex(records: RecordSet): CategoryHolders {
  return through(holderIndexes, records, () => new CategoryHolders(records, isCategoryLabel));
}

/** True when someone `sees` accepts (absent: anyone) is among `ids`. */
const anySeen = (ids: readonly string[], sees?: Sees): boolean => (sees ? ids.some(sees) : ids.length > 0);

function twoSeen(ids: readonly string[], sees?: Sees): boolean {
  if (!sees) return ids.length > 1;
  let n = 0;
  for (const id of ids) if (sees(id) && ++n === 2) return true;
  return false;
}

/** isCategoryAttribute over the values of the people `sees` accepts (absent: everyone). */
function isDimensionFor(h: Holders, sees?: Sees): boolean {
  if (h.repeated === 0) return false;
  if (!sees) return h.notLabels.size === 0;
  for (const value of h.notLabels) if (anySeen(h.byValue.get(value)!, sees)) return false;
  for (const ids of h.byValue.values()) if (ids.length > 1 && twoSeen(ids, sees)) return true;
  return false;
}

/**
 * Every dimension offered on the data: the fields, `group`, and each attribute key that passes
 * isCategoryAttribute (named by attributeDimension). With `sees` (a viewer withheld from some
 * people), the keys and the rule are taken over the people the viewer sees only, as if the others
 * were not there: a key only withheld people hold is never listed.
 */
export function dimensionsOf(records: RecordSet, sees?: Sees): string[] {
  const keys = [...holderIndex(records).attributes].filter(([, h]) => isDimensionFor(h, sees)).map(([k]) => k);
  return [...FIELD_DIMENSIONS, 'group', ...keys.sort().map(attributeDimension)];
}

/** A dimension name the data does not know, or a category no one holds: the user's input is wrong. */
export class DimensionInputError extends Error {
  override readonly name = 'DimensionInputError';
  constructor(
    message: string,
    /** Each value given that is not known, with its closest known ones (the problem's `unknown`). */
    readonly unknown: UnknownValue[],
    /** The query parameter that carried it (`dimension`, `where`, `target`, a list filter): the 400 names it. */
    readonly parameter: string,
  ) {
    super(message);
  }
}

/** Several DimensionInputErrors at once, one per parameter (list filters): one 400 listing each. */
export class DimensionInputErrors extends Error {
  override readonly name = 'DimensionInputErrors';
  constructor(readonly errors: DimensionInputError[]) {
    super(`${errors.length} problems in the input`);
  }
}

const didYouMean = (near: string[]) => (near.length ? ` (did you mean ${near.map((n) => JSON.stringify(n)).join(' or ')}?)` : '');
const listed = (xs: readonly string[], max = 12) => (xs.length > max ? `${xs.slice(0, max).join(', ')}, … (${xs.length - max} more)` : xs.join(', '));

/**
 * Checks that a dimension name means something on this data: a built-in field, `group`, or an
 * attribute key some person has (explicitly named, even one that is not offered as a dimension).
 * Throws DimensionInputError on `parameter` (the query parameter that named it, default
 * `dimension`) naming the offered dimensions, a near miss first. With `sees` (a viewer withheld
 * from some people: ContactFilter.ranking), only the people the viewer sees count, for the check
 * as for the names offered: a key only withheld people hold is the same 400 as a key nobody has.
 */
export function requireDimension(records: RecordSet, name: string, options: { parameter?: string; sees?: Sees } = {}): void {
  const { parameter = 'dimension', sees } = options;
  const d = parseDimension(name);
  if (d.kind !== 'attribute') return;
  if (anySeen(holderIndex(records).attributes.get(d.key)?.anyValue ?? [], sees)) return;
  const offered = dimensionsOf(records, sees);
  const near = closestMatches(name, offered);
  throw new DimensionInputError(
    `unknown dimension ${JSON.stringify(name)}${didYouMean(near)}. Known dimensions: ${listed(offered)}`,
    [{ value: name, didYouMean: near }],
    parameter,
  );
}

/** True when someone `sees` accepts (absent: anyone) holds the category on the dimension as of asOf. */
function isHeld(records: RecordSet, dimension: Dimension, category: string, asOf: number, sees?: Sees): boolean {
  if (dimension.kind === 'group') {
    for (const key of records.membersOf.get(category)) {
      const m = records.get('membership', key);
      if (m && membershipActive(m, asOf) && (!sees || sees(m.person))) return true;
    }
    return false;
  }
  return anySeen(holdersOf(records, dimension)?.byValue.get(category) ?? [], sees);
}

/**
 * The people who hold `category` on a dimension as of asOf, in no particular order: a field's or
 * key's holders from the holder index, a group's members as of asOf. The same people as
 * `valuesOf(…).includes(category)` over everyone, without reading everyone (a path to "anyone in
 * an industry" read all 100,000 people of the benchmark network per request: 34 ms, issue #18).
 */
export function holdersOfCategory(records: RecordSet, dimension: string, category: string, asOf: number): readonly string[] {
  const d = parseDimension(dimension);
  if (d.kind === 'group') return membersOf(records, category, asOf);
  return holdersOf(records, d)?.byValue.get(category) ?? [];
}

/**
 * How many people hold each category of a field or attribute key, how many hold one, and how many
 * none: from the holder index (a person holds at most one value of each). Undefined for `group`,
 * whose values are dated and several per person.
 */
export function heldCounts(records: RecordSet, dimension: string): { counts: Map<string, number>; contacts: number; missing: number } | undefined {
  const d = parseDimension(dimension);
  if (d.kind === 'group') return undefined;
  const counts = new Map<string, number>();
  let contacts = 0;
  for (const [category, ids] of holdersOf(records, d)?.byValue ?? []) {
    counts.set(category, ids.length);
    contacts += ids.length;
  }
  return { counts, contacts, missing: records.maps.person.size - contacts };
}

/**
 * A stamp of the last change to who holds `category` on a field or attribute (0: no one holds
 * it), for what is kept per category; undefined for `group`, whose memberships are dated.
 */
export function holdersStamp(records: RecordSet, dimension: string, category: string): number | undefined {
  const d = parseDimension(dimension);
  if (d.kind === 'group') return undefined;
  return holdersOf(records, d)?.changed.get(category) ?? 0;
}

/** The holders of a field or an attribute key (none when no one has the key). */
function holdersOf(records: RecordSet, dimension: Exclude<Dimension, { kind: 'group' }>): Holders | undefined {
  const index = holderIndex(records);
  return dimension.kind === 'field' ? index.field(dimension.field) : index.attributes.get(dimension.key);
}

/** Every category held on a dimension as of asOf by the people `sees` accepts (absent: everyone), sorted. */
function categoriesOf(records: RecordSet, dimension: string, asOf: number, sees?: Sees): string[] {
  const d = parseDimension(dimension);
  if (d.kind === 'group') return [...records.maps.group.keys()].filter((g) => isHeld(records, d, g, asOf, sees)).sort();
  return [...(holdersOf(records, d)?.byValue ?? [])].filter(([, ids]) => anySeen(ids, sees)).map(([category]) => category).sort();
}

/**
 * Which categories of a dimension an answer may name to a viewer withheld from some people
 * (`sees`: another member's private contacts): those that someone the viewer sees holds as of
 * asOf. A category only withheld people hold is never named to them: answers that count people by
 * category still count it (a value, never a person), in a number beside the named ones
 * (`unnamed`: person metrics' diversity, the gap report), and lists of categories leave it out
 * (the map's industries, a chapter's open seats). The 400s for names and values use the same
 * rule (requireDimension, resolveCategories).
 */
export function nameableCategories(records: RecordSet, dimension: string, asOf: number, sees: Sees): (category: string) => boolean {
  const d = parseDimension(dimension);
  return (category) => isHeld(records, d, category, asOf, sees);
}

/**
 * The stored spelling of a category on a dimension, matched case- and accent-insensitively
 * ("insurance" finds "Insurance"), as of asOf. Throws DimensionInputError with the closest
 * categories when no one holds it. The one place `where` values are matched.
 */
export function resolveCategory(records: RecordSet, dimension: string, value: string, asOf: number, sees?: Sees): string[] {
  return resolveCategories(records, dimension, [value], asOf, { parameter: 'where', sees });
}

/**
 * The stored spellings of several category values on a dimension (as resolveCategory), as of
 * asOf, matched as matchCategories matches them among the categories held by the people the
 * viewer `sees` (everyone when absent). A category only a contact withheld from them holds is
 * neither matched nor named (as a near miss or in the error's list). The dimension itself is
 * checked first (requireDimension, with the same `sees`). A field's or key's values are looked up
 * in the holder index's folded values: no request folds every category (a company dimension has
 * tens of thousands: 60 ms a request at 100,000 people). All of them are listed only for the
 * error of a value no one holds, and for a group, whose members are dated.
 */
export function resolveCategories(
  records: RecordSet,
  dimension: string,
  values: readonly string[],
  asOf: number,
  options: { parameter: string; allowAbsent?: boolean; sees?: Sees },
): string[] {
  const { sees, ...rest } = options;
  // where[DIM]=VALUE names the dimension and the value in one parameter; target= takes its dimension from dimension=.
  requireDimension(records, dimension, { parameter: options.parameter === 'where' ? 'where' : 'dimension', sees });
  const d = parseDimension(dimension);
  if (d.kind !== 'group') {
    const holders = holdersOf(records, d);
    // A viewer matches among the categories of the people they see: a value only withheld people
    // hold is the 400 of a value no one holds (with allowAbsent, kept as one no one holds), so a
    // guessed value cannot be confirmed.
    const held = (c: string) => anySeen(holders?.byValue.get(c) ?? [], sees);
    const out = new Set<string>();
    let absent = false;
    for (const value of values) {
      const hits = (holders?.byFolded.get(foldCategory(value)) ?? []).filter(held).sort();
      for (const h of hits) out.add(h);
      if (hits.length === 0 && options.allowAbsent) out.add(value);
      else if (hits.length === 0) absent = true;
    }
    if (!absent) return [...out];
  }
  return matchCategories(categoriesOf(records, dimension, asOf, sees), values, { ...rest, dimension });
}

/**
 * The stored spellings among `categories` (the values held, sorted) of each value, matched in any
 * case and without accents, in the order given, without repeats. Every value none holds is named
 * in one DimensionInputError on `parameter`, each with its closest categories, unless
 * `allowAbsent` says the caller wants categories no one holds (a target list of categories to
 * recruit): those are kept as given. Every category value a request names is matched here
 * (`where[DIM]=`, a diversity gap's `target=`, a list filter such as `/api/people?industry=`);
 * `holders` words who holds them in the message ("no one", "no company").
 */
export function matchCategories(
  categories: readonly string[],
  values: readonly string[],
  options: { dimension: string; parameter: string; allowAbsent?: boolean; holders?: string },
): string[] {
  const { dimension, holders = 'no one' } = options;
  const byFolded = new Map<string, string[]>();
  for (const c of categories) {
    const f = foldCategory(c);
    (byFolded.get(f) ?? byFolded.set(f, []).get(f)!).push(c);
  }
  const out = new Set<string>();
  const absent: string[] = [];
  for (const value of values) {
    const hits = byFolded.get(foldCategory(value));
    if (hits) for (const h of hits) out.add(h);
    else if (options.allowAbsent) out.add(value);
    else if (!absent.includes(value)) absent.push(value);
  }
  if (!absent.length) return [...out];
  const unknown = absent.map((value) => ({ value, didYouMean: closestMatches(value, categories) }));
  const named = unknown.map((u) => `${JSON.stringify(u.value)}${didYouMean(u.didYouMean)}`);
  throw new DimensionInputError(
    `${holders} has ${dimension} ${named.length > 1 ? `${named.slice(0, -1).join(', ')} nor ${named.at(-1)!}` : named[0]!}. ${categories.length ? `Categories of ${dimension}: ${listed(categories)}` : `${holders[0]!.toUpperCase()}${holders.slice(1)} has any ${dimension}`}`,
    unknown,
    options.parameter,
  );
}
