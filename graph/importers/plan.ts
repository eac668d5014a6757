/**
 * The file import plan: from a file reader's drafts and the network as it is, the records to upsert and
 * the report of what that changes. Pure: it writes nothing, so a dry run is the plan without
 * the write. Rows whose record would fail the schema are skipped here with the schema's
 * message, so one bad row never sinks a whole address book.
 */
import { interactionSchema, personSchema, referralSchema, type NetworkDocument, type Person, type StoredInteraction, type StoredReferral } from '../schema.js';
import { ImportFormatError, type ParsedImport, type RowWarning, type SkippedRow } from './drafts.js';
import { runAtOnce, STEP_EVERY, type Steps } from '../support/time-slices.js';
import { mergePeopleSteps, type UpdatePolicy } from './merge-people.js';
import { contentHash, nameKey, PersonResolver, type KeyType } from './person-keys.js';
import { zeroCounts, type ChangeOp, type AmbiguousCandidate, type AmbiguousEntry, type Counts, type FileImportReport, type MergeEntry, type RecordChange } from './report.js';
import { own } from '../support/prototype-names.js';
import { ShardedMap } from '../support/sharded-map.js';
import type { RecordTypes } from '../records.js';
import { importReplacing } from '../service/import-replacing.js';

/** What the planner needs to know about the stored network. */
export interface ExistingNetwork {
  people: Iterable<Person>;
  interactions: ReadonlyMap<string, StoredInteraction>;
  referrals: ReadonlyMap<string, StoredReferral>;
}

export interface PlanOptions {
  /** Person (id, email or name) whose contacts these are: each LinkedIn connection becomes a 'met' interaction with them. */
  owner?: string;
  update?: UpdatePolicy;
  dryRun?: boolean;
  /**
   * Whose private contacts the new people of a personal export (LinkedIn, vCard) are: the owner
   * when one is given, else this person (the member importing). Ignored when `shared` is true.
   */
  importedBy?: string;
  /** Import the new people of a personal export as shared contacts rather than private ones. */
  shared?: boolean;
  /**
   * Ids the importer may not reuse: people withheld from the importing member (someone else's
   * private contacts). A new person whose derived id is one of them gets another id, so one
   * member's import never lands on, or reveals, another's private contact.
   */
  takenIds?: ReadonlySet<string>;
  /**
   * The server's now, which the rules for a row replacing a stored record read (a move dated by
   * the server, a history recorded by now: graph/service/import-replacing.ts); default: the system clock.
   */
  now?: Date;
}

/** Formats that are someone's own address book: their new people are private to that someone. */
const PERSONAL_EXPORTS: readonly string[] = ['linkedin', 'vcard'];

/** What importing a file changes, and its report (a whole network document is planned by planDocumentImport). */
export interface FileImportPlan {
  /** Records to upsert: only created or changed ones. */
  document: Pick<NetworkDocument, 'people' | 'interactions' | 'referrals'>;
  report: FileImportReport;
}

/** An interaction or referral of the file, valid, to be upserted unless the store holds it unchanged. */
export interface LinkCandidate<T> {
  record: T;
  rows: number[];
  /** "a → b" by the people's names. */
  label: string;
  /** The record as the document schema gives it, when a worker checked the plan already (written instead of `record`). */
  checked?: T;
}

/**
 * The plan as far as the stored people decide it: every person settled, the interactions and
 * referrals still to be compared with the stored ones (settleLinksSteps). Flat, so that a plan made
 * on a worker thread can come back an array slice at a time (api/file-import-messages.ts).
 */
export interface PeoplePlan {
  format: string;
  dryRun: boolean;
  rows: FileImportReport['rows'];
  skipped: SkippedRow[];
  warnings: RowWarning[];
  people: Counts;
  duplicates: FileImportReport['duplicates'];
  merges: MergeEntry[];
  ambiguous: AmbiguousEntry[];
  /** The people's changes, in row order (the links' follow, once settled). */
  changes: RecordChange[];
  /** People to upsert: only created or changed ones. */
  upserts: Person[];
  interactions: LinkCandidate<StoredInteraction>[];
  referrals: LinkCandidate<StoredReferral>[];
}

/**
 * Leaves `rows` out of the import for `reason`: every skip of the plan is recorded this way, one
 * entry a row with the reason shown for it, and withSkippedRows puts them in row order (a row's
 * reasons in the order they were found).
 */
function skip(skipped: SkippedRow[], rows: readonly number[], reason: string): void {
  for (const row of rows) skipped.push({ row, reason });
}

