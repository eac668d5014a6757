/**
 * Snooze and "not relevant" on a "this week" row, as dismissal records (graph/schema.ts). One
 * dismissal per person and row: its id derives from the two, so dismissing again replaces it and
 * taking it back finds it without a lookup. An import holds to the same rule (a dismissal's id
 * must be the derived one, its row a key the week writes), so no way in makes a second one.
 */
import { z } from 'zod';
import type { RecordSet } from '../record-set.js';
import { pairKey } from '../records.js';
import { dateSchema, dismissalKindSchema, SNOOZE_IN_THE_PAST, snoozeEndsAfter, type Dismissal } from '../schema.js';
import { STEP_EVERY, type Steps } from '../support/time-slices.js';
import { digest } from './canonical.js';
import { ValidationError, type Issue } from './errors.js';
import { jsonPointer } from './issues.js';
import { parseRowKey, rowKeyProblem } from './this-week.js';
import { isObject } from '../support/is-object.js';

/** Why a row key is refused, by the route and the import alike. */
const NOT_A_ROW_KEY = 'is not the key of a row of the week (followUp:…, dormant:…, owed:…, intro:…, slip:…, as GET …/week gives them)';

/**
 * True for a key shaped as the week writes them (parseRowKey): only such a row can be hidden; any
 * other would hide nothing, for ever. Whether it is a row of one person's week is rowProblems'.
 */
export function isRowKey(row: string): boolean {
  return parseRowKey(row) !== undefined;
}

/** Body of a dismissal request: which row, how, and (snoozed) until when. */
export const dismissRequestSchema = z
  .strictObject({
    row: z
      .string()
      .min(1, 'must not be empty')
      .max(1000, 'at most 1000 characters')
      .refine((row) => row === '' || isRowKey(row), NOT_A_ROW_KEY),
    kind: dismissalKindSchema,
    until: dateSchema.optional().describe('snoozed: when the row comes back; must be after now (the dismissal\'s own date)'),
  })
  .refine((d) => (d.kind === 'snoozed') === (d.until !== undefined), {
    message: 'give until for a snoozed row, and only for one',
    path: ['until'],
  });
export type DismissRequest = z.infer<typeof dismissRequestSchema>;

/** The id of a person's dismissal of a row. */
export function dismissalId(person: string, row: string): string {
  return `dm-${digest(pairKey(person, row))}`;
}

/**
 * The record a request makes, stamped with the instant it was made: the row is hidden from then
 * on (a week as of any earlier instant still shows it), and "now" as the week reads it when asked
 * for no date is the end of the current minute (endOfTheMinute), so the week asked right after
 * hides it. A snooze must end after that instant (ValidationError on
 * `/until`): one ending earlier would hide the row at no instant.
 */
export function dismissalRecord(person: string, request: DismissRequest, now: Date): Dismissal {
  const at = now.toISOString();
  if (request.until !== undefined && !snoozeEndsAfter(request.until, at)) {
    throw new ValidationError([{ path: '/until', message: SNOOZE_IN_THE_PAST(at) }]);
  }
  return {
    id: dismissalId(person, request.row),
    person,
    row: request.row,
    kind: request.kind,
    ...(request.until !== undefined ? { until: request.until } : {}),
    at,
  };
}

/** What a row key's ids are checked against: the people, events and referrals a writer may name. */
export interface RowReferents {
  /** True for a person that exists and the writer sees. */
  person(id: string): boolean;
  event(id: string): boolean;
  /** The ends of a referral that exists and whose two ends the writer sees; undefined for any other. */
  referral(id: string): { from: string; to: string } | undefined;
}

/**
 * Why `person` may not hide `row`, as messages for `/row`; none when they may. First what the row
 * names (rowReferenceProblems: a person withheld from the writer in the words a person nobody
 * holds gets), then, of a row whose every referent the writer knows, whether it is a row of that
 * person's week at all (rowKeyProblem: a self-reference, an introduction's pair reversed, someone
 * else's slip), which says nothing the writer may not know. Every way a dismissal is written
 * asks this (the routes, an import, a merge); a dismissal stored before it was asked still
 * loads, shows under `hidden` and can be taken back.
 */
