/**
 * A large file import (CSV, vCard, .xlsx) read and planned on a worker thread, its plan coming
 * back as a stream of small messages (api/file-import-off-thread.ts starts it): reading a
 * million rows and deduplicating a million person drafts on the event loop fills the heap with
 * short-lived objects whose collection pauses the server for 100 ms and more at a time. On the
 * worker the drafts live and die in its own heap; the main thread receives only the plan as far
 * as the stored people decide it (graph/importers/plan.ts's PeoplePlan): the records to write (as
 * the document schema gives them, checked here), an array slice per message, and the report's
 * lists (a change per row) as JSON text, which the answer sends as it is.
 * The worker decodes the body as the in-process path does (api/request-body.ts), so a body that
 * cannot be read earns the same answer either way.
 */
import type { FileFormat } from '../graph/importers/formats.js';
import { readImport } from '../graph/importers/formats.js';
import type { DateOrder } from '../graph/importers/dates.js';
import { ImportFormatError, type ImportOption } from '../graph/importers/drafts.js';
import type { UpdatePolicy } from '../graph/importers/merge-people.js';
import { planPeopleSteps, type PeoplePlan } from '../graph/importers/plan.js';
import type { Person, StoredInteraction, StoredReferral } from '../graph/schema.js';
import { checkDocumentShape } from '../graph/service/import-document.js';
import { fromJsonBatches } from '../graph/support/json-batches.js';
import { runAtOnce } from '../graph/support/time-slices.js';
import { jsonArrayPieces } from './json-in-slices.js';
import { HttpProblem, type ProblemType } from './problem.js';
import { uploadedText, UploadText } from './request-body.js';

/** Records per message: cheap to clone and deserialize (well under a millisecond). */
export const ITEMS_PER_MESSAGE = 500;

/** What the worker is given: the body, how to read it, how to plan it, and the stored people (JSON batches). */
export interface FileImportTask {
  format: FileFormat;
  body: ArrayBuffer;
  /** The body is an Excel workbook (read whole), not text in `charset` (the request's, checked already). */
  workbook: boolean;
  charset: string | undefined;
  read: { map?: string; dateOrder?: DateOrder };
  plan: { owner?: string; update?: UpdatePolicy; dryRun?: boolean; importedBy?: string; shared?: boolean };
  /** The stored people the importer may see, and the ids they may not reuse (graph/support/json-batches.ts). */
  people: ArrayBuffer[];
  takenIds: ArrayBuffer[];
}

/** The report's lists: serialised on the worker and written to the answer as they came (api/json-in-slices.ts). */
const REPORT_LISTS = ['skipped', 'warnings', 'merges', 'ambiguous', 'changes'] as const;
/** The records the main thread writes, or compares with the stored ones: sent as objects, a slice at a time. */
const RECORD_LISTS = ['upserts', 'interactions', 'referrals'] as const;
type ReportList = (typeof REPORT_LISTS)[number];
type RecordList = (typeof RECORD_LISTS)[number];
/** The plan's counts and such, and whether its records passed the document schema on the worker (and are its output). */
type Head = Omit<PeoplePlan, ReportList | RecordList> & { checked: boolean };

export type FileImportMessage =
  | { kind: 'head'; head: Head }
  | { kind: 'json'; list: ReportList; piece: Uint8Array }
  | { kind: 'items'; list: RecordList; items: unknown[] }
  | { kind: 'done' }
  | { kind: 'unreadable'; message: string; option: ImportOption | undefined; hint: string | undefined }
  | { kind: 'problem'; problemType: ProblemType; detail: string | undefined; members: Record<string, unknown> | undefined };

/** The plan as the main thread gets it back. */
export interface PlanFromWorker extends Pick<PeoplePlan, RecordList> {
  head: Head;
  /** The report's lists as comma-joined JSON pieces. */
  json: Record<ReportList, Uint8Array[]>;
}

