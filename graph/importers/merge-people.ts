/**
 * Deduplication: groups person drafts that are the same person (shared email, LinkedIn URL or
 * normalised name + company, or an explicit id), matches each group to a person already in the
 * network, and merges the group into one person record with a stable id.
 *
 * Merge policy: the stored person (or the earliest row) wins a field; later values only fill
 * fields that are empty. A differing value is reported as a conflict, never silently dropped;
 * with `update: 'overwrite'` the incoming value wins instead. Name + company never joins two
 * records whose LinkedIn profiles differ: same-named colleagues are common, profiles are unique.
 */
import type { Person } from '../schema.js';
import { runAtOnce, STEP_EVERY, type Steps } from '../support/time-slices.js';
import type { PersonDraft } from './drafts.js';
import { normalizeCompany } from './normalize.js';
import { own } from '../support/prototype-names.js';
import {
  derivedPersonId, KEY_TYPES, keysOf, keySourceOfPerson, keyString, nameKey, type KeyType, type PersonKey,
} from './person-keys.js';
import type { FieldConflict } from './report.js';
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
}

const draftKeys = (d: PersonDraft) =>
  keysOf({ id: d.id, name: d.name, emails: d.emails, company: d.company, linkedin: d.attributes.linkedin });

/** Groups drafts, matches them to `existing` people and merges each group. Output is in row order. */
export function mergePeople(drafts: readonly PersonDraft[], existing: Iterable<Person>, update: UpdatePolicy = 'fill'): MergedPerson[] {
  return runAtOnce(mergePeopleSteps(drafts, existing, update));
}

/** mergePeople as pausable steps (graph/support/time-slices.ts), for big imports on a server. */
export function* mergePeopleSteps(drafts: readonly PersonDraft[], existing: Iterable<Person>, update: UpdatePolicy = 'fill'): Steps<MergedPerson[]> {
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
  for (const type of KEY_TYPES) {
    const seen = new ShardedMap<string, number>();
    for (let i = 0; i < keys.length; i++) {
      if (i % STEP_EVERY === 0) yield;
      const ks = keys[i]!;
      for (const k of ks) {
        if (k.type !== type) continue;
        const s = keyString(k);
        const j = seen.get(s);
        if (j === undefined) seen.set(s, i);
        else if (type === 'name+company' && uf.profilesDiffer(j, i)) {
          notes.push({ row: drafts[i]!.row, message: `same name and company as row ${drafts[j]!.row} but a different LinkedIn profile; kept as two people` });
        } else if (uf.union(j, i)) {
          const root = uf.find(i);
          const set = matchedOn.get(root) ?? new Set([...(matchedOn.get(i) ?? []), ...(matchedOn.get(j) ?? [])]);
          set.add(type);
          matchedOn.set(root, set);
        }
      }
    }
  }

  const index = new ExistingIndex();
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
  // Groups that would end up as the same person (both matched one stored person, or the same id
  // derived) are one group: two records under one id would fail the whole import on a document
  // path the user never wrote, where rows of one person should be merged.
  const byId = new ShardedMap<string, { members: number[]; match?: { person: Person; on: KeyType }; on: Set<KeyType> }>();
  for (const [root, members] of groups) {
    if (++count % STEP_EVERY === 0) yield;
    const ds = members.map((i) => drafts[i]!);
    const groupKeys = members.flatMap((i) => keys[i]!);
    const match = index.match(groupKeys, ds[0]!.name, uf.profiles(root));
    const on = new Set(matchedOn.get(root) ?? []);
    if (match) on.add(match.on);
    const id = match?.person.id ?? ds.find((d) => d.id)?.id ?? derivedPersonId(ds[0]!.name, primaryKey(groupKeys) ?? fallbackKey(ds[0]!.name));
    const same = byId.get(id);
    if (!same) {
      byId.set(id, { members, on, ...(match && { match }) });
      continue;
    }
    same.members.push(...members);
    for (const t of on) same.on.add(t);
    same.match ??= match;
  }
  const out: MergedPerson[] = [];
  for (const { members, match, on } of byId.values()) {
    if (++count % STEP_EVERY === 0) yield;
    members.sort((a, b) => a - b);
    const ds = members.map((i) => drafts[i]!);
    const merged = mergeGroup(ds, match?.person, members.flatMap((i) => keys[i]!), update);
    out.push({ ...merged, drafts: ds, matchedOn: KEY_TYPES.filter((t) => on.has(t)), notes: [], ...(match && { existing: match.person }) });
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

/** Stored people by dedup key. The first person holding a key keeps it. */
class ExistingIndex {
  private readonly byKey = new ShardedMap<string, Person>();
  private readonly byId = new ShardedMap<string, Person>();
  add(p: Person): void {
    this.byId.set(p.id, p);
    for (const k of keysOf(keySourceOfPerson(p))) if (!this.byKey.has(keyString(k))) this.byKey.set(keyString(k), p);
  }
  match(keys: PersonKey[], name: string, profiles: ReadonlySet<string>): { person: Person; on: KeyType } | undefined {
    for (const type of KEY_TYPES) {
      for (const k of keys) {
        if (k.type !== type) continue;
        const p = this.byKey.get(keyString(k));
        if (!p) continue;
        const stored = p.attributes?.linkedin;
        if (type === 'name+company' && stored && profiles.size && !profiles.has(stored)) continue;
        return { person: p, on: type };
      }
    }
    // A person created by an earlier import of the same source has the id derived from its key.
    if (this.byId.size === 0) return undefined;
    const primary = primaryKey(keys);
    const derived = primary && this.byId.get(derivedPersonId(name, primary));
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

function mergeGroup(ds: PersonDraft[], existing: Person | undefined, keys: PersonKey[], update: UpdatePolicy) {
  const conflicts: FieldConflict[] = [];
  const first = ds[0]!;
  const primary = primaryKey(keys);
  const id = existing?.id ?? ds.find((d) => d.id)?.id ?? derivedPersonId(first.name, primary ?? fallbackKey(first.name));
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

const FIELD_ORDER = ['id', 'name', 'email', 'company', 'title', 'industry', 'profession', 'location', 'tags', 'attributes'];

/** The person with its fields in schema order, as an export shows them. */
function inSchemaOrder(p: Person): Person {
  const out: Record<string, unknown> = {};
  for (const f of FIELD_ORDER) if ((p as Record<string, unknown>)[f] !== undefined) out[f] = (p as Record<string, unknown>)[f];
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
