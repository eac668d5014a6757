/**
 * The referral lifecycle passed → contacted → won | lost, and a referral's dated history of it.
 *
 * A status may move forward or stay; a closed referral (won or lost) is final, so a PATCH cannot
 * quietly reopen or flip it. `changes` (graph/schema.ts) is the slip's dated status history: the
 * first entry is the slip as passed, at the referral's own `at`; each later one a move this file
 * allows, in date order; the last one the referral's current status and value. Answers as of an
 * instant read the status and value the slip had then (referralAsOf), so closing a slip today
 * changes no answer about an earlier date (docs/DOMAIN.md, Referral), and no write removes or
 * rewrites what is recorded (recordedHistoryIssues). A referral with no history
 * has only its status and value, which count from its `at` (as every referral did before).
 */
// Types only from the schema: the schema checks histories with this file (no import cycle at run time).
import type { Referral, ReferralChange, ReferralStatus } from '../schema.js';
import { toMs } from '../analytics/time.js';
import { keptPrefixIssues, recordedBy, removedHistoryIssue, type HistoryIssue, type HistoryWording } from './recorded-history.js';

export type { HistoryIssue } from './recorded-history.js';

const RANK: Record<ReferralStatus, number> = { passed: 0, contacted: 1, won: 2, lost: 2 };

/** Why the move is not allowed, or undefined when it is. */
export function statusMoveProblem(from: ReferralStatus, to: ReferralStatus): string | undefined {
  if (from === to) return undefined;
  if (RANK[from] === 2) return `the referral is already ${from}; a closed referral cannot change status`;
  if (RANK[to] < RANK[from]) return `status cannot go back from ${from} to ${to}`;
  return undefined;
}

/** A slip's status and value at one instant: the referral itself, or one entry of its history. */
export interface ReferralState {
  readonly status: ReferralStatus;
  readonly value?: number | undefined;
}

/**
 * The status and value the referral had at `asOf` (epoch ms): the last history entry dated at or
 * before it; with no history, the referral's own. Undefined before the referral's `at` (it was not
 * passed yet). Every reader of a referral's status or value as of an instant goes through here.
 * Allocates nothing: it returns the referral or one of its entries.
 */
export function referralAsOf(r: Pick<Referral, 'at' | 'status' | 'value' | 'changes'>, asOf: number): ReferralState | undefined {
  if (!(toMs(r.at) <= asOf)) return undefined;
  const changes = r.changes;
  if (changes === undefined || changes.length === 0) return r;
  for (let k = changes.length - 1; k > 0; k--) if (toMs(changes[k]!.at) <= asOf) return changes[k];
  return changes[0];
}

/** The latest instant (ms) of a referral's history, or −Infinity when it has none. */
export function lastChangeMs(r: Pick<Referral, 'changes'>): number {
  let last = -Infinity;
  for (const c of r.changes ?? []) {
    const ms = toMs(c.at);
    if (ms > last) last = ms;
  }
  return last;
}


const isStatus = (v: unknown): v is ReferralStatus => typeof v === 'string' && Object.hasOwn(RANK, v);

/**
 * The problems of a referral's history against the referral (none when it has no history): the
 * first entry not at the referral's `at`, entries out of date order, a move statusMoveProblem
 * refuses, a last entry whose status or value is not the referral's. A history contradicting the
 * record would make answers as of a date read a status the slip never had, so it is refused,
 * never repaired. Reads what it is given defensively (the schema may have found other faults).
 */
export function referralHistoryIssues(r: { at?: unknown; status?: unknown; value?: unknown; changes?: unknown }): HistoryIssue[] {
  const changes = r.changes;
  if (!Array.isArray(changes) || changes.length === 0) return [];
  const issues: HistoryIssue[] = [];
  const at = typeof r.at === 'string' ? toMs(r.at) : NaN;
  let prev: { status: ReferralStatus; at: number } | undefined;
  for (let k = 0; k < changes.length; k++) {
    const c = changes[k] as { status?: unknown; at?: unknown } | null;
    if (c === null || typeof c !== 'object' || !isStatus(c.status)) {
      prev = undefined; // the schema names it; what follows cannot be judged against it
      continue;
    }
    const when = typeof c.at === 'string' ? toMs(c.at) : NaN;
    if (k === 0 && !Number.isNaN(when) && !Number.isNaN(at) && when !== at) {
      issues.push({ path: ['changes', 0, 'at'], message: `must be the referral's own date (${String(r.at)}), not ${String(c.at)}: the first change is the slip as passed` });
    }
    if (prev !== undefined) {
      const refused = statusMoveProblem(prev.status, c.status);
      if (refused) issues.push({ path: ['changes', k, 'status'], message: `"${c.status}" cannot follow "${prev.status}": ${refused}` });
      if (!Number.isNaN(when) && !Number.isNaN(prev.at) && when < prev.at) {
        issues.push({ path: ['changes', k, 'at'], message: `${String(c.at)} is before the change above it: changes are listed in date order` });
      }
    }
    prev = { status: c.status, at: when };
  }
  const last = changes.at(-1) as { status?: unknown; value?: unknown } | null;
  if (last !== null && typeof last === 'object' && isStatus(last.status) && isStatus(r.status)) {
    if (last.status !== r.status) {
      issues.push({ path: ['changes'], message: `end at "${last.status}" but status is "${r.status}": the status is where the history ends (add the missing change, or correct the status)` });
    } else if (last.value !== r.value) {
      const shown = (v: unknown) => (v === undefined ? 'none' : JSON.stringify(v));
      issues.push({ path: ['changes'], message: `end with value ${shown(last.value)} but value is ${shown(r.value)}: the value is the last change's (add the change, or correct the value)` });
    }
  }
  return issues;
}

