/**
 * Every record in memory, keyed as the store keys them, with the indexes the domain needs to
 * check references and cascade deletes. Maps keep first-insertion order, which is the order the
 * export document uses.
 */
import { COLLECTION_OF, RECORD_KINDS, keyOf, type AnyRecord, type Change, type RecordKind, type RecordTypes } from './records.js';
import { emptyDocument, type ExportedDocument, type NetworkDocument, type Person } from './schema.js';
import { STEP_EVERY, runAtOnce, type Steps } from './support/time-slices.js';

type Maps = { [K in RecordKind]: Map<string, RecordTypes[K]> };

/**
 * A list of keys is kept as an array while short and as a Set past this many: most people, events
 * and groups are named by a few dozen records at most, and an array costs 8 bytes a key against a
 * Set's ~30 (a million records index twice each), while a hub's list stays O(1) to update. At 16,
 * a third of the people of the 100,000-person benchmark network had their interactions in Sets
 * (a million keys); at 64 the RecordSet is 125 → 103 MiB (issue #18), and a write's scan of a
 * list up to 64 long stays well under a microsecond.
 */
const SET_FROM = 64;

/** How many keys one id's list or Set holds. */
const sizeOf = (s: string[] | Set<string>): number => (s instanceof Set ? s.size : s.length);

/**
 * person/group/event id → keys of the records that name it, in the order they were added (a key
 * added twice counts once; removing one keeps the others' order), like a Set either way.
 */
class RefIndex {
  private readonly byId = new Map<string, string[] | Set<string>>();
  add(id: string, key: string): void {
    const s = this.byId.get(id);
    if (!s) this.byId.set(id, [key]);
    else if (s instanceof Set) s.add(key);
    else if (!s.includes(key)) {
      // concat, not push: push would leave room for 16 more keys in every short list
      this.byId.set(id, s.length < SET_FROM ? s.concat(key) : new Set(s).add(key));
    }
  }
  /**
   * add() while loading records whose keys are all distinct: a key can then only come twice in a
   * row (a record naming the same id twice, as an interaction of a person with themselves), so
   * the short list grows by push instead of a copy per key; seal() trims the lists once loaded.
   */
  load(id: string, key: string): void {
    const s = this.byId.get(id);
    if (!s) this.byId.set(id, [key]);
    else if (s instanceof Set) s.add(key);
    else if (s[s.length - 1] !== key) {
      if (s.length < SET_FROM) s.push(key);
      else this.byId.set(id, new Set(s).add(key));
    }
  }
  /** Short lists at their exact length after load(), as add() keeps them. */
  seal(): void {
    for (const [id, s] of this.byId) if (Array.isArray(s)) this.byId.set(id, s.slice());
  }
  remove(id: string, key: string): void {
    const s = this.byId.get(id);
    if (!s) return;
    if (s instanceof Set) s.delete(key);
    else {
      const i = s.indexOf(key);
      if (i >= 0) s.splice(i, 1);
    }
    if (sizeOf(s) === 0) this.byId.delete(id);
  }
  /** How many keys name `id`. */
  count(id: string): number {
    const s = this.byId.get(id);
    return s === undefined ? 0 : sizeOf(s);
  }
  /** The keys naming `id`: read it before changing the records, it is the index's own list. */
  get(id: string): Iterable<string> {
    return this.byId.get(id) ?? EMPTY;
  }
}
const EMPTY: readonly string[] = [];

