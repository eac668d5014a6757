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

/** A person id derived from the strongest key, so importing the same file twice gives the same ids. */
export function derivedPersonId(name: string, key: PersonKey): string {
  const hash = createHash('sha1').update(keyString(key)).digest('hex').slice(0, 10);
  const slug = slugify(name);
  return slug ? `p-${slug}-${hash}` : `p-${hash}`;
}

/** A short stable hash for derived interaction and referral ids. */
export function contentHash(...parts: (string | number | undefined)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 12);
}

export type Resolution = { ok: true; id: string } | { ok: false; reason: string };

/** Resolves references written in interaction/referral files: id, email, LinkedIn URL or a unique name. */
export class PersonResolver {
  // Sharded: a resolver over a million people must not double one hash table in a single step.
  private readonly ids = new ShardedSet<string>();
  private readonly byKey = new ShardedMap<string, string>();
  /** Ids by normalised name; an array, not a Set per person (a million small Sets). */
  private readonly byName = new ShardedMap<string, string[]>();

  constructor(people: Iterable<Person>) {
    for (const p of people) this.add(p);
  }

  add(p: Person): void {
    this.ids.add(p.id);
    for (const k of keysOf(keySourceOfPerson(p))) {
      if (k.type === 'email' || k.type === 'linkedin') this.byKey.set(keyString(k), p.id);
    }
    const name = nameKey(p.name);
    const ids = this.byName.get(name);
    if (!ids) this.byName.set(name, [p.id]);
    else if (!ids.includes(p.id)) ids.push(p.id);
  }

  resolve(ref: string): Resolution {
    const r = ref.trim();
    if (this.ids.has(r)) return { ok: true, id: r };
    if (r.includes('@')) {
      const id = this.byKey.get(`email:${normalizeEmail(r)}`);
      return id ? { ok: true, id } : { ok: false, reason: `no person with email ${r}` };
    }
    const li = normalizeLinkedInUrl(r);
    if (li && /linkedin\.com/i.test(r)) {
      const id = this.byKey.get(`linkedin:${li}`);
      return id ? { ok: true, id } : { ok: false, reason: `no person with LinkedIn profile ${r}` };
    }
    const named = this.byName.get(nameKey(r));
    if (!named || named.length === 0) {
      return { ok: false, reason: `no person "${r}" (use an id, an email or the name of someone imported; import people first)` };
    }
    if (named.length > 1) {
      return { ok: false, reason: `"${r}" is ambiguous: ${named.slice(0, 5).join(', ')} share that name; use an id or email` };
    }
    return { ok: true, id: named[0]! };
  }
}