const issuesOf = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => `${i.path.map(String).join('.') || 'record'}: ${i.message}`).join('; ');

/** Same content whatever the key order (a store may hand records back with keys reordered). */
const sameJson = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : 1))) : x,
  );

/**
 * Stored people with the same normalised name as a new one. Name + company, email and LinkedIn
 * matches are merged (merge-people.ts); a namesake at another company, or with none on one side,
 * may still be the same person: the report flags it rather than doubling them silently.
 */
function namesake(existing: readonly Person[]): (p: Person) => Person[] {
  if (!existing.length) return () => [];
  const byName = new ShardedMap<string, Person[]>();
  for (const p of existing) {
    const key = nameKey(p.name);
    if (key) (byName.get(key) ?? byName.set(key, []).get(key)!).push(p);
  }
  return (p) => byName.get(nameKey(p.name)) ?? [];
}

function possibleDuplicate(p: Person, others: Person[]): string {
  const at = (x: Person) => (x.company ? ` at ${x.company}` : ' (no company)');
  const shown = others.slice(0, 3).map((o) => `${o.name}${at(o)}, id ${o.id}`).join('; ');
  return `possible duplicate: ${p.name}${at(p)} was added as a new person, and the network already has ${shown}; merge them if they are the same person`;
}

function ambiguousReason(on: KeyType, candidates: AmbiguousCandidate[]): string {
  const who = candidates.map((c) => `${c.name} (id ${c.id}${c.existing ? '' : `, ${c.rows.length === 1 ? 'row' : 'rows'} ${c.rows.join(', ')} of this file`}; ${on} ${c.key})`);
  return `ambiguous: matches ${candidates.length} different people equally well on ${on}: ${who.join('; ')}; not imported, since merging into any one would be a guess (add it to the right person by hand)`;
}

/**
 * The member the new people of this import will be private to, as far as the stored people tell
 * (the owner named, or the member importing; none for a shared import or a non-personal format):
 * the ids derived for them hash it in (person-keys.ts derivedPersonId). The same rule as
 * `privateTo` below, settled before the people are merged.
 */
function privateOwner(format: ParsedImport['format'], stored: readonly Person[], options: PlanOptions): string | undefined {
  if (options.shared || !PERSONAL_EXPORTS.includes(format)) return undefined;
  if (options.owner === undefined) return options.importedBy;
  const owner = new PersonResolver(stored).resolve(options.owner);
  return owner.ok ? owner.id : undefined;
}

/** Plans an import of `parsed` into `existing`. Throws ImportFormatError for an unknown owner. */
export function planFileImport(parsed: ParsedImport, existing: ExistingNetwork, options: PlanOptions = {}): FileImportPlan {
  return runAtOnce(planFileImportSteps(parsed, existing, options));
}

/** planFileImport as pausable steps (graph/support/time-slices.ts), for big imports on a server. */
export function* planFileImportSteps(parsed: ParsedImport, existing: ExistingNetwork, options: PlanOptions = {}): Steps<FileImportPlan> {
  const plan = yield* planPeopleSteps(parsed, existing.people, options);
  const links = yield* settleLinksSteps(plan, existing, options.now ?? new Date());
  const changes = plan.changes;
  for (let i = 0; i < links.changes.length; i++) {
    if (i % STEP_EVERY === STEP_EVERY - 1) yield;
    changes.push(links.changes[i]!);
  }
  const { format, dryRun, warnings, people, duplicates, merges, ambiguous } = plan;
  const { skipped, rows } = withSkippedRows(plan.skipped, links.skipped, plan.rows.read);
  return {
    document: { people: plan.upserts, ...links.document },
    report: { format, dryRun, rows, skipped, warnings, people, interactions: links.interactions, referrals: links.referrals, duplicates, merges, ambiguous, changes },
  };
}

/**
 * The part of the plan that needs the stored people only (not the stored links, which can be
 * millions): a large file is planned this far on a worker thread. Throws ImportFormatError for an
 * unknown owner.
 */
