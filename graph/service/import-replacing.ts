/**
 * The one rule an import follows for a record that replaces a stored one, a network document's
 * record and a file's row alike: a referral is written as referralReplacing says (its recorded
 * history kept, its move dated by the server, a move the lifecycle forbids refused), an intro
 * request must keep its recorded history (recordedIntroHistoryIssues). The document import refuses
 * the whole document for a problem (at /collection/N/…); a file import skips the row saying why
 * (graph/importers/plan.ts), so both read the same verdict from here.
 */
import type { RecordKind, RecordTypes } from '../records.js';
import type { IntroRequest, StoredReferral } from '../schema.js';
import { recordedIntroHistoryIssues } from './intro-requests.js';
import type { HistoryIssue } from './recorded-history.js';
import { referralReplacing } from './referral-status.js';

/** What an import writes in place of `previous`, and the problems that refuse it (paths under the record); none for kinds without such a rule. */
export function importReplacing<K extends RecordKind>(kind: K, previous: RecordTypes[K], next: RecordTypes[K], now: Date): { record: RecordTypes[K]; issues: HistoryIssue[] } {
  if (kind === 'referral') {
    const slip = next as StoredReferral;
    // The rule PUT follows for the same slip; a refused move is named at its status.
    const replaced = referralReplacing(previous as StoredReferral, slip, slip.changes !== undefined, now);
    const refused: HistoryIssue[] = replaced.refused === undefined ? [] : [{ path: ['status'], message: replaced.refused }];
    return { record: replaced.record as RecordTypes[K], issues: [...refused, ...replaced.issues] };
  }
  if (kind === 'introRequest') return { record: next, issues: recordedIntroHistoryIssues(previous as IntroRequest, next as IntroRequest, now) };
  return { record: next, issues: [] };
}
