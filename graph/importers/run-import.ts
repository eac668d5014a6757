/**
 * The import use-case: read a file, plan it against the network as it is now, and (unless it is a
 * dry run) write the plan through the network service's atomic document import. The HTTP route
 * and the CLI's embedded mode both call this, so a file imports the same way everywhere.
 */
import type { LiveNetwork } from '../live-network.js';
import type { TextParts } from './csv-rows.js';
import { readImport, type FileFormat, type ReadOptions } from './formats.js';
import { runInSlices } from '../support/time-slices.js';
import { planFileImportSteps, type ExistingNetwork, type FileImportPlan, type PlanOptions } from './plan.js';
import type { FileImportReport } from './report.js';
import type { Actor } from '../service/permissions.js';
import type { DocumentShape } from '../service/import-document.js';
import type { Clock } from '../support/clock.js';
import { maySeePerson, viewerOfActor, withheldPeople, type ContactViewer, type Writer } from '../service/contact-visibility.js';

/** What the import needs from graph/service/network-service.ts (structural, so either side can evolve). */
export interface ImportService {
  readonly network: LiveNetwork;
  /** The server's now, which importDocument checks a record replacing a stored one against (the plan checks each row the same way first). */
  readonly clock: Clock;
  /**
   * Validates and upserts a network document atomically (`shape`: the schema's verdict on it, when
   * checked already); rejects with ValidationError (ForbiddenError when the actor may not). A dry run checks and writes nothing.
   */
  importDocument(document: unknown, shape?: DocumentShape, writer?: Writer, options?: { dryRun?: boolean }): Promise<{ version: number }>;
}

/** A plan to write: its records, its report (in whatever form the caller sends it), and the records' schema verdict if known. */
export interface PlanToApply<R> {
  document: FileImportPlan['document'];
  report: R;
  shape?: DocumentShape | undefined;
}

export type ImportPhase = 'reading' | 'matching' | 'writing';

export interface ImportFileOptions extends Omit<ReadOptions, 'onProgress'>, PlanOptions {
  onProgress?: (phase: ImportPhase, fraction: number) => void;
  /** The signed-in account importing, whose write permissions apply (graph/service/permissions.ts). */
  actor?: Actor | undefined;
  /** Whose eyes the import is for: people withheld from them are neither matched nor reported (default: the actor's). */
  viewer?: ContactViewer | undefined;
}

/** The stored network as the planner sees it (as the viewer may see it), after catching up with other writers. */
export async function existingNetwork(network: LiveNetwork, viewer?: ContactViewer): Promise<ExistingNetwork> {
  await network.sync();
  const maps = network.records.maps;
  if (viewer === undefined || viewer.seesAll) return { people: maps.person.values(), interactions: maps.interaction, referrals: maps.referral };
  return { people: [...maps.person.values()].filter((p) => maySeePerson(viewer, p)), interactions: maps.interaction, referrals: maps.referral };
}

/** Imports file text (whole or in the parts it arrived in) in `format`; with dryRun, reports what would change and writes nothing. */
export async function importFile(service: ImportService, format: FileFormat, text: TextParts, options: ImportFileOptions = {}): Promise<FileImportReport> {
  return applyPlan(service, await readAndPlan(service, format, text, options), options);
}

/**
 * Writes a file's plan through the atomic document import and answers its report; a dry run
 * makes every check the write would (validation, the actor's permissions, 403 included) and
 * writes nothing.
 */
export async function applyPlan<R extends object>(service: ImportService, { document, report, shape }: PlanToApply<R>, options: ImportFileOptions): Promise<R & { version?: number }> {
  const progress = options.onProgress;
  progress?.('matching', 1);
  const changes = document.people.length + document.interactions.length + document.referrals.length;
  if (changes === 0) return report;
  const writer: Writer = { actor: options.actor, viewer: options.viewer ?? viewerOfActor(options.actor) };
  if (options.dryRun) {
    await service.importDocument(document, shape, writer, { dryRun: true });
    return report;
  }
  progress?.('writing', 0);
  const { version } = await service.importDocument(document, shape, writer);
  progress?.('writing', 1);
  return { ...report, version };
}

/** What planning needs besides the file: the stored network as the importing viewer sees it, and the plan's options. */
export async function planningContext(service: ImportService, options: ImportFileOptions): Promise<{ existing: ExistingNetwork; planOptions: PlanOptions }> {
  const viewer = options.viewer ?? viewerOfActor(options.actor);
  const existing = await existingNetwork(service.network, viewer);
  const planOptions = { ...options, takenIds: withheldPeople(service.network.records, viewer), now: service.clock(), ...(options.actor && { importedBy: options.actor.person }) };
  return { existing, planOptions };
}

/**
 * The file read and planned. A function of its own so that the drafts (a few hundred bytes a row)
 * are garbage once the plan exists, not kept alive through the write by the caller's frame.
 */
async function readAndPlan(service: ImportService, format: FileFormat, text: TextParts, options: ImportFileOptions): Promise<FileImportPlan> {
  const progress = options.onProgress;
  const parsed = await readImport(format, text, {
    ...(options.map !== undefined && { map: options.map }),
    ...(options.dateOrder && { dateOrder: options.dateOrder }),
    ...(progress && { onProgress: (f: number) => progress('reading', f) }),
  });
  progress?.('matching', 0);
  const { existing, planOptions } = await planningContext(service, options);
  return runInSlices(planFileImportSteps(parsed, existing, planOptions));
}