/** Worker side: reads and plans the task; the plan's messages, or the one message saying why the file cannot be imported. */
export async function fileImportMessages(task: FileImportTask): Promise<Iterable<FileImportMessage>> {
  try {
    return planMessages(await planPeople(task));
  } catch (err) {
    if (err instanceof ImportFormatError) return [{ kind: 'unreadable', message: err.message, option: err.option, hint: err.hint }];
    if (err instanceof HttpProblem) return [{ kind: 'problem', problemType: err.problemType, detail: err.detail, members: err.extra.members }];
    throw err;
  }
}

/** The buffers a message hands over instead of copying. */
export const transferOf = (message: FileImportMessage): ArrayBuffer[] => (message.kind === 'json' ? [message.piece.buffer as ArrayBuffer] : []);

async function planPeople(task: FileImportTask): Promise<PeoplePlan> {
  const chunk = Buffer.from(task.body);
  const text = await uploadedText({ chunks: [chunk], length: chunk.length }, task.workbook ? undefined : new UploadText(task.charset));
  const parsed = await readImport(task.format, text, task.read);
  const takenIds = new Set(fromJsonBatches<string>(task.takenIds));
  return runAtOnce(planPeopleSteps(parsed, fromJsonBatches<Person>(task.people), { ...task.plan, takenIds }));
}

/**
 * The plan's records through the document schema, as the import will check them, here rather than
 * on the event loop: true, and each record paired with the schema's output, when all pass; when
 * one does not (an edge the planner's own record checks let through) the import checks them
 * itself and reports what the in-process import reports.
 */
function checkShape(plan: PeoplePlan): boolean {
  const shape = checkDocumentShape({ people: plan.upserts, interactions: plan.interactions.map((c) => c.record), referrals: plan.referrals.map((c) => c.record) });
  if (!shape.success) return false;
  plan.upserts = shape.data.people;
  plan.interactions.forEach((c, i) => (c.checked = shape.data.interactions[i] as StoredInteraction));
  plan.referrals.forEach((c, i) => (c.checked = shape.data.referrals[i] as StoredReferral));
  return true;
}

function* planMessages(plan: PeoplePlan): Generator<FileImportMessage, void, undefined> {
  const checked = checkShape(plan);
  const { skipped: _s, warnings: _w, merges: _m, ambiguous: _a, changes: _c, upserts: _u, interactions: _i, referrals: _r, ...head } = plan;
  yield { kind: 'head', head: { ...head, checked } };
  for (const list of REPORT_LISTS) for (const piece of jsonArrayPieces(plan[list])) yield { kind: 'json', list, piece };
  for (const list of RECORD_LISTS) {
    const items: unknown[] = plan[list];
    for (let i = 0; i < items.length; i += ITEMS_PER_MESSAGE) yield { kind: 'items', list, items: items.slice(i, i + ITEMS_PER_MESSAGE) };
  }
  yield { kind: 'done' };
}

/** Main side: the plan put back together from its messages. */
export class PlanAssembler {
  private head: Head | undefined;
  private readonly json: PlanFromWorker['json'] = { skipped: [], warnings: [], merges: [], ambiguous: [], changes: [] };
  private readonly records: Record<RecordList, unknown[]> = { upserts: [], interactions: [], referrals: [] };
  result: PlanFromWorker | undefined;

  /** Takes one message; true when it was the last. Throws the error the file earned for 'unreadable' and 'problem'. */
  add(message: FileImportMessage): boolean {
    switch (message.kind) {
      case 'head':
        this.head = message.head;
        return false;
      case 'json':
        this.json[message.list].push(message.piece);
        return false;
      case 'items': {
        const list = this.records[message.list];
        for (const item of message.items) list.push(item);
        return false;
      }
      case 'done':
        this.result = { head: this.head!, json: this.json, ...(this.records as Pick<PeoplePlan, RecordList>) };
        return true;
      case 'unreadable':
        throw new ImportFormatError(message.message, message.option, message.hint);
      case 'problem':
        throw new HttpProblem(message.problemType, message.detail, message.members ? { members: message.members } : {});
    }
  }
}
