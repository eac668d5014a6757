/**
 * A large file import (CSV, vCard, .xlsx) read and planned on a worker thread, its plan coming
 * back as a stream of small messages (api/file-import-off-thread.ts starts it): reading a
 * million rows and deduplicating a million person drafts on the event loop fills the heap with
 * short-lived objects whose collection pauses the server for 100 ms and more at a time. On the
 * worker the drafts live and die in its own heap; the main thread receives only the plan as far
 * as the stored people decide it (graph/importers/plan.ts's PeoplePlan), an array slice per message.
 * The worker decodes the body as the in-process path does (api/request-body.ts), so a body that
 * cannot be read earns the same answer either way.
 */
import type { FileFormat } from '../graph/importers/formats.js';
import { readImport } from '../graph/importers/formats.js';
import type { DateOrder } from '../graph/importers/dates.js';
import { ImportFormatError, type ImportOption } from '../graph/importers/drafts.js';
import type { UpdatePolicy } from '../graph/importers/merge-people.js';
import { planPeopleSteps, type PeoplePlan } from '../graph/importers/plan.js';
import type { Person } from '../graph/schema.js';
import { fromJsonBatches } from '../graph/support/json-batches.js';
import { runAtOnce } from '../graph/support/time-slices.js';
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

/** The plan's arrays, sent a slice at a time; everything else comes in the head. */
const LISTS = ['skipped', 'warnings', 'merges', 'changes', 'upserts', 'interactions', 'referrals'] as const;
type ListKey = (typeof LISTS)[number];
type Head = Omit<PeoplePlan, ListKey>;

export type FileImportMessage =
  | { kind: 'head'; head: Head }
  | { kind: 'items'; list: ListKey; items: unknown[] }
  | { kind: 'done' }
  | { kind: 'unreadable'; message: string; option: ImportOption | undefined }
  | { kind: 'problem'; problemType: ProblemType; detail: string | undefined; members: Record<string, unknown> | undefined };

/** Worker side: reads and plans the task; the plan's messages, or the one message saying why the file cannot be imported. */
export async function fileImportMessages(task: FileImportTask): Promise<Iterable<FileImportMessage>> {
  try {
    return planMessages(await planPeople(task));
  } catch (err) {
    if (err instanceof ImportFormatError) return [{ kind: 'unreadable', message: err.message, option: err.option }];
    if (err instanceof HttpProblem) return [{ kind: 'problem', problemType: err.problemType, detail: err.detail, members: err.extra.members }];
    throw err;
  }
}

async function planPeople(task: FileImportTask): Promise<PeoplePlan> {
  const chunk = Buffer.from(task.body);
  const text = await uploadedText({ chunks: [chunk], length: chunk.length }, task.workbook ? undefined : new UploadText(task.charset));
  const parsed = await readImport(task.format, text, task.read);
  const takenIds = new Set(fromJsonBatches<string>(task.takenIds));
  return runAtOnce(planPeopleSteps(parsed, fromJsonBatches<Person>(task.people), { ...task.plan, takenIds }));
}

function* planMessages(plan: PeoplePlan): Generator<FileImportMessage, void, undefined> {
  const { skipped: _s, warnings: _w, merges: _m, changes: _c, upserts: _u, interactions: _i, referrals: _r, ...head } = plan;
  yield { kind: 'head', head };
  for (const list of LISTS) {
    const items: unknown[] = plan[list];
    for (let i = 0; i < items.length; i += ITEMS_PER_MESSAGE) yield { kind: 'items', list, items: items.slice(i, i + ITEMS_PER_MESSAGE) };
  }
  yield { kind: 'done' };
}

/** Main side: the plan put back together from its messages. */
export class PeoplePlanAssembler {
  private head: Head | undefined;
  private readonly lists: Record<ListKey, unknown[]> = { skipped: [], warnings: [], merges: [], changes: [], upserts: [], interactions: [], referrals: [] };
  plan: PeoplePlan | undefined;

  /** Takes one message; true when it was the last. Throws the error the file earned for 'unreadable' and 'problem'. */
  add(message: FileImportMessage): boolean {
    switch (message.kind) {
      case 'head':
        this.head = message.head;
        return false;
      case 'items': {
        const list = this.lists[message.list];
        for (const item of message.items) list.push(item);
        return false;
      }
      case 'done':
        this.plan = { ...this.head!, ...(this.lists as Pick<PeoplePlan, ListKey>) };
        return true;
      case 'unreadable':
        throw new ImportFormatError(message.message, message.option);
      case 'problem':
        throw new HttpProblem(message.problemType, message.detail, message.members ? { members: message.members } : {});
    }
  }
}
