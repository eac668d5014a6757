/**
 * The one rule for a write that replaces a record with a dated status history (a referral slip's,
 * an intro request's): the history it gives must begin with the changes recorded by now, each as
 * it was, and may only add later moves. Answers about earlier dates read the recorded changes, so
 * removing, cutting short or rewriting one would change answers already given. Each kind says how
 * two changes differ and how a user reads one; the rule and its wording live here once.
 */
import { toMs } from '../analytics/time.js';

/** A problem of a history: the path under the record (['changes', k, 'status']) and what is wrong. */
export interface HistoryIssue {
  path: (string | number)[];
  message: string;
}

/** One dated change of a history, as every kind has it. */
export interface DatedChange {
  readonly status: string;
  readonly at: string;
}

/** How one kind of history is compared and worded. */
export interface HistoryWording<C extends DatedChange> {
  /** "the slip", "the request": whose history it is. */
  readonly owner: string;
  /** How to keep the history, appended to every message. */
  readonly keep: string;
  /** One change as a user reads it: "won (worth 1000) on 2026-12-07T10:15:42.000Z". */
  readonly words: (c: C) => string;
  /** The field of a given change that differs from the recorded one at index k, if any. */
  readonly differs: (recorded: C, given: C, k: number) => string | undefined;
  /** The given change at index k as the message names it (defaults to words). */
  readonly givenWords?: (c: C, k: number) => string;
}

/** The changes of a stored history dated by `now` (a prefix: histories are in date order). */
export function recordedBy<C extends DatedChange>(stored: readonly C[], now: Date): C[] {
  const nowMs = now.getTime();
  const end = stored.findIndex((c) => !(toMs(c.at) <= nowMs));
  return end < 0 ? [...stored] : stored.slice(0, end);
}

/** The issue of a write leaving out a recorded history altogether. */
export function removedHistoryIssue<C extends DatedChange>(recorded: readonly C[], w: HistoryWording<C>): HistoryIssue {
  return { path: ['changes'], message: `would remove ${w.owner}'s recorded history (${recorded.map(w.words).join('; ')}): answers about earlier dates read it, so it is kept; ${w.keep}` };
}

/** The first way `given` fails to begin with `recorded`: a recorded change left out or rewritten. */
export function keptPrefixIssues<C extends DatedChange>(recorded: readonly C[], given: readonly C[], w: HistoryWording<C>): HistoryIssue[] {
  for (let k = 0; k < recorded.length; k++) {
    const was = recorded[k]!;
    const gave = given[k];
    if (gave === undefined) {
      const left = recorded.slice(k);
      const one = left.length === 1;
      return [{ path: ['changes'], message: `leaves out the recorded ${one ? 'change' : 'changes'} ${left.map(w.words).join('; ')}: answers about earlier dates read ${one ? 'it' : 'them'}, so ${one ? 'it is' : 'they are'} kept; ${w.keep}` }];
    }
    const field = w.differs(was, gave, k);
    if (field !== undefined) {
      const said = w.givenWords ? w.givenWords(gave, k) : w.words(gave);
      return [{ path: ['changes', k, field], message: `must be the recorded change ${w.words(was)}, not ${said}: a recorded change is kept as it is (answers about earlier dates read it); ${w.keep}` }];
    }
  }
  return [];
}