export function rowProblems(person: string, row: string, known: RowReferents): string[] {
  const unknown = rowReferenceProblems(row, known);
  if (unknown.length > 0) return unknown;
  const problem = rowKeyProblem(person, row, (id) => known.referral(id));
  return problem === undefined ? [] : [problem];
}

/**
 * The referents of a row key that are unknown to the writer, as messages in the words every
 * unknown reference gets (references.ts): `unknown person "…"` for a person nobody holds and for
 * one withheld from the writer alike, so the answer never says a hidden person is there. A row
 * naming what does not exist would hide nothing, for ever; one naming a person the writer does not
 * see would be a record about them its own writer could never see again.
 */
function rowReferenceProblems(row: string, known: RowReferents): string[] {
  const parsed = parseRowKey(row);
  if (parsed === undefined) return []; // not a row key: refused as such
  const { section, ids } = parsed;
  const kinds: ('person' | 'event' | 'referral')[] = section === 'slip' ? ['referral'] : section === 'followUp' ? ['person', 'event'] : ids.map(() => 'person');
  return ids.flatMap((id, i) => (known[kinds[i]!](id) ? [] : [`unknown ${kinds[i]!} "${id}"`]));
}

/** The referents of the stored records, people `withheld` from the writer unknown. */
export function storedReferents(records: RecordSet, withheld: ReadonlySet<string>): RowReferents {
  const person = (id: string) => records.has('person', id) && !withheld.has(id);
  return {
    person,
    event: (id) => records.has('event', id),
    referral(id) {
      const r = records.get('referral', id);
      return r !== undefined && person(r.from) && person(r.to) ? { from: r.from, to: r.to } : undefined;
    },
  };
}

/**
 * True when a stored dismissal could still be written as it is: one whose row names a person,
 * event or referral since deleted (or merged away), or is no row of its person's week (stored
 * before that was checked), hides nothing, for ever, and an import would refuse it (rowProblems),
 * so an export leaves it out (storedDocument). The store keeps it.
 */
export function couldBeWrittenNow(records: RecordSet, d: Pick<Dismissal, 'person' | 'row'>): boolean {
  return rowProblems(d.person, d.row, storedReferents(records, new Set())).length === 0;
}

/**
 * The keys of a person's dismissals of a row: one at most, but a store written before imports held
 * to the derived id may hold more, and taking the row back or dismissing it again takes them all.
 */
export function dismissalsOfRow(records: RecordSet, person: string, row: string): string[] {
  return [...records.dismissalsOf.get(person)].filter((key) => records.get('dismissal', key)?.row === row);
}

/**
 * What the document schema leaves to the service about a document's dismissals: each row a key the
 * week writes (as the route requires) and each id the one derived from its person and row, so an
 * import replaces that person's dismissal of that row instead of adding a second one. Reads the
 * raw input defensively, like the reference checks, so one answer lists every problem.
 */
export function* checkDocumentDismissalsSteps(input: unknown, records?: RecordSet, withheld: ReadonlySet<string> = new Set()): Steps<Issue[]> {
  const list = isObject(input) && Array.isArray(input.dismissals) ? (input.dismissals as unknown[]) : [];
  const issues: Issue[] = [];
  const known = list.length > 0 && records !== undefined ? documentReferents(input, records, withheld) : undefined;
  for (let i = 0; i < list.length; i++) {
    if (i % STEP_EVERY === STEP_EVERY - 1) yield;
    const d = list[i];
    if (!isObject(d) || typeof d.row !== 'string' || d.row === '') continue;
    if (!isRowKey(d.row)) {
      issues.push({ path: jsonPointer(['dismissals', i, 'row']), message: NOT_A_ROW_KEY });
      continue;
    }
    if (typeof d.person !== 'string') continue;
    if (known) for (const message of rowProblems(d.person, d.row, known)) issues.push({ path: jsonPointer(['dismissals', i, 'row']), message });
    if (typeof d.id !== 'string') continue;
    const id = dismissalId(d.person, d.row);
    if (d.id !== id) issues.push({ path: jsonPointer(['dismissals', i, 'id']), message: `must be "${id}": a dismissal's id is derived from its person and row (one dismissal per person and row)` });
  }
  return issues;
}