/** A history entry of the slip as it stands (`at`: when it took that status and value). */
function entry(r: Pick<Referral, 'status' | 'value'>, at: string): ReferralChange {
  return { status: r.status, at, ...(r.value !== undefined ? { value: r.value } : {}) };
}

/**
 * The history of `next`, a write of the referral `previous` that did not give its own: the
 * previous history (re-dated to `next.at` at its first entry, the slip as passed), and when the
 * status or value changed, the move, dated `now` to the millisecond (as intro requests' moves and
 * dismissals are: dated to the minute, a write changed answers as of the seconds before it) but never before the slip's `at` nor the entry above it (moveAheadOfClock refuses the write when
 * those are after `now`, so the move is never dated after it either). A slip with no history gets
 * its first entry from the previous status and value at `at`, so every answer before the move
 * stays as it was. Unchanged status and value keep the history as it was (none stays none).
 */
export function historyAfterWrite(previous: Referral, next: Referral, now: Date): ReferralChange[] | undefined {
  const kept = previous.changes !== undefined && previous.changes.length > 0 ? previous.changes : undefined;
  if (!moves(previous, next)) return kept && redated(kept, next.at);
  const history = redated(kept ?? [entry(previous, previous.at)], next.at);
  return [...history, entry(next, new Date(Math.max(now.getTime(), moveFloor(history, next.at))).toISOString())];
}

const moves = (previous: Referral, next: Referral) => previous.status !== next.status || previous.value !== next.value;

/** The earliest instant (ms) a move of the slip may be dated: its `at`, and every entry already in its history. */
function moveFloor(history: readonly ReferralChange[], at: string): number {
  return Math.max(toMs(at), ...history.map((c) => toMs(c.at)));
}

/**
 * Why the server cannot record this write's move now, or undefined: the slip's `at` or the last
 * entry of its stored history is after `now` (a history written before future entries were
 * refused, or a slip dated ahead). Dated now, the move would come before that entry; dated at it,
 * the move would be in the future, so the record would say one status while every answer as of
 * now reads another. Neither is recorded: the write is refused, and the client gives the history.
 */
export function moveAheadOfClock(previous: Referral, next: Referral, now: Date): string | undefined {
  if (!moves(previous, next)) return undefined;
  const kept = previous.changes !== undefined && previous.changes.length > 0 ? redated(previous.changes, next.at) : [];
  if (!(moveFloor(kept, next.at) > now.getTime())) return undefined;
  const clock = `the server's clock (${now.toISOString()})`;
  if (toMs(next.at) > now.getTime()) {
    return `the referral is dated ${next.at}, after ${clock}: a move recorded now would come before the slip was passed; correct its at, or leave its status and value as they are`;
  }
  const last = kept.reduce((a, c) => (toMs(c.at) > toMs(a.at) ? c : a));
  return `its history runs to ${last.at}, after ${clock}: a move recorded now would come before that change; send its history (changes) with the write, each change dated by now`;
}

/**
 * The changes of the stored referral that answers up to `now` have read: its history's entries
 * dated by then (a prefix: the history is in date order), or, with no history, the slip as it was
 * recorded from its `at` (its status and value count from then). Entries after `now` were written
 * by a clock running ahead; no answer so far read them, and a write may date them again.
 */
function recordedChanges(previous: Referral, now: Date): ReferralChange[] {
  return recordedBy(previous.changes !== undefined && previous.changes.length > 0 ? previous.changes : [entry(previous, previous.at)], now);
}

/** "won (worth 1000)": a status and value as a user reads them. */
function stateWords(c: ReferralState): string {
  return c.value !== undefined ? `${c.status} (worth ${c.value})` : c.status;
}