export function* planPeopleSteps(parsed: ParsedImport, storedPeople: Iterable<Person>, options: PlanOptions = {}): Steps<PeoplePlan> {
  let count = 0;
  const skipped: SkippedRow[] = [...parsed.skipped];
  const warnings: RowWarning[] = [...parsed.warnings];
  const changes: RecordChange[] = [];
  const merges: MergeEntry[] = [];
  const ambiguous: AmbiguousEntry[] = [];
  const document = { people: [] as Person[] };
  const linkCandidates = { interactions: [] as LinkCandidate<StoredInteraction>[], referrals: [] as LinkCandidate<StoredReferral>[] };
  const people = zeroCounts();
  let withinImport = 0;
  let intoExisting = 0;

  const existingPeople = [...storedPeople];
  // Sharded maps: a million people must not double one hash table in a single step (graph/support/sharded-map.ts).
  const finalPeople = new ShardedMap<string, Person>();
  for (const p of existingPeople) {
    if (++count % STEP_EVERY === 0) yield;
    finalPeople.set(p.id, p);
  }
  /** `at`: the person's place in document.people (−1 when unchanged) */
  const imported: { person: Person; metOn?: string; rows: number[]; created: boolean; at: number }[] = [];
  const sameName = namesake(existingPeople);
  for (const m of yield* mergePeopleSteps(parsed.people, existingPeople, options.update, privateOwner(parsed.format, existingPeople, options))) {
    if (++count % STEP_EVERY === 0) yield;
    const rows = m.drafts.map((d) => d.row);
    if (m.ambiguous) {
      // Merging into any one of them would be a guess: the rows are left out, and say who they could be.
      const { on, candidates } = m.ambiguous;
      ambiguous.push({ name: m.person.name, rows, matchedOn: on, candidates });
      skip(skipped, rows, ambiguousReason(on, candidates));
      continue;
    }
    const valid = personSchema.safeParse(m.person);
    if (!valid.success) {
      skip(skipped, rows, `invalid person: ${issuesOf(valid.error)}`);
      continue;
    }
    warnings.push(...m.notes);
    withinImport += rows.length - 1;
    if (m.existing) intoExisting++;
    if (rows.length > 1 || m.existing) {
      merges.push({ id: m.person.id, name: m.person.name, rows, existing: !!m.existing, matchedOn: m.matchedOn, conflicts: m.conflicts });
    }
    if (!m.existing && options.takenIds?.has(m.person.id)) m.person = { ...m.person, id: freeId(m.person.id, options.takenIds, finalPeople) };
    const op: ChangeOp = !m.existing ? 'create' : sameJson(m.existing, m.person) ? 'unchanged' : 'update';
    if (op === 'create') {
      const others = sameName(m.person);
      if (others.length) warnings.push({ row: rows[0]!, message: possibleDuplicate(m.person, others) });
    }
    people[op === 'create' ? 'created' : op === 'update' ? 'updated' : 'unchanged']++;
    const change: RecordChange = { op, kind: 'person', id: m.person.id, label: m.person.name, rows };
    if (op === 'update') change.fields = changedFields(m.existing!, m.person);
    changes.push(change);
    const at = op !== 'unchanged' ? document.people.push(m.person) - 1 : -1;
    finalPeople.set(m.person.id, m.person);
    const metOn = m.drafts.map((d) => d.metOn).filter((x): x is string => !!x).sort()[0];
    imported.push({ person: m.person, rows, created: op === 'create', at, ...(metOn && { metOn }) });
  }

  // Built only when something refers to people: a plain people import never needs it.
  const resolver = new PersonResolver([]);
  if (options.owner || parsed.interactions.length || parsed.referrals.length) {
    for (const p of finalPeople.values()) {
      if (++count % STEP_EVERY === 0) yield;
      resolver.add(p);
    }
  }
  const label = (a: string, b: string) => `${finalPeople.get(a)?.name ?? a} → ${finalPeople.get(b)?.name ?? b}`;
  const occurrences = new ShardedMap<string, number>();
  // Derived ids leave out what a later export may change (status, value, note), so re-importing an
  // updated sheet updates the record; repeats of the same key in one file are numbered in file order.
  const derive = (prefix: string, ...parts: (string | number | undefined)[]) => {
    const base = `${prefix}-${contentHash(...parts)}`;
    const n = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };

  // The rows each link id of the file came from: an id on two rows would be a duplicate in the
  // document written, refusing the whole file at a path the user never wrote; the later row is skipped.
  const linkRows = { interaction: new ShardedMap<string, number[]>(), referral: new ShardedMap<string, number[]>() };
  const firstOfId = (kind: keyof typeof linkRows, id: string, rows: number[]): boolean => {
    const earlier = linkRows[kind].get(id);
    if (earlier === undefined) {
      linkRows[kind].set(id, rows);
      return true;
    }
    skip(skipped, rows, `the ${kind} id "${id}" is also that of ${earlier.length === 1 ? 'row' : 'rows'} ${earlier.join(', ')} of this file; a record is imported from one row`);
    return false;
  };

  const addInteraction = (record: StoredInteraction, rows: number[]) => {
    const valid = interactionSchema.safeParse(record);
    if (!valid.success) {
      skip(skipped, rows, `invalid interaction: ${issuesOf(valid.error)}`);
      return;
    }
    if (firstOfId('interaction', record.id, rows)) linkCandidates.interactions.push({ record, rows, label: label(record.a, record.b) });
  };

  const owner = options.owner === undefined ? undefined : resolver.resolve(options.owner);
  // The reason alone: each surface names the option its own way (the API's /query/owner, the CLI's --owner).
  if (owner && !owner.ok) throw new ImportFormatError(owner.reason, 'owner');
  const privateTo = options.shared || !PERSONAL_EXPORTS.includes(parsed.format) ? undefined : owner?.ok ? owner.id : options.importedBy;
  if (privateTo !== undefined) {
    // New people only: a contact already in the network keeps the visibility it has.
    for (const entry of imported) {
      if (!entry.created || entry.person.id === privateTo) continue;
      entry.person = { ...entry.person, privateTo };
      document.people[entry.at] = entry.person;
      finalPeople.set(entry.person.id, entry.person);
    }
  }
  if (owner?.ok) {
    for (const { person, metOn, rows } of imported) {
      if (++count % STEP_EVERY === 0) yield;
      if (!metOn || person.id === owner.id) continue;
      const at = metOn;
      addInteraction({ id: derive('i', owner.id, person.id, 'met', at), a: owner.id, b: person.id, kind: 'met', at, note: `Connected on ${parsed.format === 'linkedin' ? 'LinkedIn' : parsed.format}` }, rows);
    }
  }

  /** Both ends of a row resolved to two different people, or the row skipped with the reason. */
  const pair = (row: number, refA: string, refB: string, same: string): [string, string] | undefined => {
    const a = resolver.resolve(refA);
    const b = resolver.resolve(refB);
    const reasons = [a, b].flatMap((r) => (r.ok ? [] : [r.reason]));
    if (!a.ok || !b.ok) skip(skipped, [row], reasons.join('; '));
    else if (a.id === b.id) skip(skipped, [row], `${same} (${a.id})`);
    else return [a.id, b.id];
    return undefined;
  };

  for (const d of parsed.interactions) {
    if (++count % STEP_EVERY === 0) yield;
    const ends = pair(d.row, d.a, d.b, `"${d.a}" and "${d.b}" are the same person`);
    if (!ends) continue;
    const [a, b] = [{ id: ends[0] }, { id: ends[1] }];
    const id = d.id ?? derive('i', a.id, b.id, d.kind, d.at);
    addInteraction({ id, a: a.id, b: b.id, kind: d.kind, at: d.at, ...(d.note && { note: d.note }) }, [d.row]);
  }

  for (const d of parsed.referrals) {
    if (++count % STEP_EVERY === 0) yield;
    const ends = pair(d.row, d.from, d.to, 'giver and receiver are the same person');
    if (!ends) continue;
    const [from, to] = [{ id: ends[0] }, { id: ends[1] }];
    const { row: _row, from: _f, to: _t, id: given, ...rest } = d;
    const record: StoredReferral = { id: given ?? derive('r', from.id, to.id, d.at, d.prospect ?? ''), from: from.id, to: to.id, ...rest };
    const valid = referralSchema.safeParse(record);
    if (!valid.success) {
      skip(skipped, [d.row], `invalid referral: ${issuesOf(valid.error)}`);
      continue;
    }
    if (firstOfId('referral', record.id, [d.row])) linkCandidates.referrals.push({ record, rows: [d.row], label: label(record.from, record.to) });
  }

  warnings.sort((a, b) => a.row - b.row);
  const rowsSkipped = withSkippedRows(skipped, [], parsed.rowsRead);
  return {
    format: parsed.format,
    dryRun: !!options.dryRun,
    rows: rowsSkipped.rows,
    skipped: rowsSkipped.skipped,
    warnings,
    people,
    duplicates: { withinImport, intoExisting },
    merges,
    ambiguous,
    changes,
    upserts: document.people,
    ...linkCandidates,
  };
}