/**
 * The referents a document's rows may name: those stored (as the writer sees them) and those the
 * document itself brings (its people, events and referrals, whose own references are checked
 * as theirs). Reads the raw input, like the checks above.
 */
function documentReferents(input: unknown, records: RecordSet, withheld: ReadonlySet<string>): RowReferents {
  const idsOf = (collection: string) => {
    const list = isObject(input) && Array.isArray(input[collection]) ? (input[collection] as unknown[]) : [];
    return new Set(list.flatMap((x) => (isObject(x) && typeof x.id === 'string' ? [x.id] : [])));
  };
  const [people, events] = [idsOf('people'), idsOf('events')];
  const referrals = new Map<string, { from: string; to: string }>();
  const brought = isObject(input) && Array.isArray(input.referrals) ? (input.referrals as unknown[]) : [];
  for (const r of brought) if (isObject(r) && typeof r.id === 'string' && typeof r.from === 'string' && typeof r.to === 'string') referrals.set(r.id, { from: r.from, to: r.to });
  const stored = storedReferents(records, withheld);
  return {
    person: (id) => people.has(id) || stored.person(id),
    event: (id) => events.has(id) || stored.event(id),
    referral: (id) => referrals.get(id) ?? stored.referral(id),
  };
}

/**
 * Of two dismissals of one person's row, the one that stands: the later choice (by `at`), as
 * dismissing a row again replaces the earlier choice. At the same instant the one already under
 * the derived id, then the one hiding the row longer (not relevant, else the later `until`), then
 * the smaller id, so the outcome never depends on the order a store hands them back.
 */
function standsOver(a: Dismissal, b: Dismissal): boolean {
  const [atA, atB] = [Date.parse(a.at), Date.parse(b.at)];
  if (atA !== atB) return atA > atB;
  const [derivedA, derivedB] = [a.id === dismissalId(a.person, a.row), b.id === dismissalId(b.person, b.row)];
  if (derivedA !== derivedB) return derivedA;
  if (a.kind !== b.kind) return a.kind === 'not_relevant';
  const [untilA, untilB] = [Date.parse(a.until ?? ''), Date.parse(b.until ?? '')];
  if (untilA !== untilB) return untilA > untilB;
  return a.id < b.id;
}

/**
 * Of dismissals of one person's row, the one that stands (standsOver); undefined for none. What
 * the export keeps of two (canonicalDismissals) and what a merge keeps when a rewritten dismissal
 * meets one of the same row (merge-two-people.ts) are decided here alike.
 */
export function standingDismissal(list: Iterable<Dismissal>): Dismissal | undefined {
  let kept: Dismissal | undefined;
  for (const d of list) if (kept === undefined || standsOver(d, kept)) kept = d;
  return kept;
}

/**
 * The dismissals as the rule has them: each under its derived id, one per person and row. A store
 * written before imports held to that rule may hold others (and two of one row), which its export
 * would carry into a document the import refuses; rewritten here, the export imports back whole.
 * The kept one of a row takes the place of the row's first; the same list when nothing needs it.
 */
export function canonicalDismissals(all: Dismissal[], records?: RecordSet): Dismissal[] {
  const list = records === undefined || all.every((d) => couldBeWrittenNow(records, d)) ? all : all.filter((d) => couldBeWrittenNow(records, d));
  if (list.every((d) => d.id === dismissalId(d.person, d.row))) return list;
  const byId = new Map<string, Dismissal[]>();
  for (const d of list) {
    const id = dismissalId(d.person, d.row);
    const row = byId.get(id);
    if (row === undefined) byId.set(id, [d]);
    else row.push(d);
  }
  const out: Dismissal[] = [];
  for (const [id, row] of byId) {
    const d = standingDismissal(row)!;
    out.push(d.id === id ? d : { ...d, id });
  }
  return out;
}
