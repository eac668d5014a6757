/**
 * Import use-case: validate a whole network document against its schema and against the network
 * it lands in, then write it as one atomic unit. Either every record is written or, when anything
 * is wrong, none is and the caller gets every problem at once.
 */
import type { RecordSet } from '../record-set.js';
import { COLLECTION_OF, RECORD_KINDS, keyOf, type AnyRecord, type Change } from '../records.js';
import type { Dismissal, NetworkDocument } from '../schema.js';
import { importReplacing } from './import-replacing.js';
import { futureEntries } from './history-dates.js';
import { jsonPointer } from './issues.js';
import { sameContent } from './canonical.js';
import { ValidationError, type Issue } from './errors.js';
import { assignContentIdsSteps } from './ids.js';
import { checkDocumentShapeSteps, type DocumentShape } from './document-shape.js';
import { checkDocumentReferencesSteps } from './references.js';
import { checkDocumentDismissalsSteps, dismissalsOfRow } from './dismissals.js';
import { checkDocumentIntroRequestsSteps } from './intro-requests.js';
import { STEP_EVERY, runAtOnce, type Steps } from '../support/time-slices.js';
import { isObject } from '../support/is-object.js';
import { ownPrivateContactProblem } from './contact-visibility.js';

export type Collection = NetworkDocument extends infer D ? keyof D : never;
export type CountsByCollection = Record<Collection, number>;

/** What a document import did, per collection of the document (a file import has its own: FileImportReport). */
export interface DocumentImportReport {
  created: CountsByCollection;
  updated: CountsByCollection;
  unchanged: CountsByCollection;
  /** The store version after the import (unchanged when nothing was written). */
  version: number;
}

/** The changes a document import makes, and its report before it is written. */
export interface DocumentImportPlan {
  changes: Change[];
  report: Omit<DocumentImportReport, 'version'>;
}

export { checkDocumentShape, type DocumentShape } from './document-shape.js';

/**
 * Validates `input` (unless its `shape` was checked already, e.g. on a worker) and works out the changes it makes to `records`. Throws ValidationError with
 * every problem (shape, duplicates, unknown references) and touches nothing.
 */
export function planDocumentImport(input: unknown, records: RecordSet, shape?: DocumentShape): DocumentImportPlan {
  return runAtOnce(planDocumentImportSteps(input, records, shape));
}

/** planDocumentImport as pausable steps, for runInSlices (a million-record plan takes about a second). */
export function* planDocumentImportSteps(input: unknown, records: RecordSet, given?: DocumentShape, withheld?: ReadonlySet<string>, now = new Date()): Steps<DocumentImportPlan> {
  const shape = given ?? (yield* checkDocumentShapeSteps(input));
  const issues: Issue[] = shape.success ? [] : [...shape.issues];
  if (!shape.success && (input === null || typeof input !== 'object' || Array.isArray(input))) {
    throw new ValidationError(issues);
  }
  // The schema changes no id or reference field, so on success its output is checked just as the input would be.
  for (const issue of yield* checkDocumentReferencesSteps(shape.success ? shape.data : input, records, withheld)) issues.push(issue);
  for (const issue of yield* checkDocumentDismissalsSteps(shape.success ? shape.data : input, records, withheld)) issues.push(issue);
  for (const issue of yield* checkDocumentIntroRequestsSteps(shape.success ? shape.data : input)) issues.push(issue);
  for (const issue of yield* checkDocumentPrivateToSteps(input)) issues.push(issue);
  for (const issue of yield* checkDocumentFutureHistoriesSteps(input, now)) issues.push(issue);
  if (!shape.success || issues.length > 0) throw new ValidationError(issues);

  const doc = shape.data;
  const withIds: NetworkDocument = {
    ...doc,
    interactions: yield* assignContentIdsSteps('interaction', doc.interactions),
    referrals: yield* assignContentIdsSteps('referral', doc.referrals),
  };

  const report = { created: zeroCounts(), updated: zeroCounts(), unchanged: zeroCounts() };
  const changes: Change[] = [];
  const historyIssues: Issue[] = [];
  for (const kind of RECORD_KINDS) {
    const collection = COLLECTION_OF[kind];
    let step = 0;
    const list = withIds[collection] as AnyRecord[];
    for (let index = 0; index < list.length; index++) {
      let record = list[index]!;
      if (++step % STEP_EVERY === 0) yield;
      if (kind === 'dismissal') {
        // One per person and row: the imported one also replaces the person's choice for the row stored under another id (an older store's).
        const d = record as Dismissal;
        for (const key of dismissalsOfRow(records, d.person, d.row)) if (key !== d.id) changes.push({ op: 'delete', kind: 'dismissal', key });
      }
      const previous = records.get(kind, keyOf(kind, record as never));
      if (previous !== undefined) {
        // The rule a file import's rows follow too (import-replacing.ts); in a document each refusal is one of its problems.
        const replaced = importReplacing(kind, previous, record, now);
        record = replaced.record;
        for (const i of replaced.issues) historyIssues.push({ path: jsonPointer([collection, index, ...i.path]), message: i.message });
      }
      if (previous === undefined) report.created[collection]++;
      else if (sameContent(previous, record)) {
        report.unchanged[collection]++;
        continue;
      } else report.updated[collection]++;
      changes.push({ op: 'put', kind, record } as Change);
    }
  }
  if (historyIssues.length > 0) throw new ValidationError(historyIssues);
  return { changes, report };
}

/**
 * Referrals' and intro requests' histories with an entry after `now` (history-dates.ts), each named
 * by its path (/referrals/N/changes/M/at); reads the raw input, beside the schema's problems.
 */
function* checkDocumentFutureHistoriesSteps(input: unknown, now: Date): Steps<Issue[]> {
  const issues: Issue[] = [];
  for (const collection of ['referrals', 'introRequests'] as const) {
    const list = isObject(input) && Array.isArray(input[collection]) ? (input[collection] as unknown[]) : [];
    for (let i = 0; i < list.length; i++) {
      if (i % STEP_EVERY === STEP_EVERY - 1) yield;
      const r = list[i];
      if (!isObject(r)) continue;
      for (const f of futureEntries(r.changes, now)) issues.push({ path: jsonPointer([collection, i, 'changes', f.index, 'at']), message: f.message });
    }
  }
  return issues;
}

/** A person who would be their own private contact (ownPrivateContactProblem), named by its path; reads the raw input. */
function* checkDocumentPrivateToSteps(input: unknown): Steps<Issue[]> {
  const list = isObject(input) && Array.isArray(input.people) ? (input.people as unknown[]) : [];
  const issues: Issue[] = [];
  for (let i = 0; i < list.length; i++) {
    if (i % STEP_EVERY === STEP_EVERY - 1) yield;
    const p = list[i];
    if (!isObject(p) || typeof p.id !== 'string' || typeof p.privateTo !== 'string') continue;
    const problem = ownPrivateContactProblem({ id: p.id, privateTo: p.privateTo });
    if (problem !== undefined) issues.push({ path: jsonPointer(['people', i, 'privateTo']), message: problem });
  }
  return issues;
}

function zeroCounts(): CountsByCollection {
  const counts = {} as CountsByCollection;
  for (const kind of RECORD_KINDS) counts[COLLECTION_OF[kind]] = 0;
  return counts;
}
