/**
 * Deduplication: groups person drafts that are the same person (shared email, LinkedIn URL or
 * normalised name + company, or an explicit id), matches each group to a person already in the
 * network, and merges the group into one person record with a stable id.
 *
 * Merge policy: the stored person (or the earliest row) wins a field; later values only fill
 * fields that are empty. A differing value is reported as a conflict, never silently dropped;
 * with `update: 'overwrite'` the incoming value wins instead. Name + company never joins two
 * records whose LinkedIn profiles differ: same-named colleagues are common, profiles are unique.
 *
 * Ties: when the strongest key type on which a row matches anyone matches two or more different
 * people (two stored people sharing an email or a name and company, or a row whose two emails
 * belong to two earlier rows' people), the row is not merged into either: it is returned
 * `ambiguous`, naming them all, and a weaker key does not pick one. Stored people and earlier
 * rows of the file are judged alike; a row that a stronger key already placed is not a tie.
 */
import { personSchema, type Person } from '../schema.js';
import { runAtOnce, STEP_EVERY, type Steps } from '../support/time-slices.js';
import type { PersonDraft } from './drafts.js';
import { normalizeCompany } from './normalize.js';
import { own } from '../support/prototype-names.js';
import {
  derivedPersonId, KEY_TYPES, keysOf, keySourceOfPerson, keyString, nameKey, type KeyType, type PersonKey,
} from './person-keys.js';
import type { AmbiguousCandidate, FieldConflict } from './report.js';
import { ShardedMap } from '../support/sharded-map.js';

export type UpdatePolicy = 'fill' | 'overwrite';

export interface MergedPerson {
  person: Person;
  /** The stored person this group matched, if any. */
  existing?: Person;
  drafts: PersonDraft[];
  matchedOn: KeyType[];
  conflicts: FieldConflict[];
  /** Why a name+company match was refused, for the warnings list. */
  notes: { row: number; message: string }[];
  /**
   * Set when the group's strongest matching key matched several people (stored ones, or groups of
   * earlier rows) equally well: the group is not to be written, and `person` is only its rows' own view.
   */
  ambiguous?: { on: KeyType; candidates: AmbiguousCandidate[] };
}

const draftKeys = (d: PersonDraft) =>
  keysOf({ id: d.id, name: d.name, emails: d.emails, company: d.company, linkedin: d.attributes.linkedin });

/** Groups drafts, matches them to `existing` people and merges each group. Output is in row order. */
export function mergePeople(drafts: readonly PersonDraft[], existing: Iterable<Person>, update: UpdatePolicy = 'fill', idOwner?: string): MergedPerson[] {
  return runAtOnce(mergePeopleSteps(drafts, existing, update, idOwner));
}

/**
 * mergePeople as pausable steps (graph/support/time-slices.ts), for big imports on a server.
 * `idOwner`: the member whose private contacts the new people will be, whose id goes into the ids
 * derived for them (derivedPersonId).
 */
