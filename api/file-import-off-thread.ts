/**
 * POST /api/import of a large file (over OFF_THREAD_BYTES): read, deduplicated and planned on a
 * worker thread (api/file-import-messages.ts), so the event loop never holds the million drafts
 * of a million-row file. The main thread hands over the body's bytes and the stored people the
 * importer may see, takes the plan back in paced messages (the records to write, already checked
 * against the document schema, and the report's lists as JSON text it never parses), compares the
 * interactions and referrals with the stored ones (millions, so they stay here), and writes it as
 * every import does (graph/importers/run-import.ts's applyPlan): the same report byte for byte,
 * the same errors, nothing written when anything fails. Smaller files are planned in process: a
 * worker costs more than it saves.
 */
import type { FileFormat } from '../graph/importers/formats.js';
import { settleLinksSteps, withSkippedRows } from '../graph/importers/plan.js';
import type { SkippedRow } from '../graph/importers/drafts.js';
import { emptyDocument } from '../graph/schema.js';
import type { FileImportReport } from '../graph/importers/report.js';
import { applyPlan, planningContext, type ImportFileOptions, type ImportService } from '../graph/importers/run-import.js';
import { toJsonBatches } from '../graph/support/json-batches.js';
import { siblingModule } from '../graph/support/project-files.js';
import { runInSlices, TimeSlicer } from '../graph/support/time-slices.js';
import { streamFromWorker } from '../graph/support/worker-stream.js';
import { PlanAssembler, type FileImportMessage, type FileImportTask } from './file-import-messages.js';
import { JsonArrayPieces, jsonArrayPieces } from './json-in-slices.js';

/** Bodies above this size are planned on a worker (below it, reading and planning take a few milliseconds). */
export const OFF_THREAD_BYTES = 256 * 1024;

const WORKER = siblingModule('./file-import-worker', import.meta.url);

/** A whole upload: its bytes (handed over to the worker, not copied) and how to decode them. */
export interface FileUpload {
  bytes: ArrayBuffer;
  /** An Excel workbook rather than text. */
  workbook: boolean;
  /** The request's charset (checked before the body was read). */
  charset: string | undefined;
}

/** importFile (graph/importers/run-import.ts) for an upload, with the reading and planning on a worker. */
export async function importFileOffThread(service: ImportService, format: FileFormat, upload: FileUpload, options: ImportFileOptions): Promise<OffThreadReport> {
  const { existing, planOptions } = await planningContext(service, options);
  const people = await toJsonBatches(existing.people);
  const takenIds = await toJsonBatches(planOptions.takenIds ?? []);
  const { owner, update, dryRun, importedBy, shared } = planOptions;
  const task: FileImportTask = {
    format,
    body: upload.bytes,
    workbook: upload.workbook,
    charset: upload.charset,
    read: { ...(options.map !== undefined && { map: options.map }), ...(options.dateOrder && { dateOrder: options.dateOrder }) },
    plan: { ...(owner !== undefined && { owner }), ...(update && { update }), ...(dryRun !== undefined && { dryRun }), ...(importedBy !== undefined && { importedBy }), ...(shared !== undefined && { shared }) },
    people,
    takenIds,
  };
  const assembler = new PlanAssembler();
  await streamFromWorker(WORKER, task, [upload.bytes, ...people, ...takenIds], (message) => assembler.add(message as FileImportMessage));
  const plan = assembler.result!;
  const links = await runInSlices(settleLinksSteps(plan, existing, service.clock()));
  const { format: read, dryRun: dry, people: counts, duplicates, checked } = plan.head;
  const json = plan.json;
  const { rows, skipped } = links.skipped.length === 0 ? { rows: plan.head.rows, skipped: json.skipped } : await withSettledSkips(json.skipped, links.skipped, plan.head.rows.read);
  // FileImportReport's members in its order, so the answer is byte for byte the in-process one's.
  const report = {
    format: read,
    dryRun: dry,
    rows,
    skipped: new JsonArrayPieces(skipped),
    warnings: new JsonArrayPieces(json.warnings),
    people: counts,
    interactions: links.interactions,
    referrals: links.referrals,
    duplicates,
    merges: new JsonArrayPieces(json.merges),
    ambiguous: new JsonArrayPieces(json.ambiguous),
    changes: new JsonArrayPieces([...json.changes, ...(await piecesInSlices(links.changes))]),
  };
  const document = { people: plan.upserts, ...links.document };
  return applyPlan(service, { document, report, ...(checked && { shape: { success: true, data: { ...emptyDocument(), ...document } } }) }, options);
}

/** A file import report whose lists are JSON text (for sendJsonInSlices). */
export type OffThreadReport = Omit<FileImportReport, 'skipped' | 'warnings' | 'merges' | 'ambiguous' | 'changes'> & Record<'skipped' | 'warnings' | 'merges' | 'ambiguous' | 'changes', JsonArrayPieces>;

/**
 * The worker's skipped rows (JSON pieces, each whole elements) with the rows settling the links
 * skipped (rows whose record may not replace a stored one), in row order as the in-process report
 * has them, and the row counts: read back a piece at a time, only when there are such rows.
 */
async function withSettledSkips(pieces: readonly Uint8Array[], more: readonly SkippedRow[], read: number, slicer = new TimeSlicer()): Promise<{ rows: FileImportReport['rows']; skipped: Uint8Array[] }> {
  const decoder = new TextDecoder();
  const planned: SkippedRow[] = [];
  for (const piece of pieces) {
    for (const s of JSON.parse(`[${decoder.decode(piece)}]`) as SkippedRow[]) planned.push(s);
    if (slicer.due()) await slicer.pause();
  }
  const merged = withSkippedRows(planned, more, read);
  return { rows: merged.rows, skipped: await piecesInSlices(merged.skipped, slicer) };
}

async function piecesInSlices(items: unknown[], slicer = new TimeSlicer()): Promise<Uint8Array[]> {
  const pieces: Uint8Array[] = [];
  for (const piece of jsonArrayPieces(items)) {
    pieces.push(piece);
    if (slicer.due()) await slicer.pause();
  }
  return pieces;
}