/** The interactions and referrals of a plan once compared with the stored ones. */
export interface SettledLinks {
  /** The ones to upsert: created or changed. */
  document: Pick<NetworkDocument, 'interactions' | 'referrals'>;
  interactions: Counts;
  referrals: Counts;
  /** Their changes, interactions first, each in the plan's order (they follow the people's in the report). */
  changes: RecordChange[];
  /** Rows whose record may not replace the stored one, and why, in the plan's order (withSkippedRows puts them with the plan's). */
  skipped: SkippedRow[];
}

/**
 * Compares each interaction and referral of a plan with the one stored under its id. One that
 * replaces a stored record follows the rule the document import will apply to it
 * (graph/service/import-replacing.ts, as of `now`): a row it refuses is skipped with the rule's
 * reason instead of failing the whole file at a position in a document the user never saw, and
 * the record compared is the one the import writes (a slip with its stored history kept).
 */
export function* settleLinksSteps(plan: Pick<PeoplePlan, 'interactions' | 'referrals'>, stored: Pick<ExistingNetwork, 'interactions' | 'referrals'>, now: Date): Steps<SettledLinks> {
  const settled: SettledLinks = { document: { interactions: [], referrals: [] }, interactions: zeroCounts(), referrals: zeroCounts(), changes: [], skipped: [] };
  yield* settleKindSteps('interaction', plan.interactions, stored.interactions, settled.interactions, settled.document.interactions, settled, now);
  yield* settleKindSteps('referral', plan.referrals, stored.referrals, settled.referrals, settled.document.referrals, settled, now);
  return settled;
}