export class RecordSet {
  readonly maps: Maps = {
    person: new Map(),
    company: new Map(),
    group: new Map(),
    membership: new Map(),
    event: new Map(),
    attendance: new Map(),
    interaction: new Map(),
    referral: new Map(),
    dismissal: new Map(),
    introRequest: new Map(),
  };
  /** memberships by person and by group */
  readonly membershipsOf = new RefIndex();
  readonly membersOf = new RefIndex();
  /** attendance by person and by event */
  readonly attendanceOf = new RefIndex();
  readonly attendeesOf = new RefIndex();
  /** interactions and referrals by either person */
  readonly interactionsOf = new RefIndex();
  readonly referralsOf = new RefIndex();
  /** dismissed "this week" rows by the person who dismissed them */
  readonly dismissalsOf = new RefIndex();
  /** intro requests by each of their three people (requester, connector, target) */
  readonly introRequestsOf = new RefIndex();
  /** events by hosting group */
  readonly eventsOf = new RefIndex();
  /**
   * The people who are someone's private contact (`privateTo` set): who is withheld from a viewer
   * is read from these alone (graph/service/contact-visibility.ts), not from every person.
   */
  readonly privatePeople = new Set<string>();
  private readonly watchers = new Map<RecordKind, ((record: AnyRecord, how: 'add' | 'remove') => void)[]>();
  private readonly changeCounts = new Map<RecordKind, number>();

  /**
   * How many times a record of `kind` was put or deleted since this set was loaded (a replace
   * counts twice): an answer that reads only some kinds can key its memo on theirs, so writes of
   * other kinds leave it valid (graph/analytics/engine.ts, category flows).
   */
  changes(kind: RecordKind): number {
    return this.changeCounts.get(kind) ?? 0;
  }

  /**
   * Calls `watch` with every record of `kind` put from now on (`add`) and every one replaced or
   * deleted (`remove`, the old record): an index derived from records is built once and kept
   * current (graph/analytics/category-holders.ts, activity-timeline.ts). A watcher must not throw.
   */
  watch<K extends RecordKind>(kind: K, watch: (record: RecordTypes[K], how: 'add' | 'remove') => void): void {
    const list = this.watchers.get(kind) ?? this.watchers.set(kind, []).get(kind)!;
    list.push(watch as (record: AnyRecord, how: 'add' | 'remove') => void);
  }

  /** watch('person', …). */
  watchPeople(watch: (person: Person, how: 'add' | 'remove') => void): void {
    this.watch('person', watch);
  }

  static fromDocument(doc: NetworkDocument | ExportedDocument): RecordSet {
    return runAtOnce(RecordSet.fromDocumentSteps(doc));
  }

  /** fromDocument as pausable steps (graph/support/time-slices.ts), for a million records on a server. */
  static *fromDocumentSteps(doc: NetworkDocument | ExportedDocument): Steps<RecordSet> {
    // An exported document leaves out collections newer than the format when they are empty.
    const recordsOf = (kind: RecordKind) => (doc[COLLECTION_OF[kind]] ?? []) as AnyRecord[];
    const set = new RecordSet();
    let step = 0;
    // Keys first: with every key distinct (a store's snapshot, a checked import) the indexes can be
    // loaded in one pass without looking for records to replace; else the records go in one by one.
    let distinct = true;
    for (const kind of RECORD_KINDS) {
      const map = set.maps[kind] as Map<string, AnyRecord>;
      const records = recordsOf(kind);
      for (const record of records) {
        if (++step % STEP_EVERY === 0) yield;
        map.set(keyOf(kind, record as never), record);
      }
      distinct &&= map.size === records.length;
    }
    if (!distinct) {
      const again = new RecordSet();
      for (const kind of RECORD_KINDS) {
        for (const record of recordsOf(kind)) {
          if (++step % STEP_EVERY === 0) yield;
          again.apply({ op: 'put', kind, record } as Change);
        }
      }
      return again;
    }
    for (const kind of RECORD_KINDS) {
      for (const [key, record] of set.maps[kind] as Map<string, AnyRecord>) {
        if (++step % STEP_EVERY === 0) yield;
        set.updateIndexes(kind, key, record, 'load');
      }
    }
    for (const index of set.indexes()) index.seal();
    return set;
  }

  get<K extends RecordKind>(kind: K, key: string): RecordTypes[K] | undefined {
    return this.maps[kind].get(key);
  }

  has(kind: RecordKind, key: string): boolean {
    return this.maps[kind].has(key);
  }