export function* mergePeopleSteps(drafts: readonly PersonDraft[], existing: Iterable<Person>, update: UpdatePolicy = 'fill', idOwner?: string): Steps<MergedPerson[]> {
  const uf = new UnionFind(drafts.length);
  for (let i = 0; i < drafts.length; i++) {
    if (i % STEP_EVERY === STEP_EVERY - 1) yield;
    uf.init(i, drafts[i]!.attributes.linkedin);
  }
  // Sharded maps: a million rows must not double one hash table in a single step (graph/support/sharded-map.ts).
  const matchedOn = new ShardedMap<number, Set<KeyType>>();
  const notes: { row: number; message: string }[] = [];
  // Strong keys first, so the LinkedIn guard on name+company sees whole groups.
  const keys: PersonKey[][] = [];
  for (let i = 0; i < drafts.length; i++) {
    if (i % STEP_EVERY === 0) yield;
    keys.push(draftKeys(drafts[i]!));
  }
  /**
   * Rows held out by a tie: their strongest key that matched earlier rows matched two or more
   * groups. A held row takes no further part in matching (a weaker key must not break the tie);
   * `reps` holds one row of each group it matched.
   */
  const held = new Map<number, { on: KeyType; reps: { row: number; key: string }[] }>();
  for (const type of KEY_TYPES) {
    // Earlier rows holding each key, one per group: a number while one group does (a million rows
    // must not make a million small arrays). Several only where the LinkedIn guard kept same-named
    // people apart; those whose group carried a profile are kept aside, so that a row with a
    // profile (which can join none of them) need not look at them all.
    const seen = new ShardedMap<string, number | number[]>();
    const profiled = new ShardedMap<string, number[]>();
    for (let i = 0; i < keys.length; i++) {
      if (i % STEP_EVERY === 0) yield;
      if (held.has(i)) continue;
      const ks = keys[i]!.filter((k) => k.type === type);
      if (!ks.length) continue;
      const own = uf.find(i);
      const hasProfile = uf.profiles(own).size > 0;
      let sawOwn = false;
      let refused: number | undefined;
      const matched = new Map<number, { row: number; key: string }>();
      const consider = (j: number, key: string) => {
        const r = uf.find(j);
        if (r === own) sawOwn = true;
        else if (type === 'name+company' && uf.profilesDiffer(j, i)) refused ??= j;
        else if (!matched.has(r)) matched.set(r, { row: j, key });
      };
      for (const k of ks) {
        const s = keyString(k);
        for (const j of rowsOf(seen.get(s))) consider(j, k.value);
        const aside = profiled.get(s) ?? [];
        // A row with a profile differs from each of them (one shared profile would have joined them
        // already): the first is enough for the note. One without could be any: enough to name a tie.
        for (let n = 0; n < aside.length && (hasProfile ? n < 2 : matched.size <= TIE_SHOWN); n++) consider(aside[n]!, k.value);
      }
      // A tie only for a row no stronger key placed: one that was placed is that group's, and joins the rest as before.
      if (matched.size > 1 && uf.sizeOf(own) === 1) {
        held.set(i, { on: type, reps: [...matched.values()].slice(0, TIE_SHOWN) });
        continue;
      }
      for (const { row: j } of matched.values()) {
        // Joining one group may give this row a profile that the next one's differs from.
        if (type === 'name+company' && uf.profilesDiffer(j, i)) refused ??= j;
        else if (uf.union(j, i)) {
          const root = uf.find(i);
          const set = matchedOn.get(root) ?? new Set([...(matchedOn.get(i) ?? []), ...(matchedOn.get(j) ?? [])]);
          set.add(type);
          matchedOn.set(root, set);
        }
      }
      if (refused !== undefined) {
        notes.push({ row: drafts[i]!.row, message: `same name and company as row ${drafts[refused]!.row} but a different LinkedIn profile; kept as two people` });
      }
      // Registered only as a group of its own: a row that joined a group is found through that group's row.
      const joined = sawOwn || uf.find(i) !== i || uf.sizeOf(i) > 1;
      for (const k of ks) {
        const s = keyString(k);
        const rows = seen.get(s);
        if (rows === undefined && !profiled.has(s)) seen.set(s, i);
        else if (joined && !refused) continue;
        else if (type === 'name+company' && uf.profiles(uf.find(i)).size) (profiled.get(s) ?? profiled.set(s, []).get(s)!).push(i);
        else if (rows === undefined) seen.set(s, i);
        else if (typeof rows === 'number') seen.set(s, [rows, i]);
        else rows.push(i);
      }
    }
  }
  // A tie that weaker keys later resolved (the groups it matched turned out to be one person) is no tie.
  for (const [i, { on, reps }] of held) {
    if (new Set(reps.map((r) => uf.find(r.row))).size > 1) continue;
    held.delete(i);
    const before = matchedOn.get(uf.find(reps[0]!.row)) ?? [];
    uf.union(reps[0]!.row, i);
    matchedOn.set(uf.find(i), new Set([...before, on]));
  }

  const index = new ExistingIndex(idOwner);
  let count = 0;
  for (const p of existing) {
    if (++count % STEP_EVERY === 0) yield;
    index.add(p);
  }
  const groups = new ShardedMap<number, number[]>();
  for (let i = 0; i < drafts.length; i++) {
    if (i % STEP_EVERY === 0) yield;
    const r = uf.find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  // Each group matched with the stored people first: a held row whose groups all turned out to be
  // the same stored person is that person's, not a tie.
  const matches = new Map<number, Match | undefined>();
  for (const [root, members] of groups) {
    if (++count % STEP_EVERY === 0) yield;
    if (held.has(root)) continue;
    matches.set(root, index.match(members.flatMap((i) => keys[i]!), drafts[members[0]!]!.name, uf.profiles(root)));
  }
  const identity = (root: number) => {
    const m = matches.get(root);
    return m && 'person' in m ? `stored:${m.person.id}` : `group:${root}`;
  };
  const absorbed = new Set<number>();
  for (const [i, { on, reps }] of held) {
    const roots = [...new Set(reps.map((r) => uf.find(r.row)))];
    if (new Set(roots.map(identity)).size > 1) continue;
    held.delete(i);
    groups.get(roots[0]!)!.push(i);
    groups.get(roots[0]!)!.sort((a, b) => a - b);
    absorbed.add(i);
    const set = matchedOn.get(roots[0]!) ?? new Set<KeyType>();
    matchedOn.set(roots[0]!, set.add(on));
  }

  // Groups that would end up as the same person (both matched one stored person, or the same id
  // derived) are one group: two records under one id would fail the whole import on a document
  // path the user never wrote, where rows of one person should be merged.
  const firstWithId = new ShardedMap<string, number>();
  const joinedInto = new Map<number, number>();
  for (const [root, members] of groups) {
    if (++count % STEP_EVERY === 0) yield;
    const match = matches.get(root);
    if (absorbed.has(root) || held.has(root) || (match && 'candidates' in match)) continue;
    const ds = members.map((i) => drafts[i]!);
    const id = match?.person.id ?? ds.find((d) => d.id)?.id ?? derivedPersonId(ds[0]!.name, primaryKey(members.flatMap((i) => keys[i]!)) ?? fallbackKey(ds[0]!.name), idOwner);
    const first = firstWithId.get(id);
    if (first === undefined) {
      firstWithId.set(id, root);
      continue;
    }
    groups.get(first)!.push(...members);
    groups.get(first)!.sort((a, b) => a - b);
    matchedOn.set(first, new Set([...(matchedOn.get(first) ?? []), ...(matchedOn.get(root) ?? []), ...(match ? [match.on] : [])]));
    if (!matches.get(first) && match) matches.set(first, match);
    absorbed.add(root);
    joinedInto.set(root, first);
  }

  const out: MergedPerson[] = [];
  const byRoot = new Map<number, MergedPerson>();
  for (const [root, members] of groups) {
    if (++count % STEP_EVERY === 0) yield;
    if (absorbed.has(root)) continue;
    const ds = members.map((i) => drafts[i]!);
    const groupKeys = members.flatMap((i) => keys[i]!);
    const match = matches.get(root);
    if (held.has(root) || (match && 'candidates' in match)) {
      // Left out of the write: the merge is computed only for the name and id the report shows.
      const merged = mergeGroup(ds, undefined, groupKeys, update, idOwner);
      const ambiguous = match && 'candidates' in match
        ? { on: match.on, candidates: match.candidates.map(({ person, key }) => ({ id: person.id, name: person.name, existing: true, rows: [], key })) }
        : { on: held.get(root)!.on, candidates: [] };
      const m: MergedPerson = { ...merged, drafts: ds, matchedOn: [ambiguous.on], notes: [], ambiguous };
      out.push(m);
      byRoot.set(root, m);
      continue;
    }
    const on = new Set(matchedOn.get(root) ?? []);
    if (match) on.add(match.on);
    const merged = mergeGroup(ds, match?.person, groupKeys, update, idOwner);
    const m: MergedPerson = { ...merged, drafts: ds, matchedOn: KEY_TYPES.filter((t) => on.has(t)), notes: [], ...(match && { existing: match.person }) };
    out.push(m);
    byRoot.set(root, m);
  }
  // A row held by a tie within the file names the people its groups became.
  for (const [i, tie] of held) {
    const m = byRoot.get(i)!;
    const seenIds = new Set<string>();
    for (const { row, key } of tie.reps) {
      const root = uf.find(row);
      const c = byRoot.get(joinedInto.get(root) ?? root);
      if (!c || c === m || seenIds.has(c.person.id)) continue;
      seenIds.add(c.person.id);
      m.ambiguous!.candidates.push({ id: c.person.id, name: c.person.name, existing: !!c.existing, rows: c.drafts.map((d) => d.row), key });
    }
  }
  // Notes belong to the group holding the row they mention.
  const byRow = new Map<number, MergedPerson>();
  if (notes.length) {
    for (const m of out) {
      if (++count % STEP_EVERY === 0) yield;
      for (const d of m.drafts) byRow.set(d.row, m);
    }
  }
  for (const n of notes) byRow.get(n.row)?.notes.push(n);
  return out;
}

/** A group's stored person, or the people that tie for it on its strongest matching key. */
type Match = { person: Person; on: KeyType } | { candidates: { person: Person; key: string }[]; on: KeyType };

/** Stored people by dedup key; a key several people hold (a shared email, a common name) names them all. */
class ExistingIndex {
  // A person while one holds the key: a million people must not make a million small arrays.
  private readonly byKey = new ShardedMap<string, Person | Person[]>();
  private readonly byId = new ShardedMap<string, Person>();
  constructor(private readonly idOwner: string | undefined) {}
  add(p: Person): void {
    this.byId.set(p.id, p);
    for (const k of keysOf(keySourceOfPerson(p))) {
      const s = keyString(k);
      const held = this.byKey.get(s);
      if (held === undefined) this.byKey.set(s, p);
      else if (!Array.isArray(held)) {
        if (held.id !== p.id) this.byKey.set(s, [held, p]);
      } else if (!held.some((x) => x.id === p.id)) held.push(p);
    }
  }
  /** Strongest key type first; a weaker key never breaks a tie of a stronger one. */
  match(keys: PersonKey[], name: string, profiles: ReadonlySet<string>): Match | undefined {
    for (const type of KEY_TYPES) {
      const found = new Map<string, { person: Person; key: string }>();
      for (const k of keys) {
        if (k.type !== type) continue;
        const held = this.byKey.get(keyString(k));
        for (const p of held === undefined ? [] : Array.isArray(held) ? held : [held]) {
          const stored = p.attributes?.linkedin;
          if (type === 'name+company' && stored && profiles.size && !profiles.has(stored)) continue;
          if (!found.has(p.id)) found.set(p.id, { person: p, key: k.value });
        }
      }
      if (found.size === 1) return { person: [...found.values()][0]!.person, on: type };
      if (found.size > 1) return { candidates: [...found.values()], on: type };
    }
    // A person created by an earlier import of the same source has the id derived from its key.
    if (this.byId.size === 0) return undefined;
    const primary = primaryKey(keys);
    const derived = primary && this.byId.get(derivedPersonId(name, primary, this.idOwner));
    return derived ? { person: derived, on: primary.type } : undefined;
  }
}

/** The key of a person with no key at all (a draft has a name; keysOf gives every name one, so rarely used). */
const fallbackKey = (name: string): PersonKey => ({ type: 'name+company', value: name });

function primaryKey(keys: PersonKey[]): PersonKey | undefined {
  for (const type of KEY_TYPES) {
    if (type === 'id') continue;
    const k = keys.find((x) => x.type === type);
    if (k) return k;
  }
  return undefined;
}

const SCALARS = ['company', 'title', 'industry', 'profession', 'location'] as const;

const exact = (a: string, b: string) => a.trim() === b.trim();
const loose = (a: string, b: string) => nameKey(a) === nameKey(b);
const sameCompany = (a: string, b: string) => normalizeCompany(a) === normalizeCompany(b);

function mergeGroup(ds: PersonDraft[], existing: Person | undefined, keys: PersonKey[], update: UpdatePolicy, idOwner: string | undefined) {
  const conflicts: FieldConflict[] = [];
  const first = ds[0]!;
  const primary = primaryKey(keys);
  const id = existing?.id ?? ds.find((d) => d.id)?.id ?? derivedPersonId(first.name, primary ?? fallbackKey(first.name), idOwner);
  const person: Person = existing ? structuredClone(existing) : { id, name: first.name };
  const set = (field: string, current: string | undefined, incoming: string, row: number, same: (a: string, b: string) => boolean, assign: (v: string) => void) => {
    if (!current) return assign(incoming);
    if (same(current, incoming)) return;
    if (update === 'overwrite') {
      conflicts.push({ field, kept: incoming, ignored: current, row });
      assign(incoming);
    } else conflicts.push({ field, kept: current, ignored: incoming, row });
  };
  const emails: string[] = [];
  let tags: Set<string> | undefined;
  for (const d of ds) {
    if (existing || d !== first) set('name', person.name, d.name, d.row, loose, (v) => (person.name = v));
    for (const f of SCALARS) {
      const v = d[f];
      if (v) set(f, person[f], v, d.row, f === 'company' ? sameCompany : exact, (x) => (person[f] = x));
    }
    for (const e of d.emails) emails.push(e);
    if (d.tags?.length) {
      tags ??= new Set(person.tags ?? []);
      for (const t of d.tags) tags.add(t);
    }
    for (const [k, v] of Object.entries(d.attributes)) {
      const attrs = (person.attributes ??= {});
      set(`attributes.${k}`, own(attrs, k), v, d.row, exact, (x) => (attrs[k] = x));
    }
  }
  if (tags) person.tags = [...tags];
  // One email field: the stored (or first) one stays; every other address is kept in otherEmails.
  const all = [...(person.email ? [person.email] : []), ...(person.attributes?.otherEmails?.split(/\s*,\s*/) ?? []), ...emails];
  const seen = new Set<string>();
  const unique = all.filter((e) => {
    const key = e.toLowerCase();
    if (!e || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique[0]) person.email = unique[0];
  if (unique.length > 1) (person.attributes ??= {}).otherEmails = unique.slice(1).join(', ');
  if (person.attributes && Object.keys(person.attributes).length === 0) delete person.attributes;
  return { person: inSchemaOrder(person), conflicts };
}

/**
 * The person schema's fields in its order, read from the schema itself: a field added to the
 * schema later is carried like the rest, never left out of the merged record.
 */
const FIELD_ORDER: readonly string[] = Object.keys(personSchema.shape);

/**
 * The person with its fields in schema order, as an export shows them. Every field is kept: a
 * stored person's fields the file does not set (privateTo above all: a private contact must not
 * become shared by a re-import) come through as they were stored, and a field the schema does not
 * know (none should exist) follows the others, for the schema check to name rather than to vanish.
 */
function inSchemaOrder(p: Person): Person {
  const fields = p as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of FIELD_ORDER) if (fields[f] !== undefined) out[f] = fields[f];
  for (const f of Object.keys(fields)) if (fields[f] !== undefined && !Object.hasOwn(out, f)) out[f] = fields[f];
  return out as Person;
}

/**
 * Groups of drafts, each with the LinkedIn profiles its members carry (merged smaller into larger).
 * Every member is set up with init() before use (in slices by the caller: a million rows).
 */
class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  private readonly linkedin = new Map<number, Set<string>>();
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n);
  }
  /** Makes `i` a group of its own, carrying its LinkedIn profile if it has one. */
  init(i: number, linkedin: string | undefined): void {
    this.parent[i] = i;
    this.size[i] = 1;
    if (linkedin) this.linkedin.set(i, new Set([linkedin]));
  }
  /** How many rows the group whose root is `root` holds. */
  sizeOf(root: number): number {
    return this.size[root]!;
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  /** Joins the groups of a and b; false when they were already one. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    const [big, small] = this.size[ra]! >= this.size[rb]! ? [ra, rb] : [rb, ra];
    this.parent[small] = big;
    this.size[big]! += this.size[small]!;
    const from = this.linkedin.get(small);
    if (from) {
      const into = this.linkedin.get(big);
      if (!into) this.linkedin.set(big, from);
      else if (into.size >= from.size) for (const u of from) into.add(u);
      else {
        for (const u of into) from.add(u);
        this.linkedin.set(big, from);
      }
      this.linkedin.delete(small);
    }
    return true;
  }
  /** The LinkedIn profiles of the group whose root is `root`. */
  profiles(root: number): ReadonlySet<string> {
    return this.linkedin.get(root) ?? NONE;
  }
  /** True when both groups carry LinkedIn profiles and share none (two different people). */
  profilesDiffer(a: number, b: number): boolean {
    const [pa, pb] = [this.profiles(this.find(a)), this.profiles(this.find(b))];
    if (pa.size === 0 || pb.size === 0) return false;
    const [small, big] = pa.size <= pb.size ? [pa, pb] : [pb, pa];
    for (const u of small) if (big.has(u)) return false;
    return true;
  }
}

const NONE: ReadonlySet<string> = new Set();

/** Candidates named for a tie at most: a row matching 20,000 same-named people need not list them all. */
const TIE_SHOWN = 20;

const rowsOf = (v: number | number[] | undefined): readonly number[] => (v === undefined ? [] : typeof v === 'number' ? [v] : v);