function* settleKindSteps<K extends 'interaction' | 'referral'>(
  kind: K,
  candidates: readonly LinkCandidate<RecordTypes[K]>[],
  stored: ReadonlyMap<string, RecordTypes[K]>,
  counts: Counts,
  upserts: { push(record: RecordTypes[K]): number },
  settled: Pick<SettledLinks, 'changes' | 'skipped'>,
  now: Date,
): Steps<void> {
  let count = 0;
  for (const { record, rows, label, checked } of candidates) {
    if (++count % STEP_EVERY === 0) yield;
    const previous = stored.get(record.id);
    let written = record;
    if (previous !== undefined) {
      const replacing = importReplacing(kind, previous, record, now);
      if (replacing.issues.length > 0) {
        skip(settled.skipped, rows, `cannot replace the stored ${kind} ${label} (id ${record.id}): ${issuesOf(replacing)}`);
        continue;
      }
      written = replacing.record;
    }
    const op = tally(counts, previous, written);
    settled.changes.push({ op, kind, id: record.id, label, rows });
    if (op !== 'unchanged') upserts.push(checked ?? record);
  }
}

/**
 * The skipped rows of a plan in row order, with `more` (settleLinksSteps's) among them, and the
 * report's row counts: a row counts once however many of its records were skipped.
 */
export function withSkippedRows(skipped: SkippedRow[], more: readonly SkippedRow[], read: number): { skipped: SkippedRow[]; rows: FileImportReport['rows'] } {
  for (const s of more) skipped.push(s);
  // Stable: a row's reasons stay in the order they were found.
  skipped.sort((a, b) => a.row - b.row);
  let distinct = 0;
  for (let i = 0; i < skipped.length; i++) if (i === 0 || skipped[i]!.row !== skipped[i - 1]!.row) distinct++;
  return { skipped, rows: { read, imported: read - distinct, skipped: distinct } };
}

/** `id` with the first numeric suffix that names nobody, withheld or not. */
function freeId(id: string, taken: ReadonlySet<string>, people: Pick<ShardedMap<string, Person>, 'has'>): string {
  for (let n = 2; ; n++) {
    const candidate = `${id}-${n}`;
    if (!taken.has(candidate) && !people.has(candidate)) return candidate;
  }
}

function tally<T>(counts: Counts, before: T | undefined, after: T): ChangeOp {
  const op: ChangeOp = !before ? 'create' : sameJson(before, after) ? 'unchanged' : 'update';
  counts[op === 'create' ? 'created' : op === 'update' ? 'updated' : 'unchanged']++;
  return op;
}

function changedFields(before: Person, after: Person): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const f of fields) {
    const a = (before as Record<string, unknown>)[f];
    const b = (after as Record<string, unknown>)[f];
    if (f === 'attributes') {
      const keys = new Set([...Object.keys(before.attributes ?? {}), ...Object.keys(after.attributes ?? {})]);
      for (const k of keys) if (own(before.attributes, k) !== own(after.attributes, k)) out.push(`attributes.${k}`);
    } else if (!sameJson(a, b)) out.push(f);
  }
  return out;
}