  /** Applies one change; returns the record it replaced or removed, if any. */
  apply(change: Change): AnyRecord | undefined {
    const map = this.maps[change.kind] as Map<string, AnyRecord>;
    if (change.op === 'put') {
      const key = keyOf(change.kind, change.record);
      const previous = map.get(key);
      if (previous) this.unindex(change.kind, key, previous);
      map.set(key, change.record);
      this.index(change.kind, key, change.record);
      return previous;
    }
    const previous = map.get(change.key);
    if (previous) {
      this.unindex(change.kind, change.key, previous);
      map.delete(change.key);
    }
    return previous;
  }

  toDocument(): NetworkDocument {
    const doc = emptyDocument();
    for (const kind of RECORD_KINDS) {
      (doc[COLLECTION_OF[kind]] as AnyRecord[]) = [...this.maps[kind].values()];
    }
    return doc;
  }

  /** The keys of every record naming this person, group or event: what a delete must cascade to. */
  dependents(kind: 'person' | 'group' | 'event', id: string): Change[] {
    const out: Change[] = [];
    const del = (k: RecordKind, keys: Iterable<string>) => {
      for (const key of keys) out.push({ op: 'delete', kind: k, key });
    };
    if (kind === 'person') {
      del('membership', this.membershipsOf.get(id));
      del('attendance', this.attendanceOf.get(id));
      del('interaction', this.interactionsOf.get(id));
      del('referral', this.referralsOf.get(id));
      del('dismissal', this.dismissalsOf.get(id));
      del('introRequest', this.introRequestsOf.get(id));
    } else if (kind === 'group') {
      del('membership', this.membersOf.get(id));
    } else {
      del('attendance', this.attendeesOf.get(id));
    }
    return out;
  }

  private index(kind: RecordKind, key: string, r: AnyRecord): void {
    this.updateIndexes(kind, key, r, 'add');
  }

  private unindex(kind: RecordKind, key: string, r: AnyRecord): void {
    this.updateIndexes(kind, key, r, 'remove');
  }

  private indexes(): RefIndex[] {
    return [this.membershipsOf, this.membersOf, this.attendanceOf, this.attendeesOf, this.interactionsOf, this.referralsOf, this.dismissalsOf, this.introRequestsOf, this.eventsOf];
  }

  private updateIndexes(kind: RecordKind, key: string, r: AnyRecord, how: 'add' | 'remove' | 'load'): void {
    if (how !== 'load') {
      this.changeCounts.set(kind, this.changes(kind) + 1);
      for (const watch of this.watchers.get(kind) ?? []) watch(r, how);
    }
    switch (kind) {
      case 'membership': {
        const m = r as RecordTypes['membership'];
        this.membershipsOf[how](m.person, key);
        this.membersOf[how](m.group, key);
        break;
      }
      case 'attendance': {
        const a = r as RecordTypes['attendance'];
        this.attendanceOf[how](a.person, key);
        this.attendeesOf[how](a.event, key);
        break;
      }
      case 'interaction': {
        const i = r as RecordTypes['interaction'];
        this.interactionsOf[how](i.a, key);
        this.interactionsOf[how](i.b, key);
        break;
      }
      case 'referral': {
        const f = r as RecordTypes['referral'];
        this.referralsOf[how](f.from, key);
        this.referralsOf[how](f.to, key);
        break;
      }
      case 'dismissal': {
        const d = r as RecordTypes['dismissal'];
        this.dismissalsOf[how](d.person, key);
        break;
      }
      case 'introRequest': {
        const q = r as RecordTypes['introRequest'];
        for (const p of new Set([q.requester, q.connector, q.target])) this.introRequestsOf[how](p, key);
        break;
      }
      case 'event': {
        const e = r as RecordTypes['event'];
        if (e.group) this.eventsOf[how](e.group, key);
        break;
      }
      case 'person': {
        const p = r as RecordTypes['person'];
        if (p.privateTo === undefined) break;
        if (how === 'remove') this.privatePeople.delete(key);
        else this.privatePeople.add(key);
        break;
      }
      default:
        break;
    }
  }
}