/** "won (worth 1000) on 2026-12-07T10:15:42.000Z": one change as a user reads it. */
function changeWords(c: ReferralState & { at: string }): string {
  return `${stateWords(c)} on ${c.at}`;
}

/**
 * The problems of the history a write gives (`next.changes`; left out or empty reads as none) for
 * the stored referral `previous`: it must begin with the recorded changes (recordedChanges), each
 * with its status, date and value (its note may be edited: no answer reads one; the first entry's
 * date is the referral's `at`, which the write may move), and may add later moves after them (a
 * close backdated to the day it happened). Removing, emptying, cutting short or rewriting the
 * recorded history would change answers already given about earlier dates, so it is refused, as
 * a move back is. A slip with no history keeps none only while its status and value stay.
 */
export function recordedHistoryIssues(previous: Referral, next: Referral, now: Date): HistoryIssue[] {
  const recorded = recordedChanges(previous, now);
  if (recorded.length === 0) return [];
  const given = next.changes !== undefined && next.changes.length > 0 ? next.changes : undefined;
  if (given === undefined) {
    if (previous.changes !== undefined && previous.changes.length > 0) return [removedHistoryIssue(recorded, SLIP_HISTORY)];
    const was = recorded[0]!;
    if (was.status === next.status && was.value === next.value) return [];
    return [{ path: ['changes'], message: `without a history the slip would count as ${stateWords(next)} from its at (${next.at}), but it was recorded ${stateWords(was)} then: answers about earlier dates read that; ${SLIP_HISTORY.keep}` }];
  }
  return keptPrefixIssues(recorded, given, SLIP_HISTORY);
}

/** How a slip's history is compared (status, date after the first, value; never the note) and worded. */
const SLIP_HISTORY: HistoryWording<ReferralChange> = {
  owner: 'the slip',
  keep: 'give changes starting with the recorded ones (a later move may follow them), or leave changes out and the server keeps the history and records the move',
  words: changeWords,
  // The first entry is dated by the referral's `at`, which a write may move.
  differs: (was, gave, k) => (was.status !== gave.status ? 'status' : k > 0 && toMs(was.at) !== toMs(gave.at) ? 'at' : was.value !== gave.value ? 'value' : undefined),
  givenWords: (gave, k) => (k === 0 ? `${stateWords(gave)} at the slip's at` : changeWords(gave)),
};

/**
 * The referral a write of `previous` makes when it gave no history of its own (PUT, PATCH, an
 * import): `next` with the stored history and the write's move (historyAfterWrite), and the
 * problems of that history (referralHistoryIssues: only when the write moved `at` past a recorded
 * move), for the caller to refuse the write with.
 */
export function referralAfterWrite<R extends Referral>(previous: Referral, next: R, now: Date): { record: R; issues: HistoryIssue[] } {
  const { changes: _given, ...fields } = next;
  const changes = historyAfterWrite(previous, next, now);
  const record = (changes ? { ...fields, changes } : fields) as R;
  return { record, issues: referralHistoryIssues(record) };
}

/**
 * The one rule for a write replacing the stored referral `previous` with `next`, PUT, PATCH and an
 * import alike: a move the lifecycle forbids (back, or out of a closed status) is refused
 * (`refused`: statusMoveProblem; a history cannot list such a move, so it could only be written by
 * rewriting what answers about earlier dates read); a write giving its own history (`givesHistory`,
 * an empty or removed one included) keeps it when it keeps the recorded changes (`issues`:
 * recordedHistoryIssues), checked whole by the schema (and, where it comes in, for entries after
 * now: history-dates.ts); any other gets the stored history with its move recorded, dated by the
 * server (referralAfterWrite, whose `issues` refuse it when that history does not fit), refused
 * (`refused`) when the stored history runs past the server's clock (moveAheadOfClock).
 */
export function referralReplacing<R extends Referral>(previous: Referral, next: R, givesHistory: boolean, now: Date): { record: R; refused?: string; issues: HistoryIssue[] } {
  const refused = statusMoveProblem(previous.status, next.status);
  if (refused !== undefined) return { record: next, refused, issues: [] };
  if (givesHistory) return { record: next, issues: recordedHistoryIssues(previous, next, now) };
  const ahead = moveAheadOfClock(previous, next, now);
  if (ahead !== undefined) return { record: next, refused: ahead, issues: [] };
  return referralAfterWrite(previous, next, now);
}

/** The history with its first entry dated `at` (the referral's own date, which a write may change). */
function redated(history: readonly ReferralChange[], at: string): ReferralChange[] {
  const [first, ...rest] = history;
  return first === undefined || first.at === at ? [...history] : [{ ...first, at }, ...rest];
}
