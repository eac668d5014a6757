/**
 * Identity of people across sources: the dedup keys of a person (email, LinkedIn profile URL,
 * normalised name + company), the stable id derived from the strongest key, and an index that
 * resolves a reference written in a file (id, email, URL or name) to a person.
 */
import { createHash } from 'node:crypto';
import type { Person } from '../schema.js';
import { normalizeCompany, normalizeEmail, normalizeLinkedInUrl, normalizeName, slugify } from './normalize.js';
import { ShardedMap, ShardedSet } from '../support/sharded-map.js';

/** Strongest first: a key type earlier in this list wins when two matches disagree. */
export const KEY_TYPES = ['id', 'email', 'linkedin', 'name+company'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export interface PersonKey {
  type: KeyType;
  value: string;
}

export interface KeySource {
  id?: string;
  name: string;
  emails: readonly string[];
  company?: string;
  linkedin?: string;
}

/** Every dedup key of a person, strongest first. */
export function keysOf(p: KeySource): PersonKey[] {
  const keys: PersonKey[] = [];
  if (p.id) keys.push({ type: 'id', value: p.id });
  for (const e of p.emails) keys.push({ type: 'email', value: normalizeEmail(e) });
  // Drafts and stored people hold the canonical URL already; only normalise what is not.
  const li = p.linkedin && (CANONICAL_PROFILE.test(p.linkedin) ? p.linkedin : normalizeLinkedInUrl(p.linkedin));
  if (li) keys.push({ type: 'linkedin', value: li });
  const name = nameKey(p.name);
  if (name) keys.push({ type: 'name+company', value: `${name}|${p.company ? normalizeCompany(p.company) : ''}` });
  return keys;
}

/**
 * A name as a dedup key: normalizeName, or for a name with no letter or digit in it ("!!!", "?"),
 * which normalizeName leaves empty, the name itself (NFKC, lower case, spaces collapsed). Such a
 * name is still a name: rows repeating it are merged like any other same-name rows, and names of
 * different symbols stay apart. Normalised names hold only letters, digits and spaces, so the
 * two forms never meet.
 */
export function nameKey(name: string): string {
  return normalizeName(name) || name.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The key sources of a stored person (its email, attributes.otherEmails and attributes.linkedin). */
export function keySourceOfPerson(p: Person): KeySource {
  const other = p.attributes?.otherEmails?.split(/\s*,\s*/).filter(Boolean) ?? [];
  return {
    id: p.id,
    name: p.name,
    emails: p.email ? [p.email, ...other] : other,
    company: p.company,
    linkedin: p.attributes?.linkedin,
  };
}

const CANONICAL_PROFILE = /^https:\/\/www\.linkedin\.com\/(?:in|pub)\/[^/A-Z]+$/;

export const keyString = (k: PersonKey) => `${k.type}:${k.value}`;

/**
 * A person id derived from the strongest key, so importing the same file twice gives the same ids.
 * `owner`: the member whose private contact the person will be (a personal export imported
 * private). Their id goes into the hash, so that no one else can compute the id of a contact from
 * its name and email (and learn, by writing that id, that it exists), and two members importing
 * the same email make two contacts, neither learning of the other's. Shared imports keep the ids
 * of the key alone.
 */
export function derivedPersonId(name: string, key: PersonKey, owner?: string): string {
  const hash = createHash('sha1').update(owner === undefined ? keyString(key) : `${keyString(key)}\u0000privateTo:${owner}`).digest('hex').slice(0, 10);
  const slug = slugify(name);
  return slug ? `p-${slug}-${hash}` : `p-${hash}`;
}

/** A short stable hash for derived interaction and referral ids. */
export function contentHash(...parts: (string | number | undefined)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 12);
}

export type Resolution = { ok: true; id: string } | { ok: false; reason: string };

/** The people one key names: one person, or (rarely) several, so only shared keys cost an array. */
type Holders = Person | Person[];

const holders = (h: Holders | undefined): Person[] => (h === undefined ? [] : Array.isArray(h) ? h : [h]);

/** At most this many candidates are named in a reason; the rest are counted. */
const NAMED_CANDIDATES = 20;

/**
 * Resolves references written in interaction/referral files (and an import's owner): an id, or an
 * email, LinkedIn URL or name that exactly one person holds. A reference two or more people hold
 * is refused naming them all, never settled by whichever was indexed first or last.
 */
export class PersonResolver {
  // Sharded: a resolver over a million people must not double one hash table in a single step.
  private readonly ids = new ShardedSet<string>();
  /** People by email and LinkedIn key; an array only for a key several people share (not one per person). */
  private readonly byKey = new ShardedMap<string, Holders>();
  /** People by normalised name, likewise. */
  private readonly byName = new ShardedMap<string, Holders>();

  constructor(people: Iterable<Person>) {
    for (const p of people) this.add(p);
  }

  add(p: Person): void {
    this.ids.add(p.id);
    for (const k of keysOf(keySourceOfPerson(p))) {
      if (k.type === 'email' || k.type === 'linkedin') hold(this.byKey, keyString(k), p);
    }
    hold(this.byName, nameKey(p.name), p);
  }

  resolve(ref: string): Resolution {
    const r = ref.trim();
    if (this.ids.has(r)) return { ok: true, id: r };
    if (r.includes('@')) {
      return one(r, 'email', holders(this.byKey.get(`email:${normalizeEmail(r)}`)), `no person with email ${r}`);
    }
    const li = normalizeLinkedInUrl(r);
    if (li && /linkedin\.com/i.test(r)) {
      return one(r, 'LinkedIn profile', holders(this.byKey.get(`linkedin:${li}`)), `no person with LinkedIn profile ${r}`);
    }
    return one(r, 'name', holders(this.byName.get(nameKey(r))), `no person "${r}" (use an id, an email or the name of someone imported; import people first)`);
  }
}

/** Adds `p` to the people `key` names (once: a person whose two emails normalise alike counts once). */
function hold(map: ShardedMap<string, Holders>, key: string, p: Person): void {
  const h = map.get(key);
  if (h === undefined) map.set(key, p);
  else if (!Array.isArray(h)) {
    if (h.id !== p.id) map.set(key, [h, p]);
  } else if (!h.some((x) => x.id === p.id)) h.push(p);
}

/** The one person a reference names, or why not: nobody, or several (all named, as the people import's ambiguous report does). */
function one(ref: string, what: string, found: Person[], none: string): Resolution {
  if (found.length === 1) return { ok: true, id: found[0]!.id };
  if (found.length === 0) return { ok: false, reason: none };
  const named = found.slice(0, NAMED_CANDIDATES).map((p) => `${p.name} (id ${p.id})`);
  if (found.length > NAMED_CANDIDATES) named.push(`and ${found.length - NAMED_CANDIDATES} more`);
  const use = what === 'name' ? "that person's id or email" : "that person's id";
  return {
    ok: false,
    reason: `"${ref}" is ambiguous: ${found.length} different people share that ${what}: ${named.join('; ')}; not imported, since picking one would be a guess (use ${use})`,
  };
}
